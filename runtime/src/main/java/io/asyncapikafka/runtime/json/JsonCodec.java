package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads and writes one type on Jackson's streaming API, as {@link Json#mapper()} would: the same bytes out, the same
 * values (and the same refusals) in. The generator emits one per payload record whose members all stream (see
 * {@link Streamed}); {@link JsonStreams} holds the ones for scalars and containers.
 *
 * @param <T> the type
 */
public interface JsonCodec<T> {

    /** Writes a non-null {@code value} at the generator's position. */
    void write(JsonGenerator g, T value) throws IOException;

    /**
     * Reads the value starting at the parser's current token, which is not {@code null} nor {@code VALUE_NULL} (the
     * caller decides what a JSON null means); leaves the parser on the value's last token.
     */
    T read(JsonParser p) throws IOException;
}
