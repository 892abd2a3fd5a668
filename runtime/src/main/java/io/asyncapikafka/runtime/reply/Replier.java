package io.asyncapikafka.runtime.reply;

import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.consumer.MessageHandler;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import io.asyncapikafka.runtime.KafkaClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replying side of a request/reply operation: adapts a handler that returns the reply into a
 * {@link MessageHandler} for the consumer runner. The reply goes to the topic the request names in its reply-address
 * header (or to the reply channel's fixed topic) and carries the request's correlation id in the correlation header.
 *
 * <p>The reply is sent and acknowledged inside the handler call, so the request's offset is committed only after its
 * reply is durable: a crash in between redelivers the request and the reply is sent again (at least once; the
 * requester ignores a second reply for a correlation id it already completed).
 */
public final class Replier<RK, RV, RH> implements AutoCloseable {

    /** Handles a request and returns its reply. Throwing means "not processed", as for any handler. */
    @FunctionalInterface
    public interface ReplyingHandler<K, V, H, RK, RV, RH> {
        Message<RK, RV, RH> handle(ReceivedMessage<K, V, H> request) throws Exception;
    }

    private final Producer<byte[], byte[]> producer;
    private final OutgoingRecords records;
    private final MessageType<RK, RV, RH> replyType;
    private final String correlationHeader;
    private final String replyToHeader;
    private final String fixedReplyTopic;
    private boolean ownsProducer;

    private Replier(Producer<byte[], byte[]> producer, OutgoingRecords records, MessageType<RK, RV, RH> replyType,
            String correlationHeader, String replyToHeader, String fixedReplyTopic) {
        this.producer = producer;
        this.records = records;
        this.replyType = replyType;
        this.correlationHeader = correlationHeader;
        this.replyToHeader = replyToHeader;
        this.fixedReplyTopic = fixedReplyTopic;
    }

    /**
     * A replier with its own idempotent producer ({@code acks=all}) on {@code config}, closed by {@link #close}.
     *
     * @see #create(Producer, OutgoingRecords, MessageType, String, String, String)
     */
    public static <RK, RV, RH> Replier<RK, RV, RH> create(KafkaClientConfig config, String source,
            MessageType<RK, RV, RH> replyType, String correlationHeader, String replyToHeader,
            String fixedReplyTopic) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        Replier<RK, RV, RH> r = create(producer, OutgoingRecords.create(source), replyType, correlationHeader,
                replyToHeader, fixedReplyTopic);
        r.ownsProducer = true;
        return r;
    }

    /**
     * A replier that sends {@code replyType} messages through {@code producer} (owned by the caller).
     *
     * @param correlationHeader the header holding the correlation id, in the request and in the reply
     * @param replyToHeader the request header naming the reply topic, or {@code null} to always use
     *     {@code fixedReplyTopic}
     * @param fixedReplyTopic the reply channel's topic, or {@code null} when every request names its reply topic
     */
    public static <RK, RV, RH> Replier<RK, RV, RH> create(Producer<byte[], byte[]> producer, OutgoingRecords records,
            MessageType<RK, RV, RH> replyType, String correlationHeader, String replyToHeader,
            String fixedReplyTopic) {
        Objects.requireNonNull(correlationHeader, "correlationHeader");
        if (replyToHeader == null && fixedReplyTopic == null) {
            throw new IllegalArgumentException("a reply needs a reply-to header or a fixed reply topic");
        }
        return new Replier<>(Objects.requireNonNull(producer, "producer"), Objects.requireNonNull(records, "records"),
                Objects.requireNonNull(replyType, "replyType"), correlationHeader, replyToHeader, fixedReplyTopic);
    }

    /** {@code handler} as a consumer handler: each request's reply is sent before the request counts as done. */
    public <K, V, H> MessageHandler<K, V, H> replying(ReplyingHandler<K, V, H, RK, RV, RH> handler) {
        Objects.requireNonNull(handler, "handler");
        return request -> {
            // Checked before the handler runs: a request nobody can answer is a contract violation, not retryable.
            String correlationId = HeaderValues.getOrNull(request.kafkaHeaders(), correlationHeader);
            if (correlationId == null) {
                throw new NonRetryableException("request " + request.type() + " has no correlation header '"
                        + correlationHeader + "'");
            }
            String topic = replyToHeader == null ? null : HeaderValues.getOrNull(request.kafkaHeaders(), replyToHeader);
            if (topic == null || topic.isBlank()) {
                topic = fixedReplyTopic;
            }
            if (topic == null) {
                throw new NonRetryableException("request " + request.type() + " has no reply address header '"
                        + replyToHeader + "'");
            }
            Message<RK, RV, RH> reply = handler.handle(request);
            Objects.requireNonNull(reply, "the reply handler returned null");
            ProducerRecord<byte[], byte[]> record = records.encode(topic, replyType, reply.key(), reply.payload(),
                    reply.headers());
            HeaderValues.set(record.headers(), correlationHeader, correlationId);
            try {
                producer.send(record).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    /** Closes the producer when this replier created it. */
    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
