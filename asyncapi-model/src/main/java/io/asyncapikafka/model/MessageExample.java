package io.asyncapikafka.model;

/**
 * One Message Example Object of a message (after traits are merged), as written: its values are plain literals
 * ({@code String}, {@code Boolean}, {@code BigDecimal}, {@code List}, ordered {@code Map} or {@link Schema.JsonNull}).
 *
 * @param name the example's {@code name}, or {@code null}
 * @param payload the example payload, or {@code null} when the example has none
 * @param headers the example headers (a map), or {@code null} when the example has none
 * @param index the example's position in the message's {@code examples} list
 * @param payloadLocation where the payload (else the example) is written
 * @param headersLocation where the headers (else the example) are written
 */
public record MessageExample(
        String name,
        Object payload,
        Object headers,
        int index,
        SourceLocation payloadLocation,
        SourceLocation headersLocation) {

    /** How the example is named in a diagnostic: its name, else its position. */
    public String label() {
        return name != null ? "'" + name + "'" : "#" + index;
    }
}
