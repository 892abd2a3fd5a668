package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * The Java types of one message as the types generator made them: payload, headers record and key with its wire
 * encoding. The Kafka API refers to these types and never generates them.
 *
 * @param payload the payload type (a reference type)
 * @param headers the headers record ({@code fromKafkaHeaders(Headers)} / {@code writeTo(Headers)}), or {@code null}
 * @param key the key type, or {@code null} when the message binding declares no key
 * @param keyCodec how the key goes on the wire; {@link KeyCodecKind#NONE} exactly when {@code key} is {@code null}
 * @param eventIdAccessor the payload accessor giving the event id, as the type plan named it, or {@code null}
 * @param businessKeyAccessor the payload accessor giving the business key, or {@code null}
 */
record MessageJavaTypes(TypeName payload, ClassName headers, TypeName key, KeyCodecKind keyCodec,
        String eventIdAccessor, String businessKeyAccessor) {

    /** The runtime {@code KeyCodec} factory a key uses. */
    enum KeyCodecKind {
        NONE,
        STRING,
        UUID,
        INT32,
        INT64,
        JSON
    }

    MessageJavaTypes {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(keyCodec, "keyCodec");
        if ((key == null) != (keyCodec == KeyCodecKind.NONE)) {
            throw new IllegalArgumentException("a key has a type exactly when it has a codec");
        }
        payload = payload.box();
        key = key == null ? null : key.box();
    }

    /** Types without an event id or business key. */
    MessageJavaTypes(TypeName payload, ClassName headers, TypeName key, KeyCodecKind keyCodec) {
        this(payload, headers, key, keyCodec, null, null);
    }

    boolean hasKey() {
        return key != null;
    }

    boolean hasHeaders() {
        return headers != null;
    }

    /** The {@code K} type argument: the key type, or {@code Void}. */
    TypeName keyArgument() {
        return key == null ? ClassName.get(Void.class) : key;
    }

    /** The {@code H} type argument: the headers record, or {@code Void}. */
    TypeName headersArgument() {
        return headers == null ? ClassName.get(Void.class) : headers;
    }
}
