package io.asyncapikafka.model;

import java.util.List;

/**
 * An operation after traits are merged.
 *
 * @param operationId the declared id, or a derived one ({@link #idDerived()})
 * @param keyword {@code publish} or {@code subscribe} (2.x), {@code send} or {@code receive} (3.x), as written
 * @param direction what the generated side does, decided by the {@link Role}
 * @param groupId Kafka operation binding {@code groupId} ({@code const}, single {@code enum} or bare string), or null
 * @param clientId Kafka operation binding {@code clientId}, or null
 * @param messages one or more messages ({@code oneOf} lists several), in document order
 * @param retryChannel {@code x-retry-channel} on the operation, or {@code null}
 * @param dlqChannel {@code x-dlq-channel} on the operation, or {@code null}
 * @param reply AsyncAPI 3.x {@code reply} (request/reply), or {@code null}
 * @param javaName {@code x-java-name}: the Java name the contract gives the operation, or {@code null}
 * @param exactlyOnce {@code x-asyncapi-kafka-exactly-once: true} on a receive operation: its handler's sends and the
 *     input offsets commit in one Kafka transaction (the runtime's {@code ExactlyOnce}); {@code false} if absent
 */
public record Operation(
        String operationId,
        boolean idDerived,
        String keyword,
        Direction direction,
        String summary,
        String description,
        String groupId,
        String clientId,
        List<Message> messages,
        String retryChannel,
        String dlqChannel,
        SourceLocation location,
        OperationReply reply,
        String javaName,
        boolean exactlyOnce) {

    /** An operation without {@code x-java-name}. */
    public Operation(String operationId, boolean idDerived, String keyword, Direction direction, String summary,
            String description, String groupId, String clientId, List<Message> messages, String retryChannel,
            String dlqChannel, SourceLocation location, OperationReply reply, boolean exactlyOnce) {
        this(operationId, idDerived, keyword, direction, summary, description, groupId, clientId, messages,
                retryChannel, dlqChannel, location, reply, null, exactlyOnce);
    }

    /** An operation without {@code x-asyncapi-kafka-exactly-once}. */
    public Operation(String operationId, boolean idDerived, String keyword, Direction direction, String summary,
            String description, String groupId, String clientId, List<Message> messages, String retryChannel,
            String dlqChannel, SourceLocation location, OperationReply reply, String javaName) {
        this(operationId, idDerived, keyword, direction, summary, description, groupId, clientId, messages,
                retryChannel, dlqChannel, location, reply, javaName, false);
    }

    public Operation {
        messages = List.copyOf(messages);
    }

    /** An operation without {@code x-java-name} and {@code x-asyncapi-kafka-exactly-once}. */
    public Operation(String operationId, boolean idDerived, String keyword, Direction direction, String summary,
            String description, String groupId, String clientId, List<Message> messages, String retryChannel,
            String dlqChannel, SourceLocation location, OperationReply reply) {
        this(operationId, idDerived, keyword, direction, summary, description, groupId, clientId, messages,
                retryChannel, dlqChannel, location, reply, null, false);
    }

    /** An operation without a reply (every 2.x operation). */
    public Operation(String operationId, boolean idDerived, String keyword, Direction direction, String summary,
            String description, String groupId, String clientId, List<Message> messages, String retryChannel,
            String dlqChannel, SourceLocation location) {
        this(operationId, idDerived, keyword, direction, summary, description, groupId, clientId, messages,
                retryChannel, dlqChannel, location, null, null, false);
    }
}
