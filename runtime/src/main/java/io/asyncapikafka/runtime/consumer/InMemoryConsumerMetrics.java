package io.asyncapikafka.runtime.consumer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;

/** {@link ConsumerMetrics} kept in memory: totals, dead letters by reason and the last lag per partition. */
public final class InMemoryConsumerMetrics implements ConsumerMetrics {

    private final LongAdder received = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder deduplicated = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder revoked = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder storeFailed = new LongAdder();
    private final LongAdder claimedElsewhere = new LongAdder();
    private final LongAdder foreignRetrySkipped = new LongAdder();
    private final LongAdder forwardOutages = new LongAdder();
    private final LongAdder forwardPermanentFailures = new LongAdder();
    private final Map<DeadLetterReason, LongAdder> byReason = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

    private InMemoryConsumerMetrics() {}

    public static InMemoryConsumerMetrics create() {
        return new InMemoryConsumerMetrics();
    }

    @Override
    public void received(TopicPartition partition) {
        received.increment();
    }

    @Override
    public void processed(TopicPartition partition, String messageType) {
        processed.increment();
    }

    @Override
    public void deduplicated(TopicPartition partition) {
        deduplicated.increment();
    }

    @Override
    public void retried(TopicPartition partition) {
        retried.increment();
    }

    @Override
    public void deadLettered(TopicPartition partition, DeadLetterReason reason) {
        deadLettered.increment();
        byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    @Override
    public void failed(TopicPartition partition) {
        failed.increment();
    }

    @Override
    public void lag(TopicPartition partition, long value) {
        lag.put(partition, value);
    }

    @Override
    public void revoked(int partitions) {
        revoked.add(partitions);
    }

    @Override
    public void lost(int partitions) {
        lost.add(partitions);
    }

    /** Forgets the lag of partitions this consumer no longer holds. */
    @Override
    public void unassigned(java.util.Collection<TopicPartition> partitions) {
        lag.keySet().removeAll(partitions);
    }

    @Override
    public void storeFailed(TopicPartition partition) {
        storeFailed.increment();
    }

    @Override
    public void claimedElsewhere(TopicPartition partition) {
        claimedElsewhere.increment();
    }

    @Override
    public void foreignRetrySkipped(TopicPartition partition) {
        foreignRetrySkipped.increment();
    }

    @Override
    public void forwardFailed(TopicPartition partition, String topic, boolean permanent) {
        (permanent ? forwardPermanentFailures : forwardOutages).increment();
    }

    public long received() {
        return received.sum();
    }

    public long processed() {
        return processed.sum();
    }

    public long deduplicated() {
        return deduplicated.sum();
    }

    public long retried() {
        return retried.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Partitions revoked from this consumer so far. */
    public long revoked() {
        return revoked.sum();
    }

    /** Partitions lost by this consumer so far. */
    public long lost() {
        return lost.sum();
    }

    /** Failed {@link ProcessedEventStore} calls so far. */
    public long storeFailed() {
        return storeFailed.sum();
    }

    /** Records held back because another attempt held their claim. */
    public long claimedElsewhere() {
        return claimedElsewhere.sum();
    }

    /** Retry copies of other groups skipped. */
    public long foreignRetrySkipped() {
        return foreignRetrySkipped.sum();
    }

    /** Dead-letter and retry-topic writes that failed on an outage (and are retried). */
    public long forwardOutages() {
        return forwardOutages.sum();
    }

    /** Dead-letter and retry-topic writes that failed permanently (too large, not authorized, invalid topic). */
    public long forwardPermanentFailures() {
        return forwardPermanentFailures.sum();
    }

    /** Dead letters per reason. */
    public Map<DeadLetterReason, Long> deadLettersByReason() {
        Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
        byReason.forEach((r, n) -> out.put(r, n.sum()));
        return Map.copyOf(out);
    }

    /** Last reported lag per partition. */
    public Map<TopicPartition, Long> lag() {
        return Map.copyOf(lag);
    }
}
