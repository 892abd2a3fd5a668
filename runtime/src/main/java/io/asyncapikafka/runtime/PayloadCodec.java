package io.asyncapikafka.runtime;

import org.apache.kafka.common.header.Headers;

/**
 * Writes and reads one message's payload in a format other than JSON (Avro, ...). Codecs come from a
 * {@link PayloadCodecProvider} for a {@link PayloadFormat}, or are given to {@link MessageType#withPayloadCodec}.
 *
 * <p>Failures when reading: a value that cannot be decoded (truncated, wrong framing, unknown schema) throws any
 * exception but {@link SchemaUnavailableException} and is dead-lettered; a {@link SchemaUnavailableException} (the
 * schema registry cannot be reached) is an outage the consumer waits out, trying the record again, never dead-lettering
 * it.
 *
 * @param <V> payload type
 */
public interface PayloadCodec<V> {

    /** The {@code content-type} header value of records written by this codec. */
    String contentType();

    /**
     * The payload's bytes for a record to {@code topic} (a registry subject may be named after it); may add headers
     * (a schema id in a header).
     */
    byte[] encode(String topic, V payload, Headers headers) throws Exception;

    /** The payload of a record's value and headers. */
    V decode(byte[] value, Headers headers) throws Exception;
}
