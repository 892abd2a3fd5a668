package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.fail;

import io.asyncapikafka.runtime.KafkaClientConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Drives one {@link ConsumerLoop} on kafka-clients' {@link MockConsumer} and {@link MockProducer}: rebalances, lost
 * partitions, stale assignments and failing commits or writes are scheduled on the poll thread, so each test sees
 * one exact interleaving.
 */
final class LoopHarness implements AutoCloseable {

    static final String TOPIC = "t";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    final TestConsumer consumer = new TestConsumer();
    final TestProducer producer = new TestProducer();
    final AtomicReference<Throwable> fatal = new AtomicReference<>();
    final InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private ConsumerLoop loop;
    private Thread thread;

    /** A builder with test defaults; the caller adds handlers and options. */
    ConsumerRunner.Builder builder() {
        return ConsumerRunner.builder(KafkaClientConfig.of("mock:9092")).groupId("g").topics(TOPIC).metrics(metrics)
                .pollTimeout(Duration.ofMillis(20)).commitInterval(Duration.ofMillis(20))
                .forwardRetryBackoff(Duration.ofMillis(50));
    }

    /** Starts the loop on its own thread, assigned {@code partitions}. */
    LoopHarness start(ConsumerRunner.Builder builder, TopicPartition... partitions) {
        ConsumerRunner.Settings settings = builder.settings();
        loop = new ConsumerLoop(settings, consumer, producer, builder.processor(), workers,
                ConsumerLoop.newAssignmentView(), fatal::set);
        Map<TopicPartition, Long> begin = new HashMap<>();
        for (TopicPartition tp : List.of(P0, P1)) {
            begin.put(tp, 0L);
        }
        consumer.updateBeginningOffsets(begin);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(partitions)));
        thread = new Thread(loop, "loop-under-test");
        thread.start();
        await("assignment", () -> consumer.assignmentSnapshot().containsAll(List.of(partitions)));
        return this;
    }

    ConsumerLoop loop() {
        return loop;
    }

    Thread thread() {
        return thread;
    }

    /** Adds records with the given payload ids to {@code tp}, on the poll thread. */
    void send(TopicPartition tp, String... ids) {
        consumer.schedulePollTask(() -> {
            for (String id : ids) {
                long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
                byte[] value = ("{\"id\":\"" + id + "\",\"ref\":\"r\",\"qty\":1}").getBytes(StandardCharsets.UTF_8);
                consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value));
            }
        });
    }

    /**
     * Adds records again from {@code offset} on (MockConsumer drops its records on a rebalance, where a broker would
     * deliver them again from the committed offset).
     */
    void redeliver(TopicPartition tp, long offset, String... ids) {
        consumer.schedulePollTask(() -> {
            long o = offset;
            for (String id : ids) {
                byte[] value = ("{\"id\":\"" + id + "\",\"ref\":\"r\",\"qty\":1}").getBytes(StandardCharsets.UTF_8);
                consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), o++, null, value));
            }
        });
    }

    /** Runs {@code task} on the poll thread inside its next poll. */
    void onPollThread(Runnable task) {
        consumer.schedulePollTask(task);
    }

    Long committed(TopicPartition tp) {
        OffsetAndMetadata o = consumer.committedSnapshot().get(tp);
        return o == null ? null : o.offset();
    }

    void stop() throws InterruptedException {
        loop.requestStop();
        thread.join(30_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null && thread.isAlive()) {
            loop.halt();
            thread.join(10_000);
        }
        workers.shutdownNow();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /**
     * A {@link MockConsumer} that waits a little in an empty poll (so an idle loop does not spin), can lose
     * partitions instead of revoking them, can report a stale assignment once (as the consumer protocol's background
     * reconciliation does), and can fail commits.
     */
    static final class TestConsumer extends MockConsumer<byte[], byte[]> {
        private ConsumerRebalanceListener listener;
        volatile boolean loseNextRevocation;
        volatile Set<TopicPartition> staleAssignmentOnce;
        volatile KafkaException commitFailure;
        volatile int commitFailures;
        private boolean inPoll;
        /** Every poll throws this once set. */
        volatile KafkaException pollFailure;
        /**
         * Partitions that left but that {@code assignment()} (outside poll) and {@code currentLag} still report until
         * the test clears this, as the consumer protocol's client does until its background thread catches up.
         */
        volatile Set<TopicPartition> lingering = Set.of();

        TestConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void subscribe(Collection<String> topics, ConsumerRebalanceListener l) {
            this.listener = l;
            super.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (loseNextRevocation && !partitions.isEmpty()) {
                        loseNextRevocation = false;
                        listener.onPartitionsLost(partitions);
                    } else {
                        listener.onPartitionsRevoked(partitions);
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    listener.onPartitionsAssigned(partitions);
                }
            });
        }

        @Override
        public synchronized Set<TopicPartition> assignment() {
            Set<TopicPartition> stale = staleAssignmentOnce;
            if (stale != null && !inPoll) {
                staleAssignmentOnce = null;
                return stale;
            }
            if (!lingering.isEmpty() && !inPoll) {
                Set<TopicPartition> withLingering = new java.util.HashSet<>(super.assignment());
                withLingering.addAll(lingering);
                return withLingering;
            }
            return super.assignment();
        }

        @Override
        public synchronized java.util.OptionalLong currentLag(TopicPartition tp) {
            if (lingering.contains(tp) && !super.assignment().contains(tp)) {
                return java.util.OptionalLong.of(7);
            }
            return super.currentLag(tp);
        }

        Set<TopicPartition> assignmentSnapshot() {
            return super.assignment();
        }

        /** Every successful commit, by partition; readable after the loop closed the consumer. */
        private final Map<TopicPartition, OffsetAndMetadata> commits = new java.util.concurrent.ConcurrentHashMap<>();

        Map<TopicPartition, OffsetAndMetadata> committedSnapshot() {
            return Map.copyOf(commits);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            KafkaException f = commitFailure;
            if (f != null && commitFailures > 0) {
                commitFailures--;
                throw f;
            }
            super.commitSync(offsets, timeout);
            commits.putAll(offsets);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            KafkaException failing = pollFailure;
            if (failing != null) {
                throw failing;
            }
            inPoll = true;
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = super.poll(timeout);
            } finally {
                inPoll = false;
            }
            if (records.isEmpty() && !timeout.isZero()) {
                try {
                    wait(Math.min(timeout.toMillis(), 5)); // releases the monitor: tests may add records meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }

    /** A {@link MockProducer} that acknowledges at once, or fails writes {@link #failWhen} matches. */
    static final class TestProducer extends MockProducer<byte[], byte[]> {
        volatile Predicate<ProducerRecord<byte[], byte[]>> failWhen = r -> false;
        volatile KafkaException failure;

        TestProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (failure != null && failWhen.test(record)) {
                throw failure;
            }
            return super.send(record, callback);
        }
    }
}
