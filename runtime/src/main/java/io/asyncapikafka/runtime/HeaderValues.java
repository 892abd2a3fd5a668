package io.asyncapikafka.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.asyncapikafka.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reading and writing Kafka headers as UTF-8 text; used by the runtime and by generated headers records.
 *
 * <p>The {@code put*} and typed {@code get*} methods are what generated headers records call, so that conversion
 * lives here (fixable without regenerating) instead of in a private copy per record. Strings, numbers, booleans and
 * UUIDs are converted directly; only other values (dates, decimals, objects) go through the JSON mapper. A value
 * travels as its text: strings bare, other values as their JSON text ({@code 42}, {@code true}).
 */
public final class HeaderValues {

    private HeaderValues() {}

    /** The last value of header {@code name} as text, if present. */
    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The last value of header {@code name}, or {@code null}. */
    public static String getOrNull(Headers headers, String name) {
        return get(headers, name).orElse(null);
    }

    /** Sets header {@code name} to {@code value}, replacing every earlier value; a {@code null} value removes it. */
    public static void set(Headers headers, String name, String value) {
        Objects.requireNonNull(name, "name");
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The value of a header that must be present, for generated codecs.
     *
     * @throws ContractViolationException if it is missing
     */
    public static String required(Headers headers, String name) {
        return get(headers, name).orElseThrow(() -> new ContractViolationException("headers",
                java.util.List.of(new Violation("$." + name, "is required but missing"))));
    }

    /** Sets header {@code name} to {@code value}, replacing earlier values; a {@code null} value changes nothing. */
    public static void putString(Headers headers, String name, String value) {
        if (value != null) {
            Objects.requireNonNull(name, "name");
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** As {@link #putString}, with the decimal text of {@code value}. */
    public static void putLong(Headers headers, String name, Long value) {
        putString(headers, name, value == null ? null : value.toString());
    }

    /** As {@link #putString}, with the decimal text of {@code value}. */
    public static void putInt(Headers headers, String name, Integer value) {
        putString(headers, name, value == null ? null : value.toString());
    }

    /** As {@link #putString}, with {@code true} or {@code false}. */
    public static void putBoolean(Headers headers, String name, Boolean value) {
        putString(headers, name, value == null ? null : value.toString());
    }

    /** As {@link #putString}, with the canonical (lower-case) text of {@code value}. */
    public static void putUuid(Headers headers, String name, UUID value) {
        putString(headers, name, value == null ? null : value.toString());
    }

    /**
     * As {@link #putString}, for any other value: a value that serializes to a JSON string (a date, a string enum)
     * travels as that bare string, anything else as its JSON text.
     */
    public static void putJson(Headers headers, String name, Object value) {
        if (value != null) {
            JsonNode node = Json.mapper().valueToTree(value);
            putString(headers, name, node.isTextual() ? node.textValue() : node.toString());
        }
    }

    /** The last value of header {@code name} as text, or {@code null} when absent. */
    public static String getString(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * The last value of header {@code name} converted by {@code parser} (e.g. a generated enum's {@code fromValue}),
     * or {@code null} when absent.
     *
     * @throws IllegalArgumentException naming the header when {@code parser} rejects the text
     */
    public static <T> T get(Headers headers, String name, Function<String, ? extends T> parser) {
        String text = getString(headers, name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e);
        }
    }

    /** A decimal {@code long}, or {@code null} when absent; {@link IllegalArgumentException} when not one. */
    public static Long getLong(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        long plain = plainDecimal(header.value(), 18);
        return plain != NOT_PLAIN ? Long.valueOf(plain) : get(headers, name, Long::valueOf);
    }

    /** A decimal {@code int}, or {@code null} when absent; {@link IllegalArgumentException} when not one. */
    public static Integer getInt(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        long plain = plainDecimal(header.value(), 9);
        return plain != NOT_PLAIN ? Integer.valueOf((int) plain) : get(headers, name, Integer::valueOf);
    }

    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /**
     * {@code -?[0-9]{1,maxDigits}} read straight from the bytes (too few digits to overflow), else {@link #NOT_PLAIN}
     * and the caller parses the text as before (a sign, more digits, non-ASCII digits, an error to report).
     */
    private static long plainDecimal(byte[] value, int maxDigits) {
        int i = value.length > 0 && value[0] == '-' ? 1 : 0;
        int digits = value.length - i;
        if (digits < 1 || digits > maxDigits) {
            return NOT_PLAIN;
        }
        long n = 0;
        for (; i < value.length; i++) {
            int d = value[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_PLAIN;
            }
            n = n * 10 + d;
        }
        return value[0] == '-' ? -n : n;
    }

    /** {@code true} or {@code false}, or {@code null} when absent; {@link IllegalArgumentException} otherwise. */
    public static Boolean getBoolean(Headers headers, String name) {
        return get(headers, name, HeaderValues::parseBoolean);
    }

    /** A UUID, or {@code null} when absent; {@link IllegalArgumentException} when not one. */
    public static UUID getUuid(Headers headers, String name) {
        return get(headers, name, UUID::fromString);
    }

    /**
     * Any other value, through the JSON mapper, or {@code null} when absent.
     *
     * @param textual whether the value travels as a bare string (dates, string constants) rather than JSON text
     * @throws IllegalArgumentException naming the header when the text does not convert to {@code type}
     */
    public static <T> T getJson(Headers headers, String name, JavaType type, boolean textual) {
        String text = getString(headers, name);
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = textual ? TextNode.valueOf(text) : Json.mapper().readTree(text);
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(name, e);
        }
    }

    /** Stricter than {@link Boolean#parseBoolean}, which reads any typo as {@code false}. */
    private static Boolean parseBoolean(String text) {
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: \"" + text + "\"");
    }

    private static IllegalArgumentException invalid(String name, Exception cause) {
        return new IllegalArgumentException(
                "header " + name + " does not hold a valid value: " + cause.getMessage(), cause);
    }
}
