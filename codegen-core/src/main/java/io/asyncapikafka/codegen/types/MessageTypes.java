package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;
import java.util.Optional;

/**
 * The generated Java types of one message.
 *
 * @param messageName the message name (the {@code ce_type} on the wire)
 * @param payload the payload type: usually a generated record or sealed interface; {@code JsonNode} for {@code {}} or
 *     a missing payload, a JDK type for scalar payloads
 * @param payloadValidatable the payload type implements {@code io.asyncapikafka.runtime.Validatable}
 * @param headers the generated headers record (with {@code toKafkaHeaders()}, {@code writeTo(Headers)} and
 *     {@code static fromKafkaHeaders(Headers)}), or {@code null} when the message declares no headers
 * @param key the key type and encoding
 * @param eventIdAccessor the payload record's accessor that gives the event id ({@code ce_id}, technical dedup), as the
 *     type plan named the component, or {@code null} when the message has none
 * @param businessKeyAccessor the payload record's accessor that gives the business key (functional dedup), or
 *     {@code null}
 */
public record MessageTypes(
        String messageName, TypeName payload, boolean payloadValidatable, ClassName headers, KeyType key,
        String eventIdAccessor, String businessKeyAccessor) {

    public MessageTypes {
        Objects.requireNonNull(messageName, "messageName");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
    }

    public Optional<ClassName> headersType() {
        return Optional.ofNullable(headers);
    }
}
