package io.asyncapikafka.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: OpenTelemetry spans of sends and handler attempts on the in-JVM broker, exported in memory. */
class TracingBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private InMemorySpanExporter exporter;
    private SdkTracerProvider provider;
    private OpenTelemetrySdk otel;

    @BeforeEach
    void sdk() {
        exporter = InMemorySpanExporter.create();
        provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void oneTraceRunsFromTheCallerThroughSendProcessAndWhatTheHandlerDoesWithTraceStateCarried() throws Exception {
        KAFKA.createTopic("orders.t", 1);
        KAFKA.createTopic("billing.t", 1);
        KafkaTracing tracing = KafkaTracing.create(otel);
        Tracer tracer = otel.getTracer("test");
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config).observer(tracing.producerObserver())
                .build();
                ConsumerRunner runner = ConsumerRunner.builder(config).groupId("billing").topics("orders.t")
                        .observer(tracing.handlerObserver())
                        .handle(Payment.TYPE, m -> {
                            // runs in the process span's context: its own span and its send are children
                            Span charge = tracer.spanBuilder("charge").startSpan();
                            charge.end();
                            producer.sendAndWait("billing.t", Payment.TYPE, m.key(),
                                    new Payment("bill-" + m.payload().id(), m.payload().cents()), null);
                        })
                        .build().start()) {
            // the caller: a remote parent with a tracestate, as an HTTP request into the order service would bring
            SpanContext caller = SpanContext.createFromRemoteParent(TRACE_ID, CALLER_SPAN, TraceFlags.getSampled(),
                    TraceState.builder().put("vendor", "x1").build());
            try (Scope ignored = Context.root().with(Span.wrap(caller)).makeCurrent()) {
                producer.sendAndWait("orders.t", Payment.TYPE, "order-1", new Payment("p-1", 250), null);
            }
            await(() -> exporter.getFinishedSpanItems().size() >= 4);
        }
        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData sendOrder = one(spans, s -> s.getName().equals("send orders.t"));
        SpanData process = one(spans, s -> s.getName().equals("process orders.t"));
        SpanData charge = one(spans, s -> s.getName().equals("charge"));
        SpanData sendBill = one(spans, s -> s.getName().equals("send billing.t"));

        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
        assertThat(sendOrder.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(process.getParentSpanId()).isEqualTo(sendOrder.getSpanId());
        assertThat(charge.getParentSpanId()).isEqualTo(process.getSpanId());
        assertThat(sendBill.getParentSpanId()).isEqualTo(process.getSpanId());
        assertThat(process.getSpanContext().getTraceState().get("vendor")).isEqualTo("x1");

        assertThat(sendOrder.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(sendOrder.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("messaging.system"), "kafka")
                .containsEntry(AttributeKey.stringKey("messaging.operation.name"), "send")
                .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "send")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders.t")
                .containsEntry(AttributeKey.stringKey("messaging.destination.partition.id"), "0")
                .containsEntry(AttributeKey.longKey("messaging.kafka.offset"), 0L)
                .containsEntry(AttributeKey.stringKey("messaging.kafka.message.key"), "order-1")
                .containsEntry(AttributeKey.stringKey("messaging.message.id"), "p-1");
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getAttributes().asMap())
                .containsEntry(AttributeKey.stringKey("messaging.operation.name"), "process")
                .containsEntry(AttributeKey.stringKey("messaging.operation.type"), "process")
                .containsEntry(AttributeKey.stringKey("messaging.consumer.group.name"), "billing")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), "orders.t")
                .containsEntry(AttributeKey.longKey("messaging.kafka.offset"), 0L)
                .containsEntry(AttributeKey.stringKey("messaging.message.id"), "p-1")
                .containsEntry(AttributeKey.stringKey("asyncapi.message.type"), "PaymentRequested");
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        // on the wire: the billing record carries the send span's context (replacing the runtime's plain copy)
        ConsumerRecord<byte[], byte[]> billed = readOne("billing.t");
        assertThat(header(billed, "traceparent")).isEqualTo("00-" + TRACE_ID + "-" + sendBill.getSpanId() + "-01");
        assertThat(header(billed, "tracestate")).isEqualTo("vendor=x1");
        assertThat(billed.headers().headers("traceparent")).hasSize(1);
    }

    @Test
    void retriesAndDeadLettersAreEventsOnTheFailedAttemptsSpans() throws Exception {
        KAFKA.createTopic("fail.t", 1);
        KAFKA.createTopic("fail.t.dlq", 1);
        KafkaTracing tracing = KafkaTracing.create(otel);
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        AtomicInteger flaky = new AtomicInteger();
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config).observer(tracing.producerObserver())
                .build();
                ConsumerRunner runner = ConsumerRunner.builder(config).groupId("g").topics("fail.t")
                        .observer(tracing.handlerObserver())
                        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
                                .build())
                        .handle(Payment.TYPE, m -> {
                            if (m.payload().id().equals("flaky") && flaky.incrementAndGet() == 1) {
                                throw new IllegalStateException("once");
                            }
                            if (m.payload().id().equals("poison")) {
                                throw new NonRetryableException("never");
                            }
                        })
                        .build().start()) {
            producer.sendAndWait("fail.t", Payment.TYPE, "k", new Payment("flaky", 1), null);
            producer.sendAndWait("fail.t", Payment.TYPE, "k", new Payment("poison", 1), null);
            await(() -> exporter.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("process"))
                    .count() >= 3);
        }
        List<SpanData> process = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("process fail.t")).toList();
        assertThat(process).hasSize(3);
        SpanData first = process.get(0);
        SpanData second = process.get(1);
        SpanData poison = process.get(2);
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(first.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("java.lang.IllegalStateException");
        EventData retry = first.getEvents().stream().filter(e -> e.getName().equals("retry")).findFirst().orElseThrow();
        assertThat(retry.getAttributes().get(AttributeKey.longKey("asyncapi.attempt"))).isEqualTo(1L);
        assertThat(retry.getAttributes().get(AttributeKey.longKey("asyncapi.retry.backoff_ms"))).isNotNull();
        assertThat(first.getEvents()).extracting(EventData::getName).contains("exception");

        assertThat(second.getAttributes().get(AttributeKey.longKey("asyncapi.attempt"))).isEqualTo(2L);
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(second.getEvents()).isEmpty();
        assertThat(second.getParentSpanId()).isEqualTo(first.getParentSpanId()); // both children of the send

        EventData dead = poison.getEvents().stream().filter(e -> e.getName().equals("dead_letter")).findFirst()
                .orElseThrow();
        assertThat(dead.getAttributes().get(AttributeKey.stringKey("asyncapi.dead_letter.reason")))
                .isEqualTo("NON_RETRYABLE");
        assertThat(dead.getAttributes().get(AttributeKey.stringKey("asyncapi.dead_letter.topic")))
                .isEqualTo("fail.t.dlq");
        assertThat(poison.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    private static SpanData one(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).as("%s", spans).hasSize(1);
        return found.get(0);
    }

    private static String header(ConsumerRecord<byte[], byte[]> rec, String name) {
        var h = rec.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String topic) {
        var props = java.util.Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    return r;
                }
            }
        }
        throw new AssertionError("nothing on " + topic);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
