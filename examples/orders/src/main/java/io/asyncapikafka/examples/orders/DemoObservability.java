package io.asyncapikafka.examples.orders;

import io.asyncapikafka.micrometer.KafkaMicrometer;
import io.asyncapikafka.opentelemetry.KafkaTracing;
import io.asyncapikafka.runtime.consumer.ConsumerMetrics;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's metrics and traces: one Micrometer registry for both sides (a real service would hand in its own, e.g.
 * Prometheus), and one OpenTelemetry SDK per side (service.name {@code order-service} and {@code billing}) exporting
 * into memory, so that the end of the demo can print the figures and the trace of one order.
 */
final class DemoObservability implements AutoCloseable {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaMicrometer meters = KafkaMicrometer.of(registry);
    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider orderServiceTracing = tracerProvider("order-service");
    private final SdkTracerProvider billingTracing = tracerProvider("billing");
    private final KafkaTracing orderService = KafkaTracing.create(sdk(orderServiceTracing));
    private final KafkaTracing billing = KafkaTracing.create(sdk(billingTracing));

    /** The order service's producer: send timer, rejections, send spans, client metrics. */
    KafkaTypedProducer.Builder orderServiceProducer(KafkaTypedProducer.Builder b) {
        return b.observer(meters.producerObserver()).observer(orderService.producerObserver())
                .clientListener(meters.clientListener());
    }

    /** The order service's own consumer (the retry-topic watcher): process spans, client metrics. */
    ConsumerRunner.Builder orderServiceConsumer(ConsumerRunner.Builder b) {
        return b.observer(orderService.handlerObserver()).clientListener(meters.clientListener());
    }

    /** Billing's consumers: process spans, client metrics (its counters come with {@link #billingMetrics}). */
    ConsumerRunner.Builder billingConsumer(ConsumerRunner.Builder b) {
        return b.observer(billing.handlerObserver()).clientListener(meters.clientListener());
    }

    /** Billing's counters, timers and lag gauges beside the in-memory figures the story waits on. */
    ConsumerMetrics billingMetrics(ConsumerMetrics inMemory, String group) {
        return ConsumerMetrics.all(inMemory, meters.consumerMetrics(group));
    }

    /** Prints the asyncapi.kafka meters and how many kafka-clients meters are bound, then the trace of one event. */
    void print(PrintStream out, String group, String orderId, String eventId) {
        out.println();
        out.println("6. What Micrometer counted (asyncapi-kafka-micrometer, a SimpleMeterRegistry here; billing's"
                + " meters carry group=" + group + "):");
        List<Meter> ours = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("asyncapi.kafka"))
                .filter(m -> !m.getId().getName().equals("asyncapi.kafka.consumer.lag"))
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> tags(m)))
                .toList();
        for (Meter m : ours) {
            out.printf(Locale.ROOT, "   %-38s %-70s %s%n", m.getId().getName(), tags(m), value(m));
        }
        List<Gauge> lag = registry.find("asyncapi.kafka.consumer.lag").gauges().stream().toList();
        out.printf(Locale.ROOT, "   %-38s %-70s %d partition(s), max %.0f%n", "asyncapi.kafka.consumer.lag",
                "per topic and partition", lag.size(), lag.stream().mapToDouble(Gauge::value).max().orElse(0));
        long clientMeters = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka.")).count();
        out.printf(Locale.ROOT, "   + %d kafka-clients meters bound by KafkaClientMetrics (kafka.consumer.*, kafka.producer.*)%n",
                clientMeters);

        out.println();
        out.println("7. The trace of " + orderId + " (asyncapi-kafka-opentelemetry; spans exported in memory):");
        Optional<SpanData> send = spans.stream().filter(s -> eventId.equals(s.getAttributes().get(MESSAGE_ID)))
                .filter(s -> s.getName().startsWith("send ")).min(Comparator.comparingLong(SpanData::getStartEpochNanos));
        if (send.isEmpty()) {
            out.println("   (no send span of " + eventId + ")");
            return;
        }
        String traceId = send.get().getTraceId();
        List<SpanData> trace = spans.stream().filter(s -> s.getTraceId().equals(traceId))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        out.println("   trace " + traceId);
        for (SpanData s : trace) {
            out.printf(Locale.ROOT, "   %s%-20s %-9s %-14s %6.2f ms  %s%n", "  ".repeat(depth(s, trace)), s.getName(),
                    s.getKind(), s.getResource().getAttribute(SERVICE_NAME),
                    (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6, attributes(s));
        }
    }

    /** The spans exported so far. */
    List<SpanData> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        orderServiceTracing.close();
        billingTracing.close();
        registry.close();
    }

    private static int depth(SpanData span, List<SpanData> trace) {
        int depth = 0;
        String parent = span.getParentSpanId();
        while (true) {
            String p = parent;
            Optional<SpanData> up = trace.stream().filter(s -> s.getSpanId().equals(p)).findFirst();
            if (up.isEmpty()) {
                return depth;
            }
            depth++;
            parent = up.get().getParentSpanId();
        }
    }

    private static String attributes(SpanData s) {
        return s.getAttributes().asMap().entrySet().stream()
                .filter(e -> List.of("messaging.destination.partition.id", "messaging.kafka.offset",
                        "messaging.consumer.group.name").contains(e.getKey().getKey()))
                .map(e -> e.getKey().getKey().replace("messaging.", "") + "=" + e.getValue())
                .sorted().collect(Collectors.joining(" "));
    }

    private static String tags(Meter m) {
        return m.getId().getTags().stream().filter(t -> !t.getKey().equals("group")) // one group: said once
                .map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(" "));
    }

    private static String value(Meter m) {
        if (m instanceof Counter c) {
            return String.format(Locale.ROOT, "%.0f", c.count());
        }
        if (m instanceof Timer t) {
            return String.format(Locale.ROOT, "count %d, mean %.2f ms, max %.2f ms", t.count(),
                    t.mean(TimeUnit.MILLISECONDS), t.max(TimeUnit.MILLISECONDS));
        }
        return m.measure().toString();
    }

    private SdkTracerProvider tracerProvider(String serviceName) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> batch) {
                        spans.addAll(batch);
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                }))
                .build();
    }

    private static OpenTelemetrySdk sdk(SdkTracerProvider provider) {
        return OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }
}
