package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.model.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry the Kafka API generators (topics, producers, handlers) use: for each {@link Message} of the included
 * channels, its payload, headers and key types; for each named schema that became a class, that class.
 */
public final class GeneratedTypes {

    private final String packageName;
    private final ByValue<Message, MessageTypes> byMessage;
    private final Map<String, ClassName> bySchemaName;

    private GeneratedTypes(String packageName, ByValue<Message, MessageTypes> byMessage,
            Map<String, ClassName> bySchema) {
        this.packageName = Objects.requireNonNull(packageName, "packageName");
        // Owned from here on: the planner hands it over and keeps no reference.
        this.byMessage = Objects.requireNonNull(byMessage, "byMessage");
        this.bySchemaName = Collections.unmodifiableMap(new LinkedHashMap<>(bySchema));
    }

    static GeneratedTypes of(String packageName, ByValue<Message, MessageTypes> byMessage,
            Map<String, ClassName> bySchema) {
        return new GeneratedTypes(packageName, byMessage, bySchema);
    }

    /** The package all payload, header and key types are generated in. */
    public String packageName() {
        return packageName;
    }

    /** The types of {@code message}; it must be a message of an included channel of the generated model. */
    public MessageTypes of(Message message) {
        MessageTypes t = byMessage.get(message);
        if (t == null) {
            throw new IllegalArgumentException("no types were generated for message " + message.name());
        }
        return t;
    }

    public Optional<MessageTypes> find(Message message) {
        return Optional.ofNullable(byMessage.get(message));
    }

    /** Every message with its types, in document order. */
    public Map<Message, MessageTypes> messages() {
        return byMessage.asMap();
    }

    /** The class generated for a named schema ({@code components/schemas} key), if it became a class. */
    public Optional<ClassName> schemaType(String schemaName) {
        return Optional.ofNullable(bySchemaName.get(schemaName));
    }
}
