package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.liveThreads;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Must-show items 2 (crash), 4 (slow handler) and 9 (graceful shutdown). */
class RecoveryBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config(KAFKA)).build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static List<String> sendMany(String topic, String prefix, int n) {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            ids.add(id);
            acks.add(producer.send(topic, OrderEvent.TYPE, "key-" + (i % 7), OrderEvent.of(id), null));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        return ids;
    }

    /** Must-show 2. */
    @Test
    void crashMidBatchThenRestartWithTheSameStoreHasEveryHandlerSideEffectExactlyOnce() {
        KAFKA.createTopic("crash", 2);
        List<String> ids = sendMany("crash", "c", 40);
        ProcessedEventStore store = InMemoryProcessedEventStore.create();
        Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
        AtomicInteger handledByFirst = new AtomicInteger();

        ConsumerRunner first = ConsumerRunner.builder(config(KAFKA)).groupId("crash-g").clientId("crash-a")
                .topics("crash").processedEventStore(store)
                .commitInterval(Duration.ofHours(1)) // the crash comes before any commit
                .handle(OrderEvent.TYPE, m -> {
                    // the side effect is the handler's last step: a crash before it leaves no trace
                    Thread.sleep(20);
                    sideEffects.computeIfAbsent(m.payload().id(), k -> new AtomicInteger()).incrementAndGet();
                    handledByFirst.incrementAndGet();
                })
                .build().start();
        await("some records handled", WAIT, () -> handledByFirst.get() >= 15);
        first.halt();
        int processedBeforeCrash = handledByFirst.get();
        assertThat(processedBeforeCrash).isLessThan(40);
        assertThat(committed(KAFKA, "crash-g", "crash")).isEmpty();

        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner second = ConsumerRunner.builder(config(KAFKA)).groupId("crash-g").clientId("crash-b")
                .topics("crash").processedEventStore(store).metrics(metrics)
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m ->
                        sideEffects.computeIfAbsent(m.payload().id(), k -> new AtomicInteger()).incrementAndGet())
                .build().start()) {
            await("every record handled", WAIT, () -> sideEffects.size() == 40);
            await("everything committed", WAIT, () -> committed(KAFKA, "crash-g", "crash").values().stream()
                    .mapToLong(Long::longValue).sum() == 40);
        }
        assertThat(sideEffects.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sideEffects.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        // nothing was committed before the crash: all 40 came again, those done before were skipped by dedup
        assertThat(metrics.received()).isEqualTo(40);
        assertThat(metrics.deduplicated()).isEqualTo(processedBeforeCrash);
        assertThat(metrics.processed()).isEqualTo(40 - processedBeforeCrash);
    }

    /** Must-show 4. */
    @Test
    void handlerSlowerThanMaxPollIntervalAcrossRetriesKeepsItsMembership() {
        KAFKA.createTopic("slow", 1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        List<String> done = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("slow-g").topics("slow")
                .consumerProperty("max.poll.interval.ms", 1500)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(300))
                        .jitter(0).retryTopicRounds(0).build())
                .commitInterval(Duration.ofMillis(100)).metrics(metrics)
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("slow")) {
                        int attempt = attempts.incrementAndGet();
                        Thread.sleep(1_800); // each attempt alone exceeds max.poll.interval.ms
                        if (attempt < 3) {
                            throw new IllegalStateException("timeout talking to a slow service");
                        }
                    }
                    done.add(m.payload().id());
                })
                .build().start()) {
            producer.sendAndWait("slow", OrderEvent.TYPE, "k", OrderEvent.of("slow"), null);
            producer.sendAndWait("slow", OrderEvent.TYPE, "k", OrderEvent.of("after"), null);
            await("both handled", WAIT, () -> done.size() == 2);
            await("committed", WAIT, () -> Long.valueOf(2).equals(committed(KAFKA, "slow-g", "slow").get(0)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(3 * 1500));
        assertThat(done).containsExactly("slow", "after");
        assertThat(attempts).hasValue(3);
        assertThat(metrics.retried()).isEqualTo(2);
        assertThat(metrics.lost()).as("partitions lost").isZero();
        assertThat(metrics.revoked()).as("partitions revoked before close").isLessThanOrEqualTo(1);
        assertThat(metrics.received()).as("no redelivery after a rebalance").isEqualTo(2);
    }

    /**
     * A finished batch is acted on at once, not after the poll timeout: with one partition paused while its batch
     * runs, a poll that waits out its timeout would stall every batch by that long.
     */
    @Test
    void finishedBatchesAreNoticedWithoutWaitingOutThePollTimeout() {
        KAFKA.createTopic("prompt", 1);
        sendMany("prompt", "p", 30);
        AtomicInteger handled = new AtomicInteger();
        AtomicLong firstHandledAt = new AtomicLong();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("prompt-g").topics("prompt")
                .pollTimeout(Duration.ofSeconds(4)) // six batches would take >= 20 s if each waited it out
                .consumerProperty("max.poll.records", 5)
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    if (handled.incrementAndGet() == 1) {
                        firstHandledAt.set(System.nanoTime());
                    }
                })
                .build().start()) {
            await("first record handled", WAIT, () -> handled.get() >= 1);
            await("every record handled", WAIT, () -> handled.get() == 30);
            Duration handling = Duration.ofNanos(System.nanoTime() - firstHandledAt.get());
            await("committed", WAIT, () -> Long.valueOf(30).equals(committed(KAFKA, "prompt-g", "prompt").get(0)));
            Duration toCommit = Duration.ofNanos(System.nanoTime() - firstHandledAt.get());
            assertThat(handling).as("six batches of five").isLessThan(Duration.ofSeconds(3));
            assertThat(toCommit).as("handled and committed").isLessThan(Duration.ofSeconds(4));
        }
    }

    /**
     * Records fetched while a batch runs are handed to the running handler thread; across those hand-offs, waves of
     * records arriving mid-batch and small polls, each partition is still handled strictly in offset order, once.
     */
    @Test
    void recordsArrivingWhileABatchRunsAreHandledInOrderOnce() {
        KAFKA.createTopic("handoff", 2);
        Map<Integer, List<Long>> offsetsByPartition = new ConcurrentHashMap<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("handoff-g").topics("handoff")
                .consumerProperty("max.poll.records", 7)
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(1); // slow enough for the next records to arrive while a batch runs
                    offsetsByPartition.computeIfAbsent(m.partition(), p -> new CopyOnWriteArrayList<>())
                            .add(m.offset());
                    handled.add(m.payload().id());
                })
                .build().start()) {
            List<String> ids = new ArrayList<>();
            for (int wave = 0; wave < 4; wave++) {
                ids.addAll(sendMany("handoff", "w" + wave + "-", 60));
                int expected = ids.size();
                await("wave handled", WAIT, () -> handled.size() >= expected - 30); // overlap the next wave
            }
            await("every record handled", WAIT, () -> handled.size() >= 240);
            await("everything committed", WAIT, () -> committed(KAFKA, "handoff-g", "handoff").values().stream()
                    .mapToLong(Long::longValue).sum() == 240);
            assertThat(handled).hasSize(240).containsExactlyInAnyOrderElementsOf(ids);
        }
        offsetsByPartition.forEach((partition, offsets) -> {
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("partition %d, position %d", partition, i).isEqualTo((long) i);
            }
        });
    }

    /**
     * Issue 17, R2: {@code close()} while a handler outlives the shutdown timeout interrupts it; that is not a
     * failure of the record: on its last attempt it is neither dead-lettered nor committed, and the next member
     * handles it.
     */
    @Test
    void closeWhileAHandlerOutlivesTheShutdownTimeoutLeavesItsRecordToTheNextMember() {
        KAFKA.createTopic("interrupted", 1);
        KAFKA.createTopic("interrupted.dlq", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch inSlow = new java.util.concurrent.CountDownLatch(1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("interrupted-g").topics("interrupted")
                .deadLetterTopic("interrupted.dlq").retryPolicy(RetryPolicy.noRetries()).metrics(metrics)
                .shutdownTimeout(Duration.ofMillis(500)).commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("slow")) {
                        inSlow.countDown();
                        Thread.sleep(30_000);
                    }
                    handled.add(m.payload().id());
                })
                .build().start();
        for (String id : List.of("a", "slow", "b")) {
            producer.sendAndWait("interrupted", OrderEvent.TYPE, "k", OrderEvent.of(id), null);
        }
        await("in the slow handler", WAIT, () -> inSlow.getCount() == 0);
        await("first committed", WAIT, () -> Long.valueOf(1).equals(committed(KAFKA, "interrupted-g", "interrupted").get(0)));
        runner.close();
        assertThat(runner.isRunning()).isFalse();
        assertThat(committed(KAFKA, "interrupted-g", "interrupted").get(0)).as("the interrupted record").isEqualTo(1L);
        assertThat(metrics.deadLettered()).isZero();
        assertThat(io.asyncapikafka.runtime.BrokerSupport.readAll(KAFKA, "interrupted.dlq")).isEmpty();

        try (ConsumerRunner next = ConsumerRunner.builder(config(KAFKA)).groupId("interrupted-g").topics("interrupted")
                .commitInterval(Duration.ofMillis(100)).handle(OrderEvent.TYPE, m -> handled.add(m.payload().id()))
                .build().start()) {
            await("the rest handled by the next member", WAIT, () -> handled.size() == 3);
        }
        assertThat(handled).containsExactly("a", "slow", "b");
    }

    /** Must-show 9. */
    @Test
    void gracefulShutdownUnderLoadCommitsFinishedWorkAndLeavesNoThread() {
        KAFKA.createTopic("graceful", 3);
        List<String> ids = sendMany("graceful", "g", 150);
        Set<String> first = ConcurrentHashMap.newKeySet();
        ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("graceful-g").clientId("graceful-a")
                .topics("graceful").concurrency(2).shutdownTimeout(Duration.ofSeconds(10))
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(25);
                    first.add(m.payload().id());
                })
                .build().start();
        await("under load", WAIT, () -> first.size() >= 40);
        runner.close();
        int finishedBeforeClose = first.size();
        assertThat(finishedBeforeClose).isLessThan(150);
        assertThat(liveThreads("asyncapi-kafka-graceful-a")).isEmpty();
        assertThat(runner.isRunning()).isFalse();
        long committedTotal = committed(KAFKA, "graceful-g", "graceful").values().stream()
                .mapToLong(Long::longValue).sum();
        assertThat(committedTotal).as("exactly the finished records are committed").isEqualTo(finishedBeforeClose);

        Set<String> second = ConcurrentHashMap.newKeySet();
        List<String> redelivered = new CopyOnWriteArrayList<>();
        try (ConsumerRunner next = ConsumerRunner.builder(config(KAFKA)).groupId("graceful-g").clientId("graceful-b")
                .topics("graceful").commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    if (!second.add(m.payload().id()) || first.contains(m.payload().id())) {
                        redelivered.add(m.payload().id());
                    }
                })
                .build().start()) {
            await("the rest handled", WAIT, () -> first.size() + second.size() >= 150);
        }
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(redelivered).as("finished work was not handled again").isEmpty();
    }
}
