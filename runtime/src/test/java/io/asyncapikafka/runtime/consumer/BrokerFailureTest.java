package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Must-show items 1 (broker restart) and 7 (DLQ unavailable). Tests here stop the broker. */
class BrokerFailureTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config(KAFKA)).build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Must-show 1. */
    @Test
    void brokerRestartMidStreamLosesNothingAndLeavesNoDuplicateInTheLog() throws Exception {
        KAFKA.createTopic("restart", 3);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add("r" + i);
        }
        List<CompletableFuture<?>> acks = new CopyOnWriteArrayList<>();
        // Sends are asynchronous and buffered; while the broker is down a send may block on metadata, so the stream
        // is fed from its own thread and the test thread stops and starts the broker in the middle of it.
        Thread feeder = new Thread(() -> {
            try {
                for (String id : expected) {
                    acks.add(producer.send("restart", OrderEvent.TYPE, "k" + id, OrderEvent.of(id), null));
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "restart-feeder");
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("restart-g").topics("restart")
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> handled.add(m.payload().id())).build().start()) {
            feeder.start();
            await("consumer busy", WAIT, () -> handled.size() > 50);
            KAFKA.broker().stopBroker();
            await("broker down for a while", WAIT, sleepFor(Duration.ofSeconds(2)));
            KAFKA.broker().startBroker();
            feeder.join(90_000);
            assertThat(acks).hasSize(300);
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
            await("every record handled", WAIT, () -> handled.size() == 300);
            await("everything committed", WAIT, () -> committed(KAFKA, "restart-g", "restart").values().stream()
                    .mapToLong(Long::longValue).sum() == 300);
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(expected);
        var log = readAll(KAFKA, "restart");
        assertThat(log).hasSize(300);
        assertThat(log.stream().map(r -> header(r, "ce_id")).distinct().count()).isEqualTo(300);
    }

    /** Must-show 7, first half: the DLQ topic does not exist. */
    @Test
    void missingDlqTopicBlocksTheCommitUntilTheDlqExistsAndLosesNothing() {
        KAFKA.createTopic("nodlq", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("nodlq-g").topics("nodlq")
                .deadLetterTopic("nodlq.dlq").commitInterval(Duration.ofMillis(100)).metrics(metrics)
                .forwardTimeout(Duration.ofMillis(1500)).forwardRetryBackoff(Duration.ofMillis(300))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("poison")) {
                        throw new NonRetryableException("rejected");
                    }
                    handled.add(m.payload().id());
                })
                .build().start()) {
            for (String id : List.of("a", "b", "poison", "c", "d")) {
                producer.sendAndWait("nodlq", OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            await("records before the poison handled", WAIT, () -> handled.size() == 2);
            await("their offsets committed", WAIT, () -> Long.valueOf(2).equals(committed(KAFKA, "nodlq-g", "nodlq").get(0)));
            // several DLQ write attempts fail meanwhile; nothing past the poison record moves
            await("a few failed DLQ writes", WAIT, () -> metrics.forwardOutages() >= 2);
            assertThat(handled).containsExactly("a", "b");
            assertThat(committed(KAFKA, "nodlq-g", "nodlq").get(0)).isEqualTo(2L);
            long triedSoFar = metrics.forwardOutages();
            await("and more of them", WAIT, () -> metrics.forwardOutages() > triedSoFar);
            assertThat(handled).as("nothing past the poison record, though its write was tried").containsExactly("a", "b");
            assertThat(committed(KAFKA, "nodlq-g", "nodlq").get(0)).isEqualTo(2L);
            assertThat(metrics.forwardPermanentFailures()).as("a missing topic is an outage").isZero();
            assertThat(metrics.deadLettered()).isZero();

            KAFKA.createTopic("nodlq.dlq", 1);
            await("later records handled", WAIT, () -> handled.size() == 4);
            await("all committed", WAIT, () -> Long.valueOf(5).equals(committed(KAFKA, "nodlq-g", "nodlq").get(0)));
        }
        assertThat(handled).containsExactly("a", "b", "c", "d");
        var dlq = readAll(KAFKA, "nodlq.dlq");
        assertThat(dlq).hasSize(1);
        assertThat(header(dlq.get(0), "ce_id")).isEqualTo("poison");
        assertThat(header(dlq.get(0), "dlq.original.offset")).isEqualTo("2");
    }

    /** Must-show 7, second half: the broker is down while the DLQ write happens. */
    @Test
    void brokerDownDuringTheDlqWriteCommitsNothingUntilItIsBack() throws Exception {
        KAFKA.createTopic("down", 1);
        KAFKA.createTopic("down.dlq", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        CountDownLatch inPoison = new CountDownLatch(1);
        CountDownLatch brokerDown = new CountDownLatch(1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("down-g").topics("down")
                .commitInterval(Duration.ofMillis(100)).metrics(metrics)
                .forwardTimeout(Duration.ofMillis(1500)).forwardRetryBackoff(Duration.ofMillis(300))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("poison")) {
                        inPoison.countDown();
                        brokerDown.await();
                        throw new NonRetryableException("rejected");
                    }
                    handled.add(m.payload().id());
                })
                .build().start()) {
            for (String id : List.of("a", "poison", "b")) {
                producer.sendAndWait("down", OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            assertThat(inPoison.await(30, TimeUnit.SECONDS)).isTrue();
            await("first record committed", WAIT, () -> Long.valueOf(1).equals(committed(KAFKA, "down-g", "down").get(0)));
            KAFKA.broker().stopBroker();
            brokerDown.countDown();
            await("DLQ writes fail for a while", WAIT, sleepFor(Duration.ofSeconds(3)));
            // with the broker down the write times out (forwardTimeout 1.5 s): at least one attempt failed by now
            await("a failed DLQ write", WAIT, () -> metrics.forwardOutages() >= 1);
            assertThat(handled).as("nothing after the poison record while its write fails").containsExactly("a");
            assertThat(metrics.deadLettered()).isZero();
            KAFKA.broker().startBroker();
            await("the record after the poison handled", WAIT, () -> handled.size() == 2);
            await("all committed", WAIT, () -> Long.valueOf(3).equals(committed(KAFKA, "down-g", "down").get(0)));
        }
        assertThat(handled).containsExactly("a", "b");
        var dlq = readAll(KAFKA, "down.dlq");
        assertThat(dlq).extracting(r -> header(r, "ce_id")).containsOnly("poison").isNotEmpty();
    }

    /**
     * Issue 17, R7: a dead-letter topic whose {@code max.message.bytes} the dead letter exceeds (the value plus the
     * stack-trace header). The write is a permanent failure, counted; the fallbacks keep the partition moving: first
     * the dead letter without its stack trace, and for a value too large by itself, a reference without the value.
     */
    @Test
    void deadLettersTooLargeForTheDlqAreWrittenSmallerAndThePartitionMovesOn() {
        KAFKA.createTopic("large", 1);
        KAFKA.broker().createTopic("large.dlq", 1, java.util.Map.of("max.message.bytes", "1600"));
        List<String> handled = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("large-g").topics("large")
                .deadLetterTopic("large.dlq").commitInterval(Duration.ofMillis(100)).metrics(metrics)
                .forwardTimeout(Duration.ofSeconds(5)).forwardRetryBackoff(Duration.ofMillis(200))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().startsWith("poison")) {
                        throw new NonRetryableException("rejected " + "deep ".repeat(10));
                    }
                    handled.add(m.payload().id());
                })
                .build().start()) {
            producer.sendAndWait("large", OrderEvent.TYPE, "k", OrderEvent.of("a"), null);
            producer.sendAndWait("large", OrderEvent.TYPE, "k", OrderEvent.of("poison-1"), null);
            producer.sendAndWait("large", OrderEvent.TYPE, "k", OrderEvent.of("poison-" + "x".repeat(4000)), null);
            producer.sendAndWait("large", OrderEvent.TYPE, "k", OrderEvent.of("b"), null);
            await("every record finished", WAIT, () -> Long.valueOf(4).equals(committed(KAFKA, "large-g", "large").get(0)));
        }
        assertThat(handled).containsExactly("a", "b");
        assertThat(metrics.forwardPermanentFailures()).as("too large: once for the first, twice for the second")
                .isEqualTo(3);
        assertThat(metrics.deadLettered()).isEqualTo(2);
        var dlq = readAll(KAFKA, "large.dlq");
        assertThat(dlq).hasSize(2);
        assertThat(header(dlq.get(0), "ce_id")).isEqualTo("poison-1");
        assertThat(header(dlq.get(0), DeadLetterHeaders.FALLBACK)).isEqualTo(DeadLetterHeaders.FALLBACK_NO_STACKTRACE);
        assertThat(header(dlq.get(0), DeadLetterHeaders.EXCEPTION_STACKTRACE)).isNull();
        assertThat(header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("NON_RETRYABLE");
        assertThat(dlq.get(0).value()).isNotNull();
        assertThat(header(dlq.get(1), DeadLetterHeaders.FALLBACK)).isEqualTo(DeadLetterHeaders.FALLBACK_REFERENCE_ONLY);
        assertThat(dlq.get(1).value()).isNull();
        assertThat(header(dlq.get(1), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("2");
        assertThat(Integer.parseInt(header(dlq.get(1), DeadLetterHeaders.VALUE_SIZE))).isGreaterThan(4000);
    }

    private static java.util.function.BooleanSupplier sleepFor(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        return () -> System.nanoTime() >= until;
    }
}
