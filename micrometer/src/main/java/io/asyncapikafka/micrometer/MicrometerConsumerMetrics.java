package io.asyncapikafka.micrometer;

import static io.asyncapikafka.micrometer.KafkaMeterNames.*;

import io.asyncapikafka.runtime.consumer.ConsumerMetrics;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link ConsumerMetrics} on Micrometer for one consumer group. Meters are looked up in a map per tag combination
 * (the registry's own lookup builds an id per call), so a record costs a map hit and an increment.
 */
final class MicrometerConsumerMetrics implements ConsumerMetrics {

    private final MeterRegistry registry;
    private final String group;
    private final Map<List<Object>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<Object>, Timer> timers = new ConcurrentHashMap<>();
    /**
     * The lag gauge of each partition this group's consumers hold, with its value (Micrometer holds gauges weakly, so
     * this map keeps them alive); removed from the registry when the partition leaves (see {@link #unassigned}).
     */
    private final Map<TopicPartition, LagGauge> lags = new ConcurrentHashMap<>();

    private record LagGauge(AtomicLong value, Gauge gauge) {}

    MicrometerConsumerMetrics(MeterRegistry registry, String group) {
        this.registry = registry;
        this.group = group;
    }

    private Counter counter(String name, String topic, String key, String value) {
        return counters.computeIfAbsent(List.of(name, topic, key == null ? "" : key, value == null ? "" : value),
                k -> {
                    Tags tags = Tags.of(TAG_TOPIC, topic, TAG_GROUP, group);
                    if (key != null) {
                        tags = tags.and(key, value);
                    }
                    return Counter.builder(name).tags(tags).register(registry);
                });
    }

    @Override
    public void received(TopicPartition partition) {
        counter(RECEIVED, partition.topic(), null, null).increment();
    }

    @Override
    public void processed(TopicPartition partition, String messageType) {
        counter(PROCESSED, partition.topic(), TAG_MESSAGE_TYPE, messageType).increment();
    }

    @Override
    public void deduplicated(TopicPartition partition) {
        counter(DEDUPLICATED, partition.topic(), null, null).increment();
    }

    @Override
    public void retried(TopicPartition partition) {
        counter(RETRIED, partition.topic(), null, null).increment();
    }

    @Override
    public void deadLettered(TopicPartition partition, DeadLetterReason reason) {
        counter(DEAD_LETTERED, partition.topic(), TAG_REASON, reason.name()).increment();
    }

    @Override
    public void failed(TopicPartition partition) {
        counter(FAILED, partition.topic(), null, null).increment();
    }

    @Override
    public void handled(TopicPartition partition, String messageType, long nanos, Throwable error) {
        String exception = exception(error);
        timers.computeIfAbsent(List.of(partition.topic(), messageType, exception), k -> Timer.builder(LISTENER)
                .description("Duration of handler calls")
                .tags(TAG_TOPIC, partition.topic(), TAG_GROUP, group, TAG_MESSAGE_TYPE, messageType,
                        TAG_OUTCOME, error == null ? SUCCESS : FAILURE, TAG_EXCEPTION, exception)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void lag(TopicPartition partition, long lag) {
        lags.computeIfAbsent(partition, tp -> {
            AtomicLong value = new AtomicLong();
            Gauge gauge = Gauge.builder(LAG, value, AtomicLong::get)
                    .description("Records between the consumer position and the end of the partition")
                    .tags(TAG_TOPIC, tp.topic(), TAG_PARTITION, Integer.toString(tp.partition()), TAG_GROUP, group)
                    .register(registry);
            return new LagGauge(value, gauge);
        }).value().set(lag);
    }

    /**
     * The partitions left this member (revoked, lost, consumer closed): their lag gauges leave the registry, so a
     * partition that moved to another member is reported by that member alone, not frozen at its last value here.
     * Per partition atomic with {@link #lag}, so a gauge registered again meanwhile is never removed by mistake.
     */
    @Override
    public void unassigned(java.util.Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            lags.computeIfPresent(tp, (k, g) -> {
                registry.remove(g.gauge());
                return null;
            });
        }
    }

    @Override
    public void revoked(int partitions) {
        removed("revoked", partitions);
    }

    @Override
    public void lost(int partitions) {
        removed("lost", partitions);
    }

    private void removed(String kind, int partitions) {
        counters.computeIfAbsent(List.of(PARTITIONS_REMOVED, kind), k -> Counter.builder(PARTITIONS_REMOVED)
                .tags(TAG_GROUP, group, TAG_KIND, kind).register(registry)).increment(partitions);
    }

    @Override
    public void storeFailed(TopicPartition partition) {
        counter(STORE_FAILED, partition.topic(), null, null).increment();
    }

    @Override
    public void forwardFailed(TopicPartition partition, String topic, boolean permanent) {
        counter(FORWARD_FAILED, topic, TAG_PERMANENT, Boolean.toString(permanent)).increment();
    }
}
