package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.TraceContext;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.json.ContractSchemas;
import io.asyncapikafka.runtime.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the wire record of a typed message: validation, JSON value, key bytes, declared headers and the CloudEvents
 * headers. The one place this happens, shared by the Kafka producer, the in-memory producer and the handler driver, so
 * a test double can never disagree with production about what goes on the wire.
 */
public final class OutgoingRecords {

    /** The headers {@link #encode} stamps; a headers codec that wrote one of them is overridden. */
    private static final Set<String> STAMPED = Set.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
            CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME,
            CloudEventHeaders.CONTENT_TYPE);
    // Constant header values are encoded once and the arrays shared by every record: headers are never modified
    // after encoding, and the serializer only reads them.
    private static final byte[] SPEC_VERSION = utf8(CloudEventHeaders.SPEC_VERSION_VALUE);
    private static final byte[] JSON = utf8(CloudEventHeaders.JSON);
    private static final DateTimeFormatter UP_TO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.", Locale.ROOT);

    private final String source;
    private final byte[] sourceBytes;
    private final Clock clock;
    private final boolean stampTime;
    /** {@code ce_time} text up to the seconds of the last formatted second; most records reuse it. */
    private volatile SecondPrefix lastSecond;
    /** The message type of the last record and its {@code ce_type} bytes. */
    private volatile TypeName lastType;

    private OutgoingRecords(String source, Clock clock, boolean stampTime) {
        this.source = source;
        this.sourceBytes = utf8(source);
        this.clock = clock;
        this.stampTime = stampTime;
    }

    /** An encoder that stamps {@code ce_source} with {@code source}, without {@code ce_time} (see {@link #withTime}). */
    public static OutgoingRecords create(String source) {
        return create(source, Clock.systemUTC());
    }

    /** As {@link #create(String)} with the clock {@code ce_time} reads once turned on with {@link #withTime}. */
    public static OutgoingRecords create(String source, Clock clock) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        return new OutgoingRecords(source, Objects.requireNonNull(clock, "clock"), false);
    }

    /**
     * This encoder with or without {@code ce_time}, the send time. Off by default: it is an optional CloudEvents
     * attribute that nothing in the runtime reads (the Kafka record timestamp already says when a record was
     * produced), and it costs a clock read, a formatted time and 31 bytes on every record.
     */
    public OutgoingRecords withTime(boolean stamp) {
        return stamp == stampTime ? this : new OutgoingRecords(source, clock, stamp);
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
        byte[] keyBytes = type.keyCodec().encode(key);
        if (type.isJsonPayload()) {
            byte[] value;
            try {
                value = type.writePayload(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + type.name() + " payload as JSON", e);
            }
            // the record's own empty headers, filled in place: headers passed to a ProducerRecord are copied
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, keyBytes, value);
            stamp(type, key, payload, headers, record.headers());
            return record;
        }
        // the codec may add headers (a schema id), so they come first here
        RecordHeaders kafkaHeaders = new RecordHeaders();
        stamp(type, key, payload, headers, kafkaHeaders);
        byte[] value = encodeWithCodec(topic, type, payload, kafkaHeaders);
        return new ProducerRecord<>(topic, null, null, keyBytes, value, kafkaHeaders);
    }

    /** The declared headers, then the CloudEvents ones (and {@code traceparent} inside a traced scope). */
    private <K, V, H> void stamp(MessageType<K, V, H> type, K key, V payload, H headers, Headers kafkaHeaders) {
        if (headers != null) {
            type.headersCodec().write(headers, kafkaHeaders);
        }
        String eventId = type.eventIdOf(new Message<>(key, payload, headers));
        if (eventId == null) {
            eventId = HeaderValues.get(kafkaHeaders, CloudEventHeaders.ID).orElseGet(() -> UUID.randomUUID().toString());
        }
        if (anyStamped(kafkaHeaders)) {
            // rare: declared headers named like ours; ours win, and must not be stacked on theirs
            for (String name : STAMPED) {
                kafkaHeaders.remove(name);
            }
        }
        // each stamped header is now absent: add, not set (which would scan and remove first)
        kafkaHeaders.add(CloudEventHeaders.ID, utf8(eventId));
        kafkaHeaders.add(CloudEventHeaders.TYPE, typeBytes(type));
        kafkaHeaders.add(CloudEventHeaders.SOURCE, sourceBytes);
        kafkaHeaders.add(CloudEventHeaders.SPEC_VERSION, SPEC_VERSION);
        if (stampTime) {
            kafkaHeaders.add(CloudEventHeaders.TIME, time(clock.millis()));
        }
        kafkaHeaders.add(CloudEventHeaders.CONTENT_TYPE,
                type.isJsonPayload() ? JSON : utf8(type.contentType()));
        String traceparent = TraceContext.currentOrNull(); // mostly none: then no scan of the headers for one
        if (traceparent != null && kafkaHeaders.lastHeader(CloudEventHeaders.TRACEPARENT) == null) {
            kafkaHeaders.add(CloudEventHeaders.TRACEPARENT, utf8(traceparent));
        }
    }

    /** A payload in a format other than JSON (Avro, ...); the codec may add headers (a schema id). */
    private static <K, V, H> byte[] encodeWithCodec(String topic, MessageType<K, V, H> type, V payload,
            Headers headers) {
        try {
            return type.writePayload(topic, payload, headers);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + type.name() + " payload as " + type.contentType(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + type.name() + " payload as " + type.contentType(), e);
        }
    }

    /**
     * {@code ce_type}'s value, encoded once per message type and shared like the other constant values (a producer
     * mostly sends one type after another; another type just replaces the remembered one).
     */
    private byte[] typeBytes(MessageType<?, ?, ?> type) {
        TypeName last = lastType;
        if (last == null || last.type != type) {
            last = new TypeName(type, utf8(type.name()));
            lastType = last; // racing threads each encode their own; any of them is right
        }
        return last.bytes;
    }

    /** The source this encoder stamps. */
    public String source() {
        return source;
    }

    private static boolean anyStamped(Headers headers) {
        for (Header h : headers) {
            if (STAMPED.contains(h.key())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code epochMillis} as ISO-8601 UTC with milliseconds ({@code 2024-05-01T12:00:00.123Z}). The text up to the
     * seconds is formatted once per second and reused, so a record costs a copy and four digits, not an
     * {@code Instant.toString()}.
     */
    byte[] time(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        SecondPrefix prefix = lastSecond;
        if (prefix == null || prefix.second != second) {
            prefix = new SecondPrefix(second, utf8(UP_TO_SECONDS.format(
                    LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC))));
            lastSecond = prefix; // racing threads each format their own; any of them is right
        }
        int n = prefix.text.length;
        byte[] out = Arrays.copyOf(prefix.text, n + 4);
        out[n] = (byte) ('0' + millis / 100);
        out[n + 1] = (byte) ('0' + millis / 10 % 10);
        out[n + 2] = (byte) ('0' + millis % 10);
        out[n + 3] = 'Z';
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A message type and its encoded name. */
    private record TypeName(MessageType<?, ?, ?> type, byte[] bytes) {}

    /** {@code ce_time} text up to and including the decimal point of one epoch second. */
    private record SecondPrefix(long second, byte[] text) {}

    private static void validate(MessageType<?, ?, ?> type, Object key, Object payload, Object headers) {
        List<Violation> violations = new ArrayList<>();
        if (key instanceof Validatable v) {
            v.validate("key", violations);
        }
        if (payload instanceof Validatable v) {
            v.validate("$", violations);
        }
        ContractSchemas.check(type.payloadType(), payload, "$", violations); // keywords no Java shape holds
        if (headers instanceof Validatable v) {
            v.validate("headers", violations);
        }
        if (!violations.isEmpty()) {
            throw new ContractViolationException("message " + type.name(), violations);
        }
    }
}
