package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/** Finds a type's generated {@link JsonCodec} and runs it on bytes, as {@code ObjectWriter}/{@code ObjectReader} do. */
public final class JsonCodecs {

    private static final ClassValue<Optional<JsonCodec<?>>> CODECS = new ClassValue<>() {
        @Override
        protected Optional<JsonCodec<?>> computeValue(Class<?> type) {
            Streamed s = type.getAnnotation(Streamed.class);
            if (s == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(s.value().getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the JSON codec " + s.value().getName() + " of "
                        + type.getName(), e);
            }
        }
    };

    private JsonCodecs() {}

    /** The streaming codec of {@code type}, when it has one ({@link Streamed}). */
    @SuppressWarnings("unchecked") // the annotation's codec is for the annotated type
    public static <T> Optional<JsonCodec<T>> of(Class<T> type) {
        return (Optional<JsonCodec<T>>) (Optional<?>) CODECS.get(type);
    }

    /**
     * {@code value} as JSON: the bytes {@code Json.mapper().writeValueAsBytes(value)} gives.
     *
     * <p>Each thread keeps one open generator over a growable buffer and writes every value as a root value of it
     * (with no separator between values), copying out each value's bytes. That skips what a generator per value
     * costs (the I/O context, the recycled buffers taken and returned, the generator itself), about a fifth of a
     * small payload's encoding. A write that fails drops the thread's generator: its state is then unknown.
     */
    public static <T> byte[] write(JsonCodec<T> codec, T value) throws IOException {
        Writer w = WRITERS.get();
        if (w.busy) { // a codec that writes another value through this class while writing: give it its own
            return writeOnce(codec, value);
        }
        w.busy = true;
        boolean written = false;
        try {
            if (value == null) {
                w.generator.writeNull();
            } else {
                codec.write(w.generator, value);
            }
            w.generator.flush();
            byte[] bytes = Arrays.copyOf(w.buffer, w.count);
            written = true;
            return bytes;
        } finally {
            w.busy = false;
            if (written) {
                w.reset();
            } else {
                WRITERS.remove();
            }
        }
    }

    private static <T> byte[] writeOnce(JsonCodec<T> codec, T value) throws IOException {
        JsonFactory f = Json.mapper().getFactory();
        // as ObjectWriter.writeValueAsBytes: one recycler (the factory's pool) for the builder, returned afterwards
        BufferRecycler recycler = f._getBufferRecycler();
        try (ByteArrayBuilder out = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator g = f.createGenerator(out, JsonEncoding.UTF8)) {
                if (value == null) {
                    g.writeNull();
                } else {
                    codec.write(g, value);
                }
            }
            return out.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
        }
    }

    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

    /** A thread's generator and the buffer it flushes into; the buffer shrinks back after an unusually large value. */
    private static final class Writer extends OutputStream {

        private static final int INITIAL = 1024;
        private static final int KEPT = 64 * 1024;

        final JsonGenerator generator;
        byte[] buffer = new byte[INITIAL];
        int count;
        boolean busy;

        Writer() {
            try {
                generator = Json.mapper().getFactory().createGenerator(this, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a JSON generator", e); // not for an in-memory stream
            }
            generator.setRootValueSeparator(null); // values follow one another; each is copied out on its own
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (count + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
            }
        }

        void reset() {
            count = 0;
            if (buffer.length > KEPT) {
                buffer = new byte[INITIAL];
            }
        }
    }

    /**
     * The value of {@code json}, as {@code Json.mapper().readValue(json, type)} reads it: JSON {@code null} is
     * {@code null}, empty input is refused, content after the value is not read.
     */
    public static <T> T read(JsonCodec<T> codec, byte[] json) throws IOException {
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw MismatchedInputException.from(p, (Class<?>) null, "No content to map due to end-of-input");
            }
            return t == JsonToken.VALUE_NULL ? null : codec.read(p);
        }
    }
}
