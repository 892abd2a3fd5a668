package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.codegen.types.GeneratedTypes;
import io.asyncapikafka.codegen.types.KeyType;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Schema;

/** Where the Kafka API finds the Java types of a message. */
@FunctionalInterface
interface TypeLookup {

    MessageJavaTypes of(Message message);

    /**
     * The types the types generator made. Keys use the runtime's {@code KeyCodec}s: scalar keys travel as UTF-8 text,
     * which is the runtime's wire format (not the binary Integer/Long serializers). A message the registry does not
     * know falls back to {@link #untyped}.
     */
    static TypeLookup of(GeneratedTypes generated, AsyncApiModel model) {
        TypeLookup fallback = untyped(model);
        return message -> generated.find(message).map(t -> {
            KeyType key = t.key();
            MessageJavaTypes.KeyCodecKind codec = switch (key.encoding()) {
                case NONE -> MessageJavaTypes.KeyCodecKind.NONE;
                case STRING -> MessageJavaTypes.KeyCodecKind.STRING;
                case UUID -> MessageJavaTypes.KeyCodecKind.UUID;
                case INTEGER -> MessageJavaTypes.KeyCodecKind.INT32;
                case LONG -> MessageJavaTypes.KeyCodecKind.INT64;
                case JSON -> MessageJavaTypes.KeyCodecKind.JSON;
            };
            return new MessageJavaTypes(t.payload(), t.headers(), key.type(), codec, t.eventIdAccessor(),
                    t.businessKeyAccessor());
        }).orElseGet(() -> fallback.of(message));
    }

    /**
     * Types used when no types generator ran: payload as {@code JsonNode}, no headers record, keys as
     * {@code String}/{@code UUID}/{@code Long} by schema, else {@code JsonNode} as JSON.
     */
    static TypeLookup untyped(AsyncApiModel model) {
        ClassName json = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
        return message -> {
            if (message.key() == null) {
                return new MessageJavaTypes(json, null, null, MessageJavaTypes.KeyCodecKind.NONE);
            }
            Schema s = model.resolve(message.key());
            if (s instanceof Schema.StringSchema str) {
                return "uuid".equals(str.format())
                        ? new MessageJavaTypes(json, null, ClassName.get(java.util.UUID.class), MessageJavaTypes.KeyCodecKind.UUID)
                        : new MessageJavaTypes(json, null, ClassName.get(String.class), MessageJavaTypes.KeyCodecKind.STRING);
            }
            if (s instanceof Schema.NumberSchema n && n.integer()) {
                return new MessageJavaTypes(json, null, ClassName.get(Long.class), MessageJavaTypes.KeyCodecKind.INT64);
            }
            return new MessageJavaTypes(json, null, json, MessageJavaTypes.KeyCodecKind.JSON);
        };
    }
}
