package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static io.asyncapikafka.runtime.BrokerSupport.sendRaw;
import static io.asyncapikafka.runtime.BrokerSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.TraceContext;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Must-show items 5, 6, 8, 10, 11 and the producer's wire format, on one shared broker. */
class DeadLetterBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static TypedProducer producer;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config(KAFKA)).source("urn:test").build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static RetryPolicy quickRetries(int attempts) {
        return RetryPolicy.builder().maxAttempts(attempts).initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200)).jitter(0).retryTopicRounds(0).build();
    }

    private static ConsumerRunner.Builder runner(String group, String topic) {
        return ConsumerRunner.builder(config(KAFKA)).groupId(group).topics(topic)
                .commitInterval(Duration.ofMillis(100)).shutdownTimeout(Duration.ofSeconds(5));
    }

    @Test
    void producerWritesCloudEventsHeadersAndPropagatesTraceparent() {
        KAFKA.createTopic("wire", 1);
        String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (TraceContext.Scope ignored = TraceContext.open(trace)) {
            producer.sendAndWait("wire", OrderEvent.TYPE, "k1", OrderEvent.of("e-wire"), null);
        }
        ConsumerRecord<byte[], byte[]> r = readAll(KAFKA, "wire").get(0);
        assertThat(header(r, "ce_id")).isEqualTo("e-wire");
        assertThat(header(r, "ce_type")).isEqualTo("OrderCreated");
        assertThat(header(r, "ce_source")).isEqualTo("urn:test");
        assertThat(header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(r, "content-type")).isEqualTo("application/json");
        assertThat(header(r, "traceparent")).isEqualTo(trace);
        assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("k1");
    }

    /** Must-show 5. */
    @Test
    void alwaysThrowingHandlerEndsInTheDlqWithEveryHeaderAndLaterRecordsFlow() {
        KAFKA.createTopic("always", 1);
        KAFKA.createTopic("always.dlq", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> badAttempts = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner runner = runner("always-g", "always")
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("bad")) {
                        badAttempts.add(m.attempt());
                        throw new IllegalStateException("cannot handle " + m.payload().id(),
                                new java.io.IOException("disk on fire"));
                    }
                    handled.add(m.payload().id());
                })
                .retryPolicy(quickRetries(3)).metrics(metrics).build().start()) {
            producer.sendAndWait("always", OrderEvent.TYPE, "k", OrderEvent.of("bad"), null);
            producer.sendAndWait("always", OrderEvent.TYPE, "k", OrderEvent.of("good1"), null);
            producer.sendAndWait("always", OrderEvent.TYPE, "k", OrderEvent.of("good2"), null);
            await("later records handled", WAIT, () -> handled.size() == 2);
            await("offsets committed", WAIT, () -> Long.valueOf(3).equals(committed(KAFKA, "always-g", "always").get(0)));
        }
        assertThat(handled).containsExactly("good1", "good2");
        assertThat(badAttempts).containsExactly(1, 2, 3);
        assertThat(metrics.deadLettersByReason()).isEqualTo(Map.of(DeadLetterReason.RETRIES_EXHAUSTED, 1L));

        ConsumerRecord<byte[], byte[]> original = readAll(KAFKA, "always").get(0);
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(KAFKA, "always.dlq");
        assertThat(dlq).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dlq.get(0);
        assertThat(d.key()).isEqualTo(original.key());
        assertThat(d.value()).isEqualTo(original.value());
        for (Header h : original.headers()) {
            assertThat(d.headers().lastHeader(h.key()).value()).as(h.key()).isEqualTo(h.value());
        }
        assertThat(header(d, "dlq.original.topic")).isEqualTo("always");
        assertThat(header(d, "dlq.original.partition")).isEqualTo("0");
        assertThat(header(d, "dlq.original.offset")).isEqualTo("0");
        assertThat(header(d, "dlq.original.timestamp")).isEqualTo(String.valueOf(original.timestamp()));
        assertThat(header(d, "dlq.consumer.group")).isEqualTo("always-g");
        assertThat(header(d, "dlq.reason")).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(header(d, "dlq.exception.class")).isEqualTo("java.lang.IllegalStateException");
        assertThat(header(d, "dlq.exception.message")).isEqualTo("cannot handle bad");
        assertThat(header(d, "dlq.exception.root-cause")).isEqualTo("java.io.IOException: disk on fire");
        assertThat(header(d, "dlq.exception.stacktrace")).startsWith("java.lang.IllegalStateException: cannot handle bad");
        assertThat(d.headers().lastHeader("dlq.exception.stacktrace").value().length).isLessThanOrEqualTo(4096);
        assertThat(header(d, "dlq.attempts")).isEqualTo("3");
        assertThat(Instant.parse(header(d, "dlq.failed-at"))).isBefore(Instant.now().plusSeconds(1));
    }

    /** Must-show 6. */
    @Test
    void undeserializableKeyAndValueGoToTheDlqAsRawBytesWithoutLooping() {
        KAFKA.createTopic("poison", 1);
        KAFKA.createTopic("poison.dlq", 1);
        MessageType<UUID, OrderEvent, Void> type =
                MessageType.of("OrderCreated", OrderEvent.class, KeyCodec.uuid(), HeadersCodec.none());
        List<String> handled = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        var typed = new RecordHeaders();
        HeaderValues.set(typed, CloudEventHeaders.TYPE, "OrderCreated");
        byte[] badKey = new byte[] {(byte) 0xC3, 0x28, 'x'};
        byte[] goodValue = utf8("{\"id\":\"a\",\"ref\":\"r\",\"qty\":1}");
        byte[] badValue = utf8("{\"id\": not json");
        byte[] goodKey = utf8(UUID.randomUUID().toString());
        sendRaw(KAFKA, "poison", 0, badKey, goodValue, typed);
        sendRaw(KAFKA, "poison", 0, goodKey, badValue, typed);
        sendRaw(KAFKA, "poison", 0, goodKey, goodValue, typed);
        try (ConsumerRunner runner = runner("poison-g", "poison")
                .handle(type, m -> handled.add(m.payload().id())).metrics(metrics).build().start()) {
            await("good record handled", WAIT, () -> handled.size() == 1);
            await("offsets committed", WAIT, () -> Long.valueOf(3).equals(committed(KAFKA, "poison-g", "poison").get(0)));
        }
        assertThat(metrics.failed()).isZero();
        assertThat(metrics.received()).isEqualTo(3);
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll(KAFKA, "poison.dlq");
        assertThat(dlq).hasSize(2);
        assertThat(dlq.get(0).key()).isEqualTo(badKey);
        assertThat(dlq.get(0).value()).isEqualTo(goodValue);
        assertThat(header(dlq.get(0), "dlq.original.offset")).isEqualTo("0");
        assertThat(dlq.get(1).key()).isEqualTo(goodKey);
        assertThat(dlq.get(1).value()).isEqualTo(badValue);
        assertThat(header(dlq.get(1), "dlq.original.offset")).isEqualTo("1");
        for (var d : dlq) {
            assertThat(header(d, "dlq.reason")).isEqualTo("DESERIALIZATION");
            assertThat(header(d, "dlq.original.topic")).isEqualTo("poison");
            assertThat(header(d, "dlq.attempts")).isEqualTo("0");
            assertThat(header(d, "ce_type")).isEqualTo("OrderCreated");
        }
    }

    /** Must-show 8. */
    @Test
    void retryTopicRecordsAreNeverHandledBeforeTheirDueTimeAndTheLastRetryGoesToTheDlq() {
        KAFKA.createTopic("pay", 2);
        KAFKA.createTopic("pay.retry", 2);
        KAFKA.createTopic("pay.dlq", 1);
        record Call(String topic, long at, long due, int attempt) {}
        List<Call> calls = new CopyOnWriteArrayList<>();
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(1).retryTopicRounds(2)
                .retryTopicDelay(Duration.ofMillis(1500)).multiplier(1.5).jitter(0).build();
        try (ConsumerRunner runner = runner("pay-g", "pay")
                .handle(OrderEvent.TYPE, m -> {
                    String due = HeaderValues.getOrNull(m.kafkaHeaders(), RetryHeaders.DUE_AT);
                    calls.add(new Call(m.topic(), System.currentTimeMillis(), due == null ? 0 : Long.parseLong(due),
                            m.attempt()));
                    throw new IllegalStateException("payment provider down");
                })
                .retryPolicy(policy).retryTopic("pay.retry").deadLetterTopic("pay.dlq").build().start()) {
            producer.sendAndWait("pay", OrderEvent.TYPE, "k", OrderEvent.of("p1"), null);
            await("record in the DLQ", WAIT, () -> !readAll(KAFKA, "pay.dlq").isEmpty());
        }
        assertThat(calls).extracting(Call::topic).containsExactly("pay", "pay.retry", "pay.retry");
        assertThat(calls).extracting(Call::attempt).containsExactly(1, 2, 3);
        for (Call retry : calls.subList(1, 3)) {
            assertThat(retry.at()).as("handled at or after its due time").isGreaterThanOrEqualTo(retry.due());
        }
        assertThat(calls.get(1).due() - calls.get(0).at()).isBetween(1400L, 2500L);
        assertThat(calls.get(2).due() - calls.get(1).at()).isBetween(2150L, 3500L);
        var d = readAll(KAFKA, "pay.dlq");
        assertThat(d).hasSize(1);
        assertThat(header(d.get(0), "dlq.reason")).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(header(d.get(0), "dlq.attempts")).isEqualTo("3");
        assertThat(header(d.get(0), "dlq.original.topic")).isEqualTo("pay");
        assertThat(header(d.get(0), "dlq.original.offset")).isEqualTo("0");
    }

    /** Must-show 10. */
    @Test
    void reDeadLetteringADeadLetterDoesNotGrowItsHeaders() {
        KAFKA.createTopic("redlq", 1);
        KAFKA.createTopic("redlq.dlq1", 1);
        KAFKA.createTopic("redlq.dlq2", 1);
        try (ConsumerRunner runner = runner("redlq-g", "redlq").topics("redlq", "redlq.dlq1")
                .handle(OrderEvent.TYPE, m -> {
                    throw new NonRetryableException("rejected on " + m.topic());
                })
                .deadLetterTopics(t -> t.equals("redlq") ? "redlq.dlq1" : "redlq.dlq2")
                .build().start()) {
            producer.sendAndWait("redlq", OrderEvent.TYPE, "k", OrderEvent.of("r1"), null);
            await("record dead-lettered twice", WAIT, () -> !readAll(KAFKA, "redlq.dlq2").isEmpty());
        }
        var first = readAll(KAFKA, "redlq.dlq1").get(0);
        var second = readAll(KAFKA, "redlq.dlq2").get(0);
        assertThat(second.headers().toArray()).hasSameSizeAs(first.headers().toArray());
        for (Header h : second.headers()) {
            assertThat(second.headers().headers(h.key())).as(h.key()).hasSize(1);
        }
        assertThat(header(second, "dlq.exception.message")).isEqualTo("rejected on redlq.dlq1");
        assertThat(header(second, "dlq.original.topic")).isEqualTo("redlq");
        assertThat(header(second, "dlq.reason")).isEqualTo("NON_RETRYABLE");
        assertThat(second.value()).isEqualTo(first.value());
    }

    /** Must-show 11. */
    @Test
    void businessKeyDuplicateGoesToTheDlqAsDuplicateKey() {
        KAFKA.createTopic("bk", 1);
        KAFKA.createTopic("bk.dlq", 1);
        var type = OrderEvent.TYPE.withBusinessKey(m -> m.payload().ref());
        List<String> handled = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner runner = runner("bk-g", "bk").handle(type, m -> handled.add(m.payload().id()))
                .metrics(metrics).build().start()) {
            producer.sendAndWait("bk", type, "k", new OrderEvent("e1", "ORDER-1", 1), null);
            producer.sendAndWait("bk", type, "k", new OrderEvent("e1", "ORDER-1", 1), null); // redelivery: same id
            producer.sendAndWait("bk", type, "k", new OrderEvent("e2", "ORDER-1", 1), null); // same business key
            producer.sendAndWait("bk", type, "k", new OrderEvent("e3", "ORDER-2", 1), null);
            await("all four finished", WAIT, () -> Long.valueOf(4).equals(committed(KAFKA, "bk-g", "bk").get(0)));
        }
        assertThat(handled).containsExactly("e1", "e3");
        assertThat(metrics.deduplicated()).isEqualTo(1);
        var dlq = readAll(KAFKA, "bk.dlq");
        assertThat(dlq).hasSize(1);
        assertThat(header(dlq.get(0), "dlq.reason")).isEqualTo("DUPLICATE_KEY");
        assertThat(header(dlq.get(0), "ce_id")).isEqualTo("e2");
        assertThat(header(dlq.get(0), "dlq.original.offset")).isEqualTo("2");
    }
}
