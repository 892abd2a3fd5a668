package io.asyncapikafka.opentelemetry;

import static io.asyncapikafka.opentelemetry.MessagingAttributes.*;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.producer.ProducerObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A {@code send <topic>} PRODUCER span per record, child of the current context, injected into the record. */
final class TracingProducerObserver implements ProducerObserver {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    TracingProducerObserver(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
        Context parent = Context.current();
        var builder = tracer.spanBuilder("send " + record.topic())
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, KAFKA)
                .setAttribute(OPERATION_NAME, "send")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(DESTINATION_NAME, record.topic())
                .setAttribute(MESSAGE_TYPE, messageType);
        if (record.key() != null) {
            builder.setAttribute(KAFKA_KEY, new String(record.key(), StandardCharsets.UTF_8));
        }
        if (record.value() != null) {
            builder.setAttribute(BODY_SIZE, (long) record.value().length);
        }
        var id = record.headers().lastHeader(CloudEventHeaders.ID);
        if (id != null && id.value() != null) {
            builder.setAttribute(MESSAGE_ID, new String(id.value(), StandardCharsets.UTF_8));
        }
        Span span = builder.startSpan();
        propagator.inject(parent.with(span), record.headers(), KafkaHeadersCarrier.SETTER);
        return new Send() {
            @Override
            public void acknowledged(RecordMetadata metadata) {
                span.setAttribute(PARTITION_ID, Integer.toString(metadata.partition()));
                if (metadata.hasOffset()) {
                    span.setAttribute(KAFKA_OFFSET, metadata.offset());
                }
                span.end();
            }

            @Override
            public void failed(Throwable error) {
                span.recordException(error);
                span.setAttribute(ERROR_TYPE, error.getClass().getName());
                span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
                span.end();
            }
        };
    }
}
