package io.asyncapikafka.runtime;

import java.util.Objects;

/**
 * A typed message: key, payload and headers record, as a producer sends it and a handler receives it.
 *
 * @param key the key, {@code null} when the message has none
 * @param payload the payload, never {@code null}
 * @param headers the headers record, {@code null} when the message declares none
 */
public record Message<K, V, H>(K key, V payload, H headers) {
    public Message {
        Objects.requireNonNull(payload, "payload");
    }
}
