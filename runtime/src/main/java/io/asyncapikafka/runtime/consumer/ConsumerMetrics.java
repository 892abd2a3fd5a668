package io.asyncapikafka.runtime.consumer;

import org.apache.kafka.common.TopicPartition;

/**
 * Counters and gauges of a consumer; adapt to Micrometer or another registry by implementing it. Called from poll
 * and handler threads concurrently; implementations must be thread-safe and fast. Every method has a no-op default.
 */
public interface ConsumerMetrics {

    /** A record was delivered by poll (redeliveries count again). */
    default void received(TopicPartition partition) {}

    /** A handler finished a message successfully. */
    default void processed(TopicPartition partition, String messageType) {}

    /** A record was skipped because its event id was already processed. */
    default void deduplicated(TopicPartition partition) {}

    /** A failed record was scheduled for another attempt (in place or through the retry topic). */
    default void retried(TopicPartition partition) {}

    /** A record was written to the dead-letter topic (counted once the write is acknowledged). */
    default void deadLettered(TopicPartition partition, DeadLetterReason reason) {}

    /**
     * A handler call returned or threw after {@code nanos} nanoseconds; {@code error} is what it threw, {@code null}
     * on success. Called on the handler thread, before the outcome (processed, retried, dead-lettered) is reported.
     */
    default void handled(TopicPartition partition, String messageType, long nanos, Throwable error) {}

    /** A handler call threw. */
    default void failed(TopicPartition partition) {}

    /** Records between the consumer position and the end of the partition. */
    default void lag(TopicPartition partition, long lag) {}

    /** Partitions were revoked from this member (a rebalance). */
    default void revoked(int partitions) {}

    /** Partitions were lost by this member (kicked out of the group, nothing committed). */
    default void lost(int partitions) {}

    /**
     * {@code partitions} left this consumer (revoked, lost, or its consumer thread ended): stop reporting anything
     * per partition about them, above all their {@link #lag lag}, which another member reports now. Called on the
     * poll thread after {@link #revoked} or {@link #lost}; a partition that comes back is reported again from its
     * next lag measurement.
     */
    default void unassigned(java.util.Collection<TopicPartition> partitions) {}

    /**
     * A {@link ProcessedEventStore} call threw (the store is down, slow or refused): the call is tried again after the
     * retry policy's back-off; no handler attempt is used up and nothing is skipped.
     */
    default void storeFailed(TopicPartition partition) {}

    /**
     * The record's event id or business key was claimed by another attempt still in progress (a record and its own
     * retry copy, a re-delivery): the record is tried again later.
     */
    default void claimedElsewhere(TopicPartition partition) {}

    /** A retry-topic copy written by another consumer group was skipped (and committed): that group handles it. */
    default void foreignRetrySkipped(TopicPartition partition) {}

    /**
     * A dead-letter or retry-topic write failed and the source offset stays uncommitted. {@code permanent} is
     * {@code true} for an answer the same write would always get again (record too large, not authorized, invalid
     * topic) and {@code false} for an outage (broker or topic unavailable, timeout), which is simply retried.
     */
    default void forwardFailed(TopicPartition partition, String topic, boolean permanent) {}

    /** Every one of {@code metrics}, called in order. */
    static ConsumerMetrics all(ConsumerMetrics... metrics) {
        return new CompositeConsumerMetrics(java.util.Arrays.asList(metrics));
    }

    /** The metrics that record nothing. */
    static ConsumerMetrics noop() {
        return new ConsumerMetrics() {};
    }
}
