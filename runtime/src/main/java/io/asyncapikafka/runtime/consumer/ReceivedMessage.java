package io.asyncapikafka.runtime.consumer;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * A decoded, validated message handed to a {@link MessageHandler}, with where it came from.
 *
 * @param key the decoded key ({@code null} without one)
 * @param payload the decoded payload
 * @param headers the decoded headers record ({@code null} without declared headers)
 * @param eventId {@code ce_id}, else the message type's event id, else {@code null}
 * @param type the message name ({@code ce_type})
 * @param topic the topic the record was read from (a retry topic for retried records)
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its Kafka timestamp, epoch milliseconds
 * @param attempt 1 for the first attempt, counting every earlier attempt including those before the retry topic
 * @param kafkaHeaders the raw headers (read-only use)
 * @param parameters the channel parameters read from the topic ({@link TopicParameters}), {@code null} when the
 *     handler was registered without a reader (a channel without parameters); typed: {@link #parameters(Class)}
 */
public record ReceivedMessage<K, V, H>(K key, V payload, H headers, String eventId, String type, String topic,
        int partition, long offset, long timestamp, int attempt, Headers kafkaHeaders, Object parameters) {
    public ReceivedMessage {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kafkaHeaders, "kafkaHeaders");
    }

    /** A message of a channel without parameters. */
    public ReceivedMessage(K key, V payload, H headers, String eventId, String type, String topic, int partition,
            long offset, long timestamp, int attempt, Headers kafkaHeaders) {
        this(key, payload, headers, eventId, type, topic, partition, offset, timestamp, attempt, kafkaHeaders, null);
    }

    /**
     * The channel parameters as {@code type} (the generated {@code Parameters} record of the channel).
     *
     * @throws IllegalStateException when the handler was registered without a {@link TopicParameters} reader
     * @throws ClassCastException when they are of another type
     */
    public <P> P parameters(Class<P> type) {
        if (parameters == null) {
            throw new IllegalStateException("no channel parameters: the handler of " + this.type
                    + " was registered without a TopicParameters reader");
        }
        return type.cast(parameters);
    }
}
