package io.asyncapikafka.opentelemetry;

import static io.asyncapikafka.opentelemetry.MessagingAttributes.*;

import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.HandlerObserver;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;

/**
 * A {@code process <topic>} CONSUMER span per handler attempt. Its parent is the context extracted from the record
 * (the producer's {@code send} span), so one trace runs from the sending service through every consumer; the semantic
 * conventions allow the creation context as parent for single-message processing.
 */
final class TracingHandlerObserver implements HandlerObserver {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    TracingHandlerObserver(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Observation starting(ReceivedMessage<?, ?, ?> message, String group) {
        Context parent = propagator.extract(Context.root(), message.kafkaHeaders(), KafkaHeadersCarrier.GETTER);
        var builder = tracer.spanBuilder("process " + message.topic())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, KAFKA)
                .setAttribute(OPERATION_NAME, "process")
                .setAttribute(OPERATION_TYPE, "process")
                .setAttribute(DESTINATION_NAME, message.topic())
                .setAttribute(PARTITION_ID, Integer.toString(message.partition()))
                .setAttribute(KAFKA_OFFSET, message.offset())
                .setAttribute(MESSAGE_TYPE, message.type())
                .setAttribute(ATTEMPT, (long) message.attempt());
        if (group != null) {
            builder.setAttribute(CONSUMER_GROUP, group);
        }
        if (message.eventId() != null) {
            builder.setAttribute(MESSAGE_ID, message.eventId());
        }
        Object key = message.key();
        if (key instanceof CharSequence || key instanceof Number || key instanceof java.util.UUID) {
            builder.setAttribute(KAFKA_KEY, key.toString()); // keys with a canonical string form only
        }
        Span span = builder.startSpan();
        Context context = parent.with(span);
        return new Observation() {
            @Override
            public Scope open() {
                io.opentelemetry.context.Scope scope = context.makeCurrent();
                return scope::close;
            }

            @Override
            public void retrying(int attempt, Duration backoff, String retryTopic, Throwable error) {
                AttributesBuilder a = Attributes.builder().put(ATTEMPT, (long) attempt);
                if (backoff != null) {
                    a.put(RETRY_BACKOFF_MS, backoff.toMillis());
                }
                if (retryTopic != null) {
                    a.put(RETRY_TOPIC, retryTopic);
                }
                if (error != null) {
                    a.put(ERROR_TYPE, error.getClass().getName());
                }
                span.addEvent(RETRY_EVENT, a.build());
            }

            @Override
            public void deadLettering(String topic, DeadLetterReason reason, Throwable error) {
                AttributesBuilder a = Attributes.builder().put(DEAD_LETTER_TOPIC, topic)
                        .put(DEAD_LETTER_REASON, reason.name());
                if (error != null) {
                    a.put(ERROR_TYPE, error.getClass().getName());
                }
                span.addEvent(DEAD_LETTER_EVENT, a.build());
            }

            @Override
            public void end(Throwable error) {
                if (error != null) {
                    span.recordException(error);
                    span.setAttribute(ERROR_TYPE, error.getClass().getName());
                    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                }
                span.end();
            }
        };
    }
}
