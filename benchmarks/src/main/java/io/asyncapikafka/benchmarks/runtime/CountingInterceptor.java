package io.asyncapikafka.benchmarks.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts, per consumer group, polls that returned records and successful commits, without touching either
 * contender's code: the runtime's consumer is built inside {@code ConsumerRunner}, so a client interceptor is the one
 * way to see how often it commits.
 */
public final class CountingInterceptor implements ConsumerInterceptor<Object, Object> {

    /** Counters of one group. */
    static final class Counts {
        final AtomicLong polls = new AtomicLong();
        final AtomicLong records = new AtomicLong();
        final AtomicLong commits = new AtomicLong();
    }

    private static final Map<String, Counts> BY_GROUP = new ConcurrentHashMap<>();

    private Counts counts = new Counts();

    static Counts of(String group) {
        return BY_GROUP.computeIfAbsent(group, g -> new Counts());
    }

    @Override
    public void configure(Map<String, ?> configs) {
        counts = of(String.valueOf(configs.get(ConsumerConfig.GROUP_ID_CONFIG)));
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (!records.isEmpty()) {
            counts.polls.incrementAndGet();
            counts.records.addAndGet(records.count());
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        counts.commits.incrementAndGet();
    }

    @Override
    public void close() {
        // nothing held
    }
}
