package io.asyncapikafka.runtime;

import io.asyncapikafka.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns a record key into bytes and back. Scalar keys travel as UTF-8 text (readable in every tool and language:
 * a {@code long} key 42 is the two bytes {@code "42"}); object keys as JSON with the wire configuration of
 * {@link Json}. {@link #decode} throws on bytes it cannot read; the consumer then dead-letters the record.
 *
 * @param <K> the key type
 */
public interface KeyCodec<K> {

    /** The key's bytes; {@code null} for a {@code null} key. */
    byte[] encode(K key);

    /** The key read from bytes; {@code null} for {@code null} bytes. Throws if the bytes are not a valid key. */
    K decode(byte[] bytes);

    /** For messages without a key schema: writes no key and ignores any received key. */
    static KeyCodec<Void> none() {
        return new KeyCodec<>() {
            @Override
            public byte[] encode(Void key) {
                return null;
            }

            @Override
            public Void decode(byte[] bytes) {
                return null;
            }
        };
    }

    /** UTF-8 text keys. */
    static KeyCodec<String> string() {
        return text(Function.identity(), Function.identity());
    }

    /** UUID keys in their canonical text form. */
    static KeyCodec<UUID> uuid() {
        return text(UUID::toString, UUID::fromString);
    }

    /** {@code long} keys as decimal text. */
    static KeyCodec<Long> int64() {
        return text(String::valueOf, Long::valueOf);
    }

    /** {@code int} keys as decimal text. */
    static KeyCodec<Integer> int32() {
        return text(String::valueOf, Integer::valueOf);
    }

    /** Object keys (generated records) as JSON. */
    static <K> KeyCodec<K> json(Class<K> type) {
        Objects.requireNonNull(type, "type");
        return new KeyCodec<>() {
            @Override
            public byte[] encode(K key) {
                if (key == null) {
                    return null;
                }
                try {
                    return Json.mapper().writeValueAsBytes(key);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write key of type " + type.getName() + " as JSON", e);
                }
            }

            @Override
            public K decode(byte[] bytes) {
                if (bytes == null) {
                    return null;
                }
                try {
                    return Json.mapper().readValue(bytes, type);
                } catch (IOException e) {
                    throw new UncheckedIOException("key is not a valid " + type.getSimpleName() + " JSON document", e);
                }
            }
        };
    }

    /** A text key codec from a formatter and a parser (the parser throws on invalid text). */
    static <K> KeyCodec<K> text(Function<K, String> format, Function<String, K> parse) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(parse, "parse");
        return new KeyCodec<>() {
            @Override
            public byte[] encode(K key) {
                return key == null ? null : format.apply(key).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public K decode(byte[] bytes) {
                return bytes == null ? null : parse.apply(Utf8.decodeStrict(bytes));
            }
        };
    }
}
