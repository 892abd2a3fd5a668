package io.asyncapikafka.runtime;

import org.apache.kafka.common.header.Headers;

/**
 * Converts a generated headers record to Kafka headers and back. Generated codecs use {@link HeaderValues} so every
 * header is UTF-8 text on the wire. {@link #read} may throw {@link ContractViolationException} for a missing
 * required header; the consumer dead-letters such a record.
 *
 * @param <H> the headers record type
 */
public interface HeadersCodec<H> {

    /** Adds the values of {@code headers} to {@code target}. */
    void write(H headers, Headers target);

    /** Reads the headers record from received headers. */
    H read(Headers source);

    /** For messages without declared headers. */
    static HeadersCodec<Void> none() {
        return new HeadersCodec<>() {
            @Override
            public void write(Void headers, Headers target) {
                // nothing declared, nothing written
            }

            @Override
            public Void read(Headers source) {
                return null;
            }
        };
    }
}
