package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Schema;
import java.util.UUID;

/**
 * The Java types of a message's payload, headers and key, as the types generator named them. The Kafka API only
 * refers to these types; it never generates them.
 */
interface MessageTypes {

    TypeName payload(Message message);

    /** The headers record, or {@code null} when the message declares no headers. */
    TypeName headers(Message message);

    /** The key type, or {@code null} when the message binding declares no key. */
    TypeName key(Message message);

    /**
     * Types used before a types generator is wired in (and for messages it did not type): payloads as
     * {@code JsonNode}, no headers record, keys as {@code String}/{@code UUID}/{@code Long} by schema, else
     * {@code JsonNode}.
     */
    static MessageTypes untyped(AsyncApiModel model) {
        ClassName json = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
        return new MessageTypes() {
            @Override
            public TypeName payload(Message message) {
                return json;
            }

            @Override
            public TypeName headers(Message message) {
                return null;
            }

            @Override
            public TypeName key(Message message) {
                if (message.key() == null) {
                    return null;
                }
                Schema s = model.resolve(message.key());
                if (s instanceof Schema.StringSchema str) {
                    return "uuid".equals(str.format()) ? ClassName.get(UUID.class) : ClassName.get(String.class);
                }
                if (s instanceof Schema.NumberSchema n && n.integer()) {
                    return ClassName.get(Long.class);
                }
                return json;
            }
        };
    }
}
