package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static io.asyncapikafka.runtime.BrokerSupport.sendRaw;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17 on the broker: a handler's Error (R1), an interrupted handler at shutdown (R2), a failing dedup store (R4),
 * retry topics shared by groups (R6), a record and its retry copy at once (D4).
 */
class ProcessingFaultsBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config(KAFKA)).source("urn:test").build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static ConsumerRunner.Builder runner(String group, String topic) {
        return ConsumerRunner.builder(config(KAFKA)).groupId(group).topics(topic)
                .commitInterval(Duration.ofMillis(100)).shutdownTimeout(Duration.ofSeconds(5));
    }

    private static RetryPolicy quick(int attempts, int rounds) {
        return RetryPolicy.builder().maxAttempts(attempts).initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(100)).jitter(0).retryTopicRounds(rounds)
                .retryTopicDelay(Duration.ofMillis(100)).build();
    }

    /** Before: the partition stalled for ever behind the record, nothing dead-lettered, nothing counted. */
    @Test
    void aHandlerErrorIsRetriedDeadLetteredAndThePartitionMovesOn() {
        KAFKA.createTopic("errors", 1);
        KAFKA.createTopic("errors.dlq", 1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger badCalls = new AtomicInteger();
        try (ConsumerRunner runner = runner("errors-g", "errors").retryPolicy(quick(3, 0)).metrics(metrics)
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("bad")) {
                        badCalls.incrementAndGet();
                        throw new AssertionError("invariant broken by this payload");
                    }
                    handled.add(m.payload().id());
                })
                .build().start()) {
            for (String id : List.of("a", "bad", "c")) {
                producer.sendAndWait("errors", OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            await("the record after the failing one handled", WAIT, () -> handled.size() == 2);
            await("everything committed", WAIT, () -> Long.valueOf(3).equals(committed(KAFKA, "errors-g", "errors").get(0)));
        }
        assertThat(handled).containsExactly("a", "c");
        assertThat(badCalls).hasValue(3);
        assertThat(metrics.failed()).isEqualTo(3);
        var dlq = readAll(KAFKA, "errors.dlq");
        assertThat(dlq).hasSize(1);
        assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(header(dlq.get(0), DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(AssertionError.class.getName());
    }

    /** A store that fails its first claims and its first completions, as a database that is briefly down does. */
    static final class BrieflyDownStore implements ProcessedEventStore {
        final InMemoryProcessedEventStore delegate = InMemoryProcessedEventStore.create();
        final AtomicInteger claimFailures;
        final AtomicInteger completeFailures;

        BrieflyDownStore(int claimFailures, int completeFailures) {
            this.claimFailures = new AtomicInteger(claimFailures);
            this.completeFailures = new AtomicInteger(completeFailures);
        }

        @Override
        public ClaimResult claim(DedupContext context, String id) {
            if (claimFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("connection refused");
            }
            return delegate.claim(context, id);
        }

        @Override
        public void complete(DedupContext context, String id) {
            if (completeFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("connection reset");
            }
            delegate.complete(context, id);
        }

        @Override
        public void release(DedupContext context, String id) {
            delegate.release(context, id);
        }
    }

    /** Before: retried every second for ever as a handler failure; a failed mark re-ran a handler that succeeded. */
    @Test
    void aFailingStoreIsRetriedAndCountedAndNeverSkipsNorRepeatsAHandler() {
        KAFKA.createTopic("store", 2);
        KAFKA.createTopic("store.dlq", 1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
        BrieflyDownStore store = new BrieflyDownStore(6, 6);
        try (ConsumerRunner runner = runner("store-g", "store").retryPolicy(quick(2, 0)).metrics(metrics)
                .processedEventStore(store)
                .handle(OrderEvent.TYPE, m ->
                        sideEffects.computeIfAbsent(m.payload().id(), k -> new AtomicInteger()).incrementAndGet())
                .build().start()) {
            for (int i = 0; i < 20; i++) {
                producer.sendAndWait("store", OrderEvent.TYPE, "k" + i, OrderEvent.of("s" + i), null);
            }
            await("every record handled", WAIT, () -> sideEffects.size() == 20);
            await("everything committed", WAIT, () -> committed(KAFKA, "store-g", "store").values().stream()
                    .mapToLong(Long::longValue).sum() == 20);
        }
        assertThat(sideEffects.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(metrics.storeFailed()).isEqualTo(12);
        assertThat(metrics.failed()).isZero();
        assertThat(metrics.processed()).isEqualTo(20);
        assertThat(readAll(KAFKA, "store.dlq")).isEmpty();
    }

    /**
     * Two groups share one retry topic and both fail every attempt. Before: each group also handled the other's
     * retry copies, with the other's attempt count, so each dead-lettered the event twice.
     */
    @Test
    void eachGroupHandlesOnlyItsOwnRetryCopies() {
        KAFKA.createTopic("shared", 1);
        KAFKA.createTopic("shared.retry", 1);
        KAFKA.createTopic("shared.dlq", 1);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Map<String, InMemoryConsumerMetrics> metrics = Map.of("ga", InMemoryConsumerMetrics.create(),
                "gb", InMemoryConsumerMetrics.create());
        List<ConsumerRunner> runners = new CopyOnWriteArrayList<>();
        try {
            for (String group : List.of("ga", "gb")) {
                runners.add(runner(group, "shared").retryPolicy(quick(2, 1)).retryTopic("shared.retry")
                        .deadLetterTopic("shared.dlq").metrics(metrics.get(group))
                        .handle(OrderEvent.TYPE, m -> {
                            calls.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
                            throw new IllegalStateException("down in " + group);
                        })
                        .build().start());
            }
            producer.sendAndWait("shared", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
            await("a dead letter from each group", WAIT, () -> readAll(KAFKA, "shared.dlq").size() >= 2);
            await("both retry copies committed by both groups", WAIT,
                    () -> Long.valueOf(2).equals(committed(KAFKA, "ga", "shared.retry").get(0))
                            && Long.valueOf(2).equals(committed(KAFKA, "gb", "shared.retry").get(0)));
        } finally {
            runners.forEach(ConsumerRunner::close);
        }
        List<ConsumerRecord<byte[], byte[]>> copies = readAll(KAFKA, "shared.retry");
        assertThat(copies).extracting(r -> header(r, RetryHeaders.CONSUMER_GROUP))
                .containsExactlyInAnyOrder("ga", "gb");
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(KAFKA, "shared.dlq");
        assertThat(dlq).extracting(r -> header(r, DeadLetterHeaders.CONSUMER_GROUP))
                .containsExactlyInAnyOrder("ga", "gb");
        // 2 attempts in place, then 2 more after one round through the retry topic: this group's own count
        assertThat(dlq).extracting(r -> header(r, DeadLetterHeaders.ATTEMPTS)).containsExactly("4", "4");
        assertThat(calls.get("ga")).hasValue(4);
        assertThat(calls.get("gb")).hasValue(4);
        assertThat(metrics.get("ga").foreignRetrySkipped()).isEqualTo(1);
        assertThat(metrics.get("gb").foreignRetrySkipped()).isEqualTo(1);
    }

    /**
     * The crash test's D4: a record re-delivered after a crash and its own retry copy (written before the crash) are
     * handled at the same time in one process. Before: both ran the side effect, 4 ms apart.
     */
    @Test
    void aRecordAndItsOwnRetryCopyNeverBothRun() {
        KAFKA.createTopic("d4", 1);
        KAFKA.createTopic("d4.retry", 1);
        producer.sendAndWait("d4", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        ConsumerRecord<byte[], byte[]> original = readAll(KAFKA, "d4").get(0);
        var copy = DeadLetters.retry(original, "d4.retry", "d4-g", System.currentTimeMillis(), 1, 1);
        sendRaw(KAFKA, "d4.retry", 0, copy.key(), copy.value(), copy.headers());
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        AtomicInteger sideEffects = new AtomicInteger();
        try (ConsumerRunner runner = runner("d4-g", "d4").retryTopic("d4.retry").retryPolicy(quick(3, 1))
                .metrics(metrics)
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(300); // long enough for the other delivery to arrive meanwhile
                    sideEffects.incrementAndGet();
                })
                .build().start()) {
            await("both records committed", WAIT,
                    () -> Long.valueOf(1).equals(committed(KAFKA, "d4-g", "d4").get(0))
                            && Long.valueOf(1).equals(committed(KAFKA, "d4-g", "d4.retry").get(0)));
        }
        assertThat(sideEffects).hasValue(1);
        assertThat(metrics.deduplicated()).isEqualTo(1);
    }

    /**
     * R2: close() interrupts a handler that outlives shutdownTimeout. Before: the InterruptedException was a handler
     * failure, so on its last attempt a healthy record was dead-lettered RETRIES_EXHAUSTED and committed.
     */
    @Test
    void aHandlerInterruptedByCloseIsNeitherDeadLetteredNorCommitted() throws Exception {
        KAFKA.createTopic("stop", 1);
        KAFKA.createTopic("stop.dlq", 1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        List<String> handled = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch slowStarted = new java.util.concurrent.CountDownLatch(1);
        ConsumerRunner runner = runner("stop-g", "stop").retryPolicy(RetryPolicy.noRetries()).metrics(metrics)
                .shutdownTimeout(Duration.ofMillis(500))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("slow")) {
                        slowStarted.countDown();
                        Thread.sleep(60_000); // a healthy handler, just slower than the shutdown allows
                    }
                    handled.add(m.payload().id());
                })
                .build().start();
        try {
            producer.sendAndWait("stop", OrderEvent.TYPE, "k", OrderEvent.of("a"), null);
            producer.sendAndWait("stop", OrderEvent.TYPE, "k", OrderEvent.of("slow"), null);
            assertThat(slowStarted.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            await("the first record committed", WAIT,
                    () -> Long.valueOf(1).equals(committed(KAFKA, "stop-g", "stop").get(0)));
        } finally {
            runner.close();
        }
        assertThat(handled).containsExactly("a");
        assertThat(readAll(KAFKA, "stop.dlq")).extracting(r -> header(r, DeadLetterHeaders.REASON)).isEmpty();
        assertThat(committed(KAFKA, "stop-g", "stop").get(0)).isEqualTo(1L);
        assertThat(metrics.failed()).isZero();
    }
}
