package io.asyncapikafka.opentelemetry;

import io.asyncapikafka.runtime.consumer.HandlerObserver;
import io.asyncapikafka.runtime.producer.ProducerObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;

/**
 * OpenTelemetry spans for the runtime, after the messaging semantic conventions for Kafka: a {@code send <topic>}
 * PRODUCER span per send whose context is injected into the record ({@code traceparent}, {@code tracestate}, by the
 * configured propagator), and a {@code process <topic>} CONSUMER span per handler attempt, its parent the context
 * extracted from the record. The handler runs in the process span's context on its handler thread, so spans it
 * starts, and what it sends, are its children. Retries and dead letters are span events.
 *
 * <pre>{@code
 * KafkaTracing tracing = KafkaTracing.create(openTelemetry);
 * kafka.customizeProducer(b -> b.observer(tracing.producerObserver()));
 * kafka.customizeConsumers(b -> b.observer(tracing.handlerObserver()));
 * }</pre>
 */
public final class KafkaTracing {

    /** The instrumentation scope name of the spans. */
    public static final String INSTRUMENTATION_NAME = "io.asyncapikafka.opentelemetry";

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    private KafkaTracing(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
    }

    /** Spans through {@code openTelemetry}'s tracer provider and propagators. */
    public static KafkaTracing create(OpenTelemetry openTelemetry) {
        return new KafkaTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /** The producer side: a {@code send} span per record, its context injected into the record's headers. */
    public ProducerObserver producerObserver() {
        return new TracingProducerObserver(tracer, openTelemetry.getPropagators().getTextMapPropagator());
    }

    /** The consumer side: a {@code process} span per handler attempt, current on the handler thread. */
    public HandlerObserver handlerObserver() {
        return new TracingHandlerObserver(tracer, openTelemetry.getPropagators().getTextMapPropagator());
    }
}
