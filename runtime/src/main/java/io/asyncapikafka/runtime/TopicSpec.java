package io.asyncapikafka.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A topic as a contract declares it (Kafka channel binding): name, partitions, replicas and topic configuration.
 *
 * @param name topic name
 * @param partitions partition count, or {@code -1} for the broker default
 * @param replicas replication factor, or {@code -1} for the broker default
 * @param config topic configuration, e.g. {@code retention.ms}
 */
public record TopicSpec(String name, int partitions, short replicas, Map<String, String> config) {
    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions == 0 || partitions < -1) {
            throw new IllegalArgumentException("partitions must be positive or -1 but was " + partitions);
        }
        if (replicas == 0 || replicas < -1) {
            throw new IllegalArgumentException("replicas must be positive or -1 but was " + replicas);
        }
        config = Map.copyOf(config);
    }

    /** A topic with broker-default replication and no extra configuration. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, (short) -1, Map.of());
    }
}
