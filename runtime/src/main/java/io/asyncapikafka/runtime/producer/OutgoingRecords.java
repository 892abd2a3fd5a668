package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.TraceContext;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the wire record of a typed message: validation, JSON value, key bytes, declared headers and the CloudEvents
 * headers. The one place this happens, shared by the Kafka producer, the in-memory producer and the handler driver, so
 * a test double can never disagree with production about what goes on the wire.
 */
public final class OutgoingRecords {

    private final String source;
    private final Clock clock;

    private OutgoingRecords(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** An encoder that stamps {@code ce_source} with {@code source}. */
    public static OutgoingRecords create(String source) {
        return create(source, Clock.systemUTC());
    }

    /** As {@link #create(String)} with a clock for {@code ce_time}. */
    public static OutgoingRecords create(String source, Clock clock) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        return new OutgoingRecords(source, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The record for a message.
     *
     * @throws ContractViolationException if key, payload or headers break their constraints; nothing is built
     */
    public <K, V, H> ProducerRecord<byte[], byte[]> encode(String topic, MessageType<K, V, H> type, K key, V payload,
            H headers) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        validate(type, key, payload, headers);

        RecordHeaders kafkaHeaders = new RecordHeaders();
        if (headers != null) {
            type.headersCodec().write(headers, kafkaHeaders);
        }
        String eventId = type.eventIdOf(new Message<>(key, payload, headers));
        if (eventId == null) {
            eventId = HeaderValues.get(kafkaHeaders, CloudEventHeaders.ID).orElseGet(() -> UUID.randomUUID().toString());
        }
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.ID, eventId);
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.TYPE, type.name());
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.SOURCE, source);
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.TIME, clock.instant().toString());
        HeaderValues.set(kafkaHeaders, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        if (kafkaHeaders.lastHeader(CloudEventHeaders.TRACEPARENT) == null) {
            TraceContext.current().ifPresent(t -> HeaderValues.set(kafkaHeaders, CloudEventHeaders.TRACEPARENT, t));
        }
        byte[] value;
        try {
            value = Json.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + type.name() + " payload as JSON", e);
        }
        return new ProducerRecord<>(topic, null, null, type.keyCodec().encode(key), value, kafkaHeaders);
    }

    /** The source this encoder stamps. */
    public String source() {
        return source;
    }

    private static void validate(MessageType<?, ?, ?> type, Object key, Object payload, Object headers) {
        List<Violation> violations = new ArrayList<>();
        if (key instanceof Validatable v) {
            v.validate("key", violations);
        }
        if (payload instanceof Validatable v) {
            v.validate("$", violations);
        }
        if (headers instanceof Validatable v) {
            v.validate("headers", violations);
        }
        if (!violations.isEmpty()) {
            throw new ContractViolationException("message " + type.name(), violations);
        }
    }
}
