package io.asyncapikafka.codegen.types;

/**
 * How a message key goes on the wire, so the Kafka API generators can pick the runtime's {@code KeyCodec} without
 * looking at schemas. Scalar keys travel as UTF-8 text (a {@code long} 42 is the two bytes {@code "42"}), readable by
 * every tool and language, rather than Kafka's 4/8-byte binary integer serializers.
 */
public enum KeyEncoding {
    /** The message declares no key schema; records are sent without a typed key. */
    NONE,
    /** {@code String}, UTF-8 ({@code KeyCodec.string()}). */
    STRING,
    /** {@code java.util.UUID}, its canonical text form in UTF-8 ({@code KeyCodec.uuid()}). */
    UUID,
    /** {@code Integer} as decimal text ({@code KeyCodec.int32()}). */
    INTEGER,
    /** {@code Long} as decimal text ({@code KeyCodec.int64()}). */
    LONG,
    /** Any other key type (a generated record, an enum, a date, a number): JSON with the runtime's mapper. */
    JSON
}
