package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static io.asyncapikafka.runtime.BrokerSupport.sendRaw;
import static io.asyncapikafka.runtime.BrokerSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once consume-transform-produce on a real broker: a handler's sends, a dead letter and the input offset
 * commit together; an aborted transaction leaves nothing visible to {@code read_committed} readers and the record
 * is delivered again; a zombie (a member whose partition moved while its handler ran) cannot add its output — with
 * the option off the same zombie duplicates it. Runs: a poll's records commit in one transaction with a dead letter
 * among them; a record failing before it sent ends the run, one failing after sending aborts it (the records before it
 * run again); a refused commit delivers the whole run again without using an attempt.
 */
class ExactlyOnceBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static TypedProducer input;

    @BeforeAll
    static void producer() {
        input = KafkaTypedProducer.builder(config(KAFKA)).build();
    }

    @AfterAll
    static void closeProducer() {
        input.close();
    }

    @Test
    void commitCarriesOutputsDeadLetterAndOffsetAbortLeavesNothingVisibleAndRedelivers() {
        KAFKA.createTopic("eos-in", 1);
        KAFKA.createTopic("eos-out", 1);
        KAFKA.createTopic("eos-dlq", 1);
        // one transaction per record: no neighbour runs again for a failure (runs: the tests below)
        ExactlyOnce eos = ExactlyOnce.builder(config(KAFKA)).source("urn:test:billing").maxRunRecords(1)
                .property(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000).build();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        for (String id : List.of("ok-1", "fails-once", "too-large-once", "ok-2")) {
            input.sendAndWait("eos-in", OrderEvent.TYPE, id, OrderEvent.of(id), null);
        }
        sendRaw(KAFKA, "eos-in", 0, utf8("poison"), utf8("not json"), new RecordHeaders()
                .add(CloudEventHeaders.TYPE, utf8("OrderCreated")));

        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("eos-g").topics("eos-in")
                .exactlyOnce(eos).deadLetterTopic("eos-dlq").forwardRetryBackoff(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50)).jitter(0)
                        .retryTopicRounds(0).build())
                .handle(OrderEvent.TYPE, m -> {
                    String id = m.payload().id();
                    int call = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    eos.producer().send("eos-out", OrderEvent.TYPE, id, OrderEvent.of(id), null);
                    if (id.equals("fails-once") && call == 1) {
                        throw new IllegalStateException("first attempt fails after sending");
                    }
                    if (id.equals("too-large-once") && call == 1) {
                        // the send fails at the client, so the commit of this transaction is refused: an abort
                        eos.producer().send("eos-out", OrderEvent.TYPE, id,
                                new OrderEvent(id, "x".repeat(8_000), 1), null);
                    }
                })
                .build().start()) {
            await("five offsets committed", WAIT, () -> committed(KAFKA, "eos-g", "eos-in").getOrDefault(0, 0L) == 5);
        }

        // committed: each input's output once, in input order, and the poison record's dead letter
        assertThat(ids(readAll(KAFKA, "eos-out"))).containsExactly("ok-1", "fails-once", "too-large-once", "ok-2");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(KAFKA, "eos-dlq");
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("DESERIALIZATION");
        // an aborted attempt's output reaches the log only if the client sent it before the abort (abortTransaction
        // drops what is still buffered), so a read_uncommitted reader sees it at most once; read_committed never does
        List<String> uncommitted = ids(readUncommitted("eos-out"));
        assertThat(uncommitted).containsSubsequence("ok-1", "fails-once", "too-large-once", "ok-2");
        assertThat(uncommitted).filteredOn("fails-once"::equals).hasSizeBetween(1, 2);
        assertThat(uncommitted).filteredOn("too-large-once"::equals).hasSizeBetween(1, 2);
        assertThat(uncommitted).filteredOn(id -> id.startsWith("ok-")).containsExactly("ok-1", "ok-2");
        assertThat(calls.get("fails-once")).hasValue(2);
        assertThat(calls.get("too-large-once")).hasValue(2); // the aborted commit was delivered again
        assertThat(calls.get("ok-1")).hasValue(1);
    }

    /**
     * One run: the records of a poll commit in one transaction with a dead letter among them. A record that fails
     * before sending ends the run (the records before it commit, handled once); one that fails after sending aborts
     * the run, whose records run again in a new transaction before it waits its back-off.
     */
    @Test
    void aRunCommitsItsRecordsAndDeadLetterTogetherAndAFailedRecordWaitsAlone() {
        KAFKA.createTopic("run-in", 1);
        KAFKA.createTopic("run-out", 1);
        KAFKA.createTopic("run-dlq", 1);
        ExactlyOnce eos = ExactlyOnce.builder(config(KAFKA)).maxRunAge(Duration.ofSeconds(30)).build();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        for (String id : List.of("a1", "a2")) {
            input.sendAndWait("run-in", OrderEvent.TYPE, id, OrderEvent.of(id), null);
        }
        sendRaw(KAFKA, "run-in", 0, utf8("poison"), utf8("not json"), new RecordHeaders()
                .add(CloudEventHeaders.TYPE, utf8("OrderCreated")));
        for (String id : List.of("a3", "sends-then-fails", "a4", "fails-before-sending", "a5")) {
            input.sendAndWait("run-in", OrderEvent.TYPE, id, OrderEvent.of(id), null);
        }
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("run-g").topics("run-in")
                .exactlyOnce(eos).deadLetterTopic("run-dlq").forwardRetryBackoff(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50)).jitter(0)
                        .retryTopicRounds(0).build())
                .handle(OrderEvent.TYPE, m -> {
                    String id = m.payload().id();
                    int call = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (id.equals("fails-before-sending") && call == 1) {
                        throw new IllegalStateException("first attempt fails before sending");
                    }
                    eos.producer().send("run-out", OrderEvent.TYPE, id, OrderEvent.of(id), null);
                    if (id.equals("sends-then-fails") && call == 1) {
                        throw new IllegalStateException("first attempt fails after sending");
                    }
                })
                .build().start()) {
            await("eight offsets committed", WAIT, () -> committed(KAFKA, "run-g", "run-in").getOrDefault(0, 0L) == 8);
        }
        List<ConsumerRecord<byte[], byte[]>> out = readAll(KAFKA, "run-out");
        assertThat(ids(out)).containsExactly("a1", "a2", "a3", "sends-then-fails", "a4", "fails-before-sending", "a5");
        assertThat(readAll(KAFKA, "run-dlq")).hasSize(1);
        // a1..a3 ran again with the aborted run; the record failing before it sent anything aborted nothing
        assertThat(calls.get("a1")).hasValue(2);
        assertThat(calls.get("a3")).hasValue(2);
        assertThat(calls.get("sends-then-fails")).hasValue(2);
        assertThat(calls.get("a4")).hasValue(1);
        assertThat(calls.get("fails-before-sending")).hasValue(2);
        assertThat(calls.get("a5")).hasValue(1);
        // a transaction's records are adjacent in the log, its commit marker after them: [a1 a2 a3] [stf a4] [fbs a5]
        assertThat(adjacent(out, 0, 3)).as("a1..a3 in one transaction").isTrue();
        assertThat(adjacent(out, 3, 5)).as("sends-then-fails and a4 in one transaction").isTrue();
        assertThat(adjacent(out, 5, 7)).as("fails-before-sending and a5 in one transaction").isTrue();
        assertThat(out.get(3).offset()).isGreaterThan(out.get(2).offset() + 1);
        assertThat(out.get(5).offset()).isGreaterThan(out.get(4).offset() + 1);
    }

    /**
     * A run whose commit is refused (a send failed at the client) is delivered again whole, without using up an
     * attempt: with one attempt allowed, nothing is dead-lettered and every output is visible once.
     */
    @Test
    void anAbortedRunIsDeliveredAgainWholeWithoutUsingAnAttempt() {
        KAFKA.createTopic("abort-in", 1);
        KAFKA.createTopic("abort-out", 1);
        KAFKA.createTopic("abort-dlq", 1);
        ExactlyOnce eos = ExactlyOnce.builder(config(KAFKA)).maxRunAge(Duration.ofSeconds(30))
                .property(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000).build();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        List<String> ids = List.of("b1", "b2", "too-large-once", "b4");
        for (String id : ids) {
            input.sendAndWait("abort-in", OrderEvent.TYPE, id, OrderEvent.of(id), null);
        }
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("abort-g").topics("abort-in")
                .exactlyOnce(eos).deadLetterTopic("abort-dlq").forwardRetryBackoff(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.noRetries())
                .handle(OrderEvent.TYPE, m -> {
                    String id = m.payload().id();
                    int call = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    eos.producer().send("abort-out", OrderEvent.TYPE, id, OrderEvent.of(id), null);
                    if (id.equals("too-large-once") && call == 1) {
                        // fails at the client; the handler does not look, the run's commit is refused
                        eos.producer().send("abort-out", OrderEvent.TYPE, id,
                                new OrderEvent(id, "x".repeat(8_000), 1), null);
                    }
                })
                .build().start()) {
            await("four offsets committed", WAIT, () -> committed(KAFKA, "abort-g", "abort-in").getOrDefault(0, 0L) == 4);
        }
        List<ConsumerRecord<byte[], byte[]>> out = readAll(KAFKA, "abort-out");
        assertThat(ids(out)).containsExactlyElementsOf(ids);
        assertThat(adjacent(out, 0, 4)).as("one transaction").isTrue();
        assertThat(readAll(KAFKA, "abort-dlq")).isEmpty();
        for (String id : ids) {
            assertThat(calls.get(id)).as(id).hasValue(2); // the whole run again, b4 included
        }
    }

    /**
     * A handler that sent and then failed for good: its dead letter commits, its output never does (a transaction
     * cannot take a send back, so the run is aborted and the record before it runs again with the dead letter).
     */
    @Test
    void aDeadLetteredAttemptsOutputIsNeverVisible() {
        KAFKA.createTopic("dl-in", 1);
        KAFKA.createTopic("dl-out", 1);
        KAFKA.createTopic("dl-dlq", 1);
        ExactlyOnce eos = ExactlyOnce.builder(config(KAFKA)).maxRunAge(Duration.ofSeconds(30)).build();
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        for (String id : List.of("c1", "sends-then-rejected", "c3")) {
            input.sendAndWait("dl-in", OrderEvent.TYPE, id, OrderEvent.of(id), null);
        }
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("dl-g").topics("dl-in")
                .exactlyOnce(eos).deadLetterTopic("dl-dlq").forwardRetryBackoff(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.noRetries())
                .handle(OrderEvent.TYPE, m -> {
                    String id = m.payload().id();
                    calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    eos.producer().send("dl-out", OrderEvent.TYPE, id, OrderEvent.of(id), null);
                    if (id.equals("sends-then-rejected")) {
                        throw new io.asyncapikafka.runtime.NonRetryableException("rejected after sending");
                    }
                })
                .build().start()) {
            await("three offsets committed", WAIT, () -> committed(KAFKA, "dl-g", "dl-in").getOrDefault(0, 0L) == 3);
        }
        assertThat(ids(readAll(KAFKA, "dl-out"))).containsExactly("c1", "c3");
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(KAFKA, "dl-dlq");
        assertThat(dead).hasSize(1);
        assertThat(readId(dead.get(0).value())).isEqualTo("sends-then-rejected");
        assertThat(calls.get("c1")).hasValue(2); // ran again in the transaction of the dead letter
        assertThat(calls.get("sends-then-rejected")).hasValue(1); // dead-lettered, not run again
        assertThat(calls.get("c3")).hasValue(1);
    }

    /** Whether records {@code from} (inclusive) to {@code to} (exclusive) have consecutive offsets. */
    private static boolean adjacent(List<ConsumerRecord<byte[], byte[]>> records, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (records.get(k).offset() != records.get(k - 1).offset() + 1) {
                return false;
            }
        }
        return true;
    }

    @Test
    void zombieWhosePartitionMovedCannotAddItsOutput() throws Exception {
        assertThat(zombieOutputs(true)).as("exactly-once").containsExactly("z-1");
    }

    @Test
    void withoutExactlyOnceTheSameZombieDuplicatesItsOutput() throws Exception {
        assertThat(zombieOutputs(false)).as("at-least-once").containsExactly("z-1", "z-1");
    }

    /**
     * Member {@code z-zombie} sends its output and blocks in the handler; member {@code a-owner} joins, takes the
     * partition (the range assignor gives it to the smaller member id) and handles the record again. Returns what a
     * {@code read_committed} reader of the output topic sees.
     */
    private static List<String> zombieOutputs(boolean exactlyOnce) throws Exception {
        String in = "zombie-in-" + exactlyOnce;
        String out = "zombie-out-" + exactlyOnce;
        String group = "zombie-g-" + exactlyOnce;
        KAFKA.createTopic(in, 1);
        KAFKA.createTopic(out, 1);
        input.sendAndWait(in, OrderEvent.TYPE, "z-1", OrderEvent.of("z-1"), null);
        CountDownLatch zombieSent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TypedProducer plain = KafkaTypedProducer.builder(config(KAFKA)).build();
        ExactlyOnce zombieEos = ExactlyOnce.builder(config(KAFKA)).build();
        ExactlyOnce ownerEos = ExactlyOnce.builder(config(KAFKA)).build();
        TypedProducer zombieOut = exactlyOnce ? zombieEos.producer() : plain;
        TypedProducer ownerOut = exactlyOnce ? ownerEos.producer() : plain;
        ConsumerRunner zombie = ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId("z-zombie").topics(in)
                .exactlyOnce(exactlyOnce ? zombieEos : null).revokeTimeout(Duration.ofMillis(300))
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    zombieOut.sendAndWait(out, OrderEvent.TYPE, "z-1", m.payload(), null);
                    zombieSent.countDown();
                    while (true) { // a handler stuck past its revocation, deaf to the interrupt
                        try {
                            release.await();
                            return;
                        } catch (InterruptedException ignored) {
                            // keep waiting: a zombie
                        }
                    }
                })
                .build().start();
        ConsumerRunner owner = null;
        try {
            assertThat(zombieSent.await(40, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            owner = ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId("a-owner").topics(in)
                    .exactlyOnce(exactlyOnce ? ownerEos : null).commitInterval(Duration.ofMillis(100))
                    .handle(OrderEvent.TYPE, m -> ownerOut.sendAndWait(out, OrderEvent.TYPE, "z-1", m.payload(), null))
                    .build().start();
            ConsumerRunner o = owner;
            await("the owner took the partition", WAIT, () -> o.assignment().contains(new TopicPartition(in, 0)));
            await("the input committed", WAIT, () -> committed(KAFKA, group, in).getOrDefault(0, 0L) == 1);
            release.countDown(); // the zombie's handler returns and its task tries to finish
            Thread.sleep(1_000);
        } finally {
            release.countDown();
            zombie.close();
            if (owner != null) {
                owner.close();
            }
            plain.close();
        }
        assertThat(committed(KAFKA, group, in)).containsEntry(0, 1L);
        return ids(readAll(KAFKA, out));
    }

    @Test
    void theExactlyOnceProducerRefusesSendsOutsideAHandler() {
        ExactlyOnce eos = ExactlyOnce.builder(config(KAFKA)).build();
        assertThatThrownBy(() -> eos.producer().send("t", OrderEvent.TYPE, "k", OrderEvent.of("k"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handler of an exactly-once consumer");
        assertThatThrownBy(() -> eos.producer().runInTransaction(() -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    private static List<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            ids.add(readId(r.value()));
        }
        return ids;
    }

    private static String readId(byte[] value) {
        try {
            return Json.mapper().readTree(new String(value, StandardCharsets.UTF_8)).get("id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readUncommitted(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
