package io.asyncapikafka.codegen.types;

/**
 * How a message key goes on the wire, so the Kafka API generators can pick the serializer without looking at schemas.
 */
public enum KeyEncoding {
    /** The message declares no key schema; records are sent without a typed key. */
    NONE,
    /** {@code String}, UTF-8 ({@code StringSerializer}). */
    STRING,
    /** {@code java.util.UUID} ({@code UUIDSerializer}: its canonical string, UTF-8). */
    UUID,
    /** {@code Integer}, 4 bytes big-endian ({@code IntegerSerializer}). */
    INTEGER,
    /** {@code Long}, 8 bytes big-endian ({@code LongSerializer}). */
    LONG,
    /** Any other key type (a generated record, an enum, a date, a number): JSON with the runtime's mapper. */
    JSON
}
