package io.asyncapikafka.runtime;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.json.JsonCodec;
import io.asyncapikafka.runtime.json.JsonCodecs;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the runtime needs to know about one message of a contract: its name (the CloudEvents {@code ce_type}
 * on the wire), how to encode its key and headers, its payload class (JSON via Jackson), and optionally how to find
 * its event id (for {@code ce_id} and technical deduplication) and its business key (functional deduplication).
 * Generated code holds one constant per message.
 *
 * <pre>{@code
 * static final MessageType<UUID, OrderCreated, OrderHeaders> ORDER_CREATED =
 *         MessageType.of("OrderCreated", OrderCreated.class, KeyCodec.uuid(), OrderHeaders.CODEC)
 *                 .withEventId(m -> m.payload().eventId().toString())
 *                 .withBusinessKey(m -> m.payload().orderId().toString());
 * }</pre>
 *
 * @param <K> key type ({@link Void} without a key)
 * @param <V> payload type
 * @param <H> headers record type ({@link Void} without headers)
 */
public final class MessageType<K, V, H> {

    private final String name;
    private final Class<V> payloadType;
    private final KeyCodec<K> keyCodec;
    private final HeadersCodec<H> headersCodec;
    private final Function<Message<K, V, H>, String> eventId;
    private final Function<Message<K, V, H>, String> businessKey;
    // A payload format other than JSON (Avro, ...), and its codec: given, or found on first use through the
    // PayloadCodecProvider services (like the readers below; racing threads may each find an equivalent one).
    private final PayloadFormat payloadFormat;
    private volatile PayloadCodec<V> payloadCodec;
    // Per-type JSON reader and writer, made on first use (building them resolves Jackson's (de)serializers, which
    // fails for a type Jackson cannot handle; that should surface on use, as with the mapper, not on class load).
    // Reusing them skips the mapper's per-call lookup of the root (de)serializer. Racing threads may each build one;
    // they are immutable and equivalent.
    private volatile ObjectReader payloadReader;
    private volatile ObjectWriter payloadWriter;
    // The generated streaming codec of the payload type (issue 13), when it has one; else databind (above).
    private final JsonCodec<V> jsonCodec;

    private MessageType(String name, Class<V> payloadType, KeyCodec<K> keyCodec, HeadersCodec<H> headersCodec,
            Function<Message<K, V, H>, String> eventId, Function<Message<K, V, H>, String> businessKey,
            PayloadFormat payloadFormat, PayloadCodec<V> payloadCodec) {
        this.payloadFormat = payloadFormat;
        this.payloadCodec = payloadCodec;
        this.name = name;
        this.payloadType = payloadType;
        this.keyCodec = keyCodec;
        this.headersCodec = headersCodec;
        this.eventId = eventId;
        this.businessKey = businessKey;
        this.jsonCodec = JsonCodecs.of(payloadType).orElse(null);
    }

    /** A message type with a key and headers. */
    public static <K, V, H> MessageType<K, V, H> of(String name, Class<V> payloadType, KeyCodec<K> keyCodec,
            HeadersCodec<H> headersCodec) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("message name must not be blank");
        }
        return new MessageType<>(name, Objects.requireNonNull(payloadType, "payloadType"),
                Objects.requireNonNull(keyCodec, "keyCodec"), Objects.requireNonNull(headersCodec, "headersCodec"),
                m -> null, m -> null, null, null);
    }

    /** A message type without key and headers. */
    public static <V> MessageType<Void, V, Void> of(String name, Class<V> payloadType) {
        return of(name, payloadType, KeyCodec.none(), HeadersCodec.none());
    }

    /**
     * A copy that takes the event id from the message (a payload or header field marked as the event id). It becomes
     * {@code ce_id} when sending and the deduplication id when a received record has no {@code ce_id}. A {@code null}
     * result means "no event id": a new UUID is sent.
     */
    public MessageType<K, V, H> withEventId(Function<Message<K, V, H>, String> extractor) {
        return new MessageType<>(name, payloadType, keyCodec, headersCodec,
                Objects.requireNonNull(extractor, "extractor"), businessKey, payloadFormat, payloadCodec);
    }

    /**
     * A copy with a business key: a second received event with the same business key (and another event id) is
     * dead-lettered with reason {@code DUPLICATE_KEY}. A {@code null} result disables the check for that message.
     */
    public MessageType<K, V, H> withBusinessKey(Function<Message<K, V, H>, String> extractor) {
        return new MessageType<>(name, payloadType, keyCodec, headersCodec, eventId,
                Objects.requireNonNull(extractor, "extractor"), payloadFormat, payloadCodec);
    }

    /**
     * A copy whose payload is written in {@code format} (Avro, ...) instead of JSON, by the codec a
     * {@link PayloadCodecProvider} on the class path gives for it (looked up on first use).
     */
    public MessageType<K, V, H> withPayloadFormat(PayloadFormat format) {
        return new MessageType<>(name, payloadType, keyCodec, headersCodec, eventId, businessKey,
                Objects.requireNonNull(format, "format"), null);
    }

    /** A copy whose payload is written and read by {@code codec} instead of JSON. */
    public MessageType<K, V, H> withPayloadCodec(PayloadCodec<V> codec) {
        return new MessageType<>(name, payloadType, keyCodec, headersCodec, eventId, businessKey, payloadFormat,
                Objects.requireNonNull(codec, "codec"));
    }

    /** Whether the payload is JSON (no payload format or codec given): then the two-argument calls suffice. */
    public boolean isJsonPayload() {
        return payloadFormat == null && payloadCodec == null;
    }

    /** The payload format other than JSON, or {@code null} for JSON (or for a codec given directly). */
    public PayloadFormat payloadFormat() {
        return payloadFormat;
    }

    /** The {@code content-type} of this message's records: {@code application/json}, or the codec's. */
    public String contentType() {
        PayloadCodec<V> codec = codec();
        return codec == null ? CloudEventHeaders.JSON : codec.contentType();
    }

    /**
     * The payload's bytes: JSON as {@link #writePayload(Object)}, or by the payload codec (which may add headers, e.g.
     * a schema id).
     */
    public byte[] writePayload(String topic, V payload, org.apache.kafka.common.header.Headers headers)
            throws Exception {
        PayloadCodec<V> codec = codec();
        return codec == null ? writePayload(payload) : codec.encode(topic, payload, headers);
    }

    /** A payload read from a record's value and headers: JSON as {@link #readPayload(byte[])}, or by the codec. */
    public V readPayload(byte[] value, org.apache.kafka.common.header.Headers headers) throws Exception {
        PayloadCodec<V> codec = codec();
        return codec == null ? readPayload(value) : codec.decode(value, headers);
    }

    private PayloadCodec<V> codec() {
        PayloadCodec<V> codec = payloadCodec;
        if (codec == null && payloadFormat != null) {
            codec = PayloadCodecs.find(name, payloadFormat, payloadType);
            payloadCodec = codec;
        }
        return codec;
    }

    /** The message name, sent as {@code ce_type}. */
    public String name() {
        return name;
    }

    public Class<V> payloadType() {
        return payloadType;
    }

    public KeyCodec<K> keyCodec() {
        return keyCodec;
    }

    public HeadersCodec<H> headersCodec() {
        return headersCodec;
    }

    /**
     * The payload as JSON in the wire configuration of {@link Json#mapper()}; the same bytes as
     * {@code Json.mapper().writeValueAsBytes(payload)}. A payload type with a generated streaming codec
     * ({@link io.asyncapikafka.runtime.json.Streamed}) is written with it, others with databind.
     */
    public byte[] writePayload(V payload) throws IOException {
        if (jsonCodec != null) {
            return JsonCodecs.write(jsonCodec, payload);
        }
        ObjectWriter writer = payloadWriter;
        if (writer == null) {
            // A final class (every generated record) is always serialized as itself, so its serializer can be
            // fetched once. For anything else (a sealed interface, JsonNode) the runtime class decides, per value.
            writer = Modifier.isFinal(payloadType.getModifiers())
                    ? Json.mapper().writerFor(payloadType)
                    : Json.mapper().writer();
            payloadWriter = writer;
        }
        return writer.writeValueAsBytes(payload);
    }

    /**
     * A payload read from JSON bytes with {@link Json#mapper()}; the same value as
     * {@code Json.mapper().readValue(json, payloadType())}, read with the type's streaming codec when it has one.
     */
    public V readPayload(byte[] json) throws IOException {
        if (jsonCodec != null) {
            return JsonCodecs.read(jsonCodec, json);
        }
        ObjectReader reader = payloadReader;
        if (reader == null) {
            reader = Json.mapper().readerFor(payloadType);
            payloadReader = reader;
        }
        return reader.readValue(json);
    }

    /** The event id of a message, or {@code null}. */
    public String eventIdOf(Message<K, V, H> message) {
        return eventId.apply(message);
    }

    /** The business key of a message, or {@code null}. */
    public String businessKeyOf(Message<K, V, H> message) {
        return businessKey.apply(message);
    }

    @Override
    public String toString() {
        return "MessageType[" + name + " -> " + payloadType.getName() + "]";
    }
}
