package io.asyncapikafka.runtime.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The user's {@link ConsumerMetrics} with the last lag per partition kept aside for {@link ConsumerRunner#health}: the
 * lag is measured on the poll thread (a consumer is single-threaded), the health call reads it from any thread. Every
 * method forwards (a test checks that none is left to the interface's no-op default).
 */
final class LagSnapshot implements ConsumerMetrics {

    private final ConsumerMetrics delegate;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

    private LagSnapshot(ConsumerMetrics delegate) {
        this.delegate = delegate;
    }

    static LagSnapshot over(ConsumerMetrics delegate) {
        return new LagSnapshot(delegate);
    }

    /** The last lag seen per partition held (a partition that left is dropped by {@link #unassigned}). */
    Map<TopicPartition, Long> lastLag() {
        return Map.copyOf(lag);
    }

    @Override
    public void lag(TopicPartition partition, long value) {
        lag.put(partition, value);
        delegate.lag(partition, value);
    }

    @Override
    public void received(TopicPartition partition) {
        delegate.received(partition);
    }

    @Override
    public void processed(TopicPartition partition, String messageType) {
        delegate.processed(partition, messageType);
    }

    @Override
    public void deduplicated(TopicPartition partition) {
        delegate.deduplicated(partition);
    }

    @Override
    public void retried(TopicPartition partition) {
        delegate.retried(partition);
    }

    @Override
    public void deadLettered(TopicPartition partition, DeadLetterReason reason) {
        delegate.deadLettered(partition, reason);
    }

    @Override
    public void handled(TopicPartition partition, String messageType, long nanos, Throwable error) {
        delegate.handled(partition, messageType, nanos, error);
    }

    @Override
    public void failed(TopicPartition partition) {
        delegate.failed(partition);
    }

    @Override
    public void revoked(int partitions) {
        delegate.revoked(partitions);
    }

    @Override
    public void lost(int partitions) {
        delegate.lost(partitions);
    }

    @Override
    public void unassigned(java.util.Collection<TopicPartition> partitions) {
        lag.keySet().removeAll(partitions);
        delegate.unassigned(partitions);
    }

    @Override
    public void storeFailed(TopicPartition partition) {
        delegate.storeFailed(partition);
    }

    @Override
    public void claimedElsewhere(TopicPartition partition) {
        delegate.claimedElsewhere(partition);
    }

    @Override
    public void foreignRetrySkipped(TopicPartition partition) {
        delegate.foreignRetrySkipped(partition);
    }

    @Override
    public void forwardFailed(TopicPartition partition, String topic, boolean permanent) {
        delegate.forwardFailed(partition, topic, permanent);
    }
}
