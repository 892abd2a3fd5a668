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

    /** {@code value} as JSON: the bytes {@code Json.mapper().writeValueAsBytes(value)} gives. */
    public static <T> byte[] write(JsonCodec<T> codec, T value) throws IOException {
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
