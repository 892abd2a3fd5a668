package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer runner's health at one moment, for a service's health endpoint: its state, the partitions its threads
 * hold, the error that stopped a thread, and the last measured lag of each assigned partition against a threshold.
 *
 * @param groupId the consumer group
 * @param state the runner's state; anything but {@link ConsumerRunner.State#RUNNING} is unhealthy
 * @param assignment the partitions assigned to the runner's threads, sorted by topic and partition
 * @param failure what stopped a consumer thread, if anything did (its {@code toString()})
 * @param lag the last lag measured per assigned partition (records between position and end), sorted; a partition
 *     whose lag was not measured yet is absent
 * @param lagThreshold the lag above which a partition counts as lagging
 */
public record ConsumerHealth(String groupId, ConsumerRunner.State state, List<TopicPartition> assignment,
        Optional<String> failure, Map<TopicPartition, Long> lag, long lagThreshold) {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    public ConsumerHealth {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(state, "state");
        assignment = List.copyOf(assignment);
        Objects.requireNonNull(failure, "failure");
        lag = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lag));
    }

    static ConsumerHealth of(String groupId, ConsumerRunner.State state, Set<TopicPartition> assigned,
            Optional<Throwable> failure, Map<TopicPartition, Long> lastLag, long lagThreshold) {
        if (lagThreshold < 0) {
            throw new IllegalArgumentException("lagThreshold must be >= 0 but was " + lagThreshold);
        }
        List<TopicPartition> sorted = new ArrayList<>(assigned);
        sorted.sort(ORDER);
        Map<TopicPartition, Long> lag = new LinkedHashMap<>();
        for (TopicPartition tp : sorted) {
            Long l = lastLag.get(tp);
            if (l != null) {
                lag.put(tp, l);
            }
        }
        return new ConsumerHealth(groupId, state, sorted, failure.map(Throwable::toString), lag, lagThreshold);
    }

    /** The assigned partitions whose lag is above {@link #lagThreshold()}. */
    public List<TopicPartition> laggingPartitions() {
        return lag.entrySet().stream().filter(e -> e.getValue() > lagThreshold).map(Map.Entry::getKey).toList();
    }

    /** Running, no failure and no partition lagging above the threshold. */
    public boolean healthy() {
        return state == ConsumerRunner.State.RUNNING && failure.isEmpty() && laggingPartitions().isEmpty();
    }
}
