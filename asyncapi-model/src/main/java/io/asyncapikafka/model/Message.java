package io.asyncapikafka.model;

/**
 * A message after traits are merged.
 *
 * @param name the message {@code name}, else its component key, else derived from the operation; never null
 * @param componentName the {@code components/messages} key it came from, or {@code null} when inline
 * @param contentType the message's, else the document's {@code defaultContentType}, else {@code application/json}
 * @param payload the payload schema (never null; {@link Schema.AnySchema} when absent)
 * @param headers the headers schema (an object schema), or {@code null}
 * @param key the Kafka message binding {@code key} schema, or {@code null}
 * @param correlationId the correlation id, or {@code null}
 * @param javaName {@code x-java-name}: the Java name the contract gives the message, or {@code null}
 * @param headersTrait the key of the {@code components/messageTraits} entry the headers come from (the message
 *     declares none itself), or {@code null}
 * @param examples the message's examples (Message Example Objects), in document order; checked against the payload
 *     and headers schemas by the generator
 */
public record Message(
        String name,
        String componentName,
        String title,
        String summary,
        String description,
        String contentType,
        Schema payload,
        Schema headers,
        Schema key,
        CorrelationId correlationId,
        SourceLocation location,
        String javaName,
        String headersTrait,
        java.util.List<MessageExample> examples) {

    public Message {
        examples = examples == null ? java.util.List.of() : java.util.List.copyOf(examples);
    }

    /** A message without examples. */
    public Message(String name, String componentName, String title, String summary, String description,
            String contentType, Schema payload, Schema headers, Schema key, CorrelationId correlationId,
            SourceLocation location, String javaName, String headersTrait) {
        this(name, componentName, title, summary, description, contentType, payload, headers, key, correlationId,
                location, javaName, headersTrait, java.util.List.of());
    }

    /** A message without {@code x-java-name}, headers trait and examples. */
    public Message(String name, String componentName, String title, String summary, String description,
            String contentType, Schema payload, Schema headers, Schema key, CorrelationId correlationId,
            SourceLocation location) {
        this(name, componentName, title, summary, description, contentType, payload, headers, key, correlationId,
                location, null, null, java.util.List.of());
    }
}
