package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.TraceContext;
import io.asyncapikafka.runtime.producer.InMemoryProducer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandlerDriverTest {

    record Cancelled(String id) {}

    static final MessageType<Void, Cancelled, Void> CANCELLED = MessageType.of("OrderCancelled", Cancelled.class);

    private final List<String> handled = new ArrayList<>();

    /** Shaped like generated records: required references checked in the compact constructor, primitives required. */
    record Line(String sku, @JsonProperty(required = true) int qty) {
        Line {
            Objects.requireNonNull(sku, "sku");
        }
    }

    record Order(@JsonProperty("order_id") String orderId, List<Line> lines, String note) {
        Order {
            Objects.requireNonNull(orderId, "order_id");
            Objects.requireNonNull(lines, "lines");
            lines = List.copyOf(lines);
        }
    }

    static final MessageType<Void, Order, Void> ORDER = MessageType.of("Order", Order.class);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"lines\":[]}                                          | $.order_id     | missing or null",
        "{\"order_id\":null,\"lines\":[]}                        | $.order_id     | missing or null",
        "{\"order_id\":\"o\"}                                    | $.lines        | missing or null",
        "{\"order_id\":\"o\",\"lines\":[{\"sku\":\"a\",\"qty\":1},{\"qty\":2}]} | $.lines[1].sku | missing or null",
        "{\"order_id\":\"o\",\"lines\":[{\"sku\":\"a\"}]}         | $.lines[0].qty | required but missing",
    })
    void aMissingRequiredMemberIsAContractViolationNamingItsPath(String json, String path, String message) {
        HandlerDriver driver = HandlerDriver.builder().handle(ORDER, m -> handled.add("called")).build();
        var result = driver.deliverRaw("orders", null, json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(result.error()).isInstanceOfSatisfying(ContractViolationException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().get(0).path()).isEqualTo(path);
            assertThat(e.violations().get(0).message()).contains(message);
        });
        assertThat(handled).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1]"})
    void malformedJsonOrAnotherRootShapeStaysADeserializationFailure(String json) {
        HandlerDriver driver = HandlerDriver.builder().handle(ORDER, m -> handled.add("called")).build();
        var result = driver.deliverRaw("orders", null, json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.DESERIALIZATION);
        assertThat(handled).isEmpty();
    }

    /** The strict mapper (no coercion) reports a member of the wrong JSON type as a contract violation. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"order_id\":{},\"lines\":[]}", "{\"order_id\":\"o\",\"lines\":[{\"sku\":\"a\",\"qty\":\"x\"}]}"})
    void aMemberOfTheWrongJsonTypeIsAContractViolation(String json) {
        HandlerDriver driver = HandlerDriver.builder().handle(ORDER, m -> handled.add("called")).build();
        var result = driver.deliverRaw("orders", null, json.getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(result.error()).isInstanceOf(ContractViolationException.class);
        assertThat(handled).isEmpty();
    }

    @Test
    void dispatchesOnCeTypeAndDeduplicatesByEventId() {
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> handled.add("created " + m.payload().id()))
                .handle(CANCELLED, m -> handled.add("cancelled " + m.payload().id()))
                .build();

        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).status())
                .isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(driver.deliver("orders", CANCELLED, null, new Cancelled("c1"), null).status())
                .isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).status())
                .isEqualTo(HandlerDriver.Status.DUPLICATE);
        assertThat(handled).containsExactly("created e1", "cancelled c1");
    }

    @Test
    void unknownTypeAndMissingTypeOnAMultiMessageChannelAreDeadLettered() {
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> handled.add(m.payload().id()))
                .handle(CANCELLED, m -> handled.add(m.payload().id()))
                .build();
        var headers = new RecordHeaders();
        HeaderValues.set(headers, CloudEventHeaders.TYPE, "Nope");
        var unknown = driver.deliverRaw("orders", null, "{}".getBytes(StandardCharsets.UTF_8), headers);
        var untyped = driver.deliverRaw("orders", null, "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(unknown.reason()).isEqualTo(DeadLetterReason.UNKNOWN_MESSAGE_TYPE);
        assertThat(untyped.reason()).isEqualTo(DeadLetterReason.UNKNOWN_MESSAGE_TYPE);
        assertThat(handled).isEmpty();
    }

    @Test
    void aSingleMessageChannelAcceptsRecordsWithoutCeType() {
        HandlerDriver driver = HandlerDriver.builder().handle(CANCELLED, m -> handled.add(m.payload().id())).build();
        var result = driver.deliverRaw("orders", null, "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(handled).containsExactly("x");
    }

    @Test
    void contractViolationOnReceiveIsDeadLetteredWithoutCallingTheHandler() {
        HandlerDriver driver = HandlerDriver.builder().handle(OrderEvent.TYPE, m -> handled.add("called")).build();
        var headers = new RecordHeaders();
        HeaderValues.set(headers, CloudEventHeaders.TYPE, OrderEvent.TYPE.name());
        var result = driver.deliverRaw("orders", null,
                "{\"id\":\"e1\",\"ref\":\"r\",\"qty\":-3}".getBytes(StandardCharsets.UTF_8), headers);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(result.error()).hasMessageContaining("$.qty");
        assertThat(handled).isEmpty();
    }

    @Test
    void retriesInPlaceThenForwardsToTheRetryTopicThenDeadLetters() {
        AtomicInteger calls = new AtomicInteger();
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("down");
                })
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).retryTopicRounds(1).build())
                .retryTopic("orders.retry")
                .build();
        var first = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(first.status()).isEqualTo(HandlerDriver.Status.SENT_TO_RETRY_TOPIC);
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(HeaderValues.getOrNull(first.forwarded().headers(), RetryHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");

        var second = driver.deliver(first.forwarded());
        assertThat(second.status()).isEqualTo(HandlerDriver.Status.DEAD_LETTERED);
        assertThat(second.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        assertThat(calls).hasValue(4);
        var dlq = second.forwarded();
        assertThat(dlq.topic()).isEqualTo("orders.dlq");
        assertThat(HeaderValues.getOrNull(dlq.headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(HeaderValues.getOrNull(dlq.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");
    }

    @Test
    void nonRetryableAndConfiguredTypesSkipRetries() {
        AtomicInteger calls = new AtomicInteger();
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    if (m.payload().id().equals("a")) {
                        throw new NonRetryableException("never");
                    }
                    throw new RuntimeException(new UnsupportedOperationException("configured, as a cause"));
                })
                .nonRetryable(UnsupportedOperationException.class)
                .build();
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("a"), null).reason())
                .isEqualTo(DeadLetterReason.NON_RETRYABLE);
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("b"), null).reason())
                .isEqualTo(DeadLetterReason.NON_RETRYABLE);
        assertThat(calls).hasValue(2);
    }

    @Test
    void businessKeyDuplicateIsDeadLetteredAsDuplicateKey() {
        var type = OrderEvent.TYPE.withBusinessKey(m -> m.payload().ref());
        HandlerDriver driver = HandlerDriver.builder().handle(type, m -> handled.add(m.payload().id())).build();
        driver.deliver("orders", type, "k", new OrderEvent("e1", "R", 1), null);
        var second = driver.deliver("orders", type, "k", new OrderEvent("e2", "R", 1), null);
        assertThat(second.reason()).isEqualTo(DeadLetterReason.DUPLICATE_KEY);
        assertThat(handled).containsExactly("e1");
    }

    @Test
    void aBusinessKeyExtractorThatCannotReadTheMessageDeadLettersInsteadOfStalling() {
        var type = OrderEvent.TYPE.withBusinessKey(m -> m.payload().ref().toUpperCase(java.util.Locale.ROOT));
        HandlerDriver driver = HandlerDriver.builder().handle(type, m -> handled.add(m.payload().id())).build();
        var result = driver.deliver("orders", OrderEvent.TYPE, "k", new OrderEvent("e1", null, 1), null);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(result.error()).hasMessageContaining("business key");
        assertThat(handled).isEmpty();
    }

    @Test
    void reDeadLetteringReplacesHeadersInsteadOfStackingThem() {
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> {
                    throw new NonRetryableException("no");
                })
                .build();
        var first = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).forwarded();
        var second = driver.deliver(first).forwarded();
        assertThat(second.headers().toArray()).hasSameSizeAs(first.headers().toArray());
        for (Header h : second.headers()) {
            assertThat(second.headers().headers(h.key())).hasSize(1);
        }
        assertThat(HeaderValues.getOrNull(second.headers(), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("orders");
    }

    @Test
    void traceparentOfTheHandledRecordFlowsIntoRecordsSentByTheHandler() {
        InMemoryProducer producer = InMemoryProducer.create();
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> producer.send("out", CANCELLED, null, new Cancelled(m.payload().id()), null))
                .build();
        String trace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try (TraceContext.Scope ignored = TraceContext.open(trace)) {
            // the producer of the incoming record stamps the trace of its caller
            var incoming = InMemoryProducer.create();
            incoming.send("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
            TraceContext.open(null);
            driver.deliver(incoming.sent().get(0));
        }
        assertThat(HeaderValues.getOrNull(producer.sent().get(0).headers(), CloudEventHeaders.TRACEPARENT))
                .isEqualTo(trace);
        assertThat(TraceContext.current()).isEmpty();
    }
}
