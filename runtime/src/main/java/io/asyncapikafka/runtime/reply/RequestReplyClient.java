package io.asyncapikafka.runtime.reply;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The requesting side of a request/reply operation: {@link #request} sends a request and returns a future that
 * completes with the typed reply whose correlation header matches, or fails with a
 * {@link java.util.concurrent.TimeoutException} after the timeout.
 *
 * <p>Replies are read by a plain {@link KafkaConsumer} without a consumer group: it is assigned every partition of
 * the reply topic from its end when the client starts, so several requesters may share a reply topic (each ignores
 * the replies it did not ask for) and nothing is committed. One thread owns that consumer; {@link #request} may be
 * called from any thread.
 */
public final class RequestReplyClient<K, V, H, RK, RV, RH> implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final OutgoingRecords records;
    private final String requestTopic;
    private final MessageType<K, V, H> requestType;
    private final String replyTopic;
    private final MessageType<RK, RV, RH> replyType;
    private final String correlationHeader;
    private final String replyToHeader;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Message<RK, RV, RH>>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private RequestReplyClient(Builder<K, V, H, RK, RV, RH> b) {
        this.records = OutgoingRecords.create(b.source);
        this.requestTopic = b.requestTopic;
        this.requestType = b.requestType;
        this.replyTopic = b.replyTopic;
        this.replyType = b.replyType;
        this.correlationHeader = b.correlationHeader;
        this.replyToHeader = b.replyToHeader;
        this.timeout = b.timeout;
        Map<String, Object> producerProps = new LinkedHashMap<>(b.config.properties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        Map<String, Object> consumerProps = new LinkedHashMap<>(b.config.properties());
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::readReplies, "reply-reader-" + replyTopic);
        this.reader.setDaemon(true);
    }

    /** Starts building a client for a cluster. */
    public static Builder<Void, Void, Void, Void, Void, Void> builder(KafkaClientConfig config) {
        return new Builder<>(Objects.requireNonNull(config, "config"));
    }

    private RequestReplyClient<K, V, H, RK, RV, RH> start(Duration startTimeout) {
        reader.start();
        try {
            if (!ready.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS) || failure != null) {
                close();
                throw new KafkaException("the reply reader of " + replyTopic + " did not start", failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new KafkaException("interrupted while starting the reply reader", e);
        }
        return this;
    }

    /**
     * Sends a request; the future completes with the reply, or fails with a {@link java.util.concurrent.TimeoutException}
     * when none came within the timeout, or with the send's error. The correlation header is taken from
     * {@code headers} when the request's headers record sets it, else a new UUID; the reply-to header (when the
     * contract has a reply address) is set to this client's reply topic.
     *
     * @throws io.asyncapikafka.runtime.ContractViolationException at once, without sending, if the request breaks its
     *     contract
     */
    public CompletableFuture<Message<RK, RV, RH>> request(K key, V payload, H headers) {
        ProducerRecord<byte[], byte[]> record = records.encode(requestTopic, requestType, key, payload, headers);
        String correlationId = HeaderValues.getOrNull(record.headers(), correlationHeader);
        if (correlationId == null || correlationId.isBlank()) {
            correlationId = UUID.randomUUID().toString();
            HeaderValues.set(record.headers(), correlationHeader, correlationId);
        }
        if (replyToHeader != null) {
            HeaderValues.set(record.headers(), replyToHeader, replyTopic);
        }
        CompletableFuture<Message<RK, RV, RH>> reply = new CompletableFuture<>();
        if (!running) {
            reply.completeExceptionally(new IllegalStateException("the client is closed"));
            return reply;
        }
        if (pending.putIfAbsent(correlationId, reply) != null) {
            reply.completeExceptionally(new IllegalStateException("correlation id " + correlationId
                    + " is already waiting for a reply"));
            return reply;
        }
        String id = correlationId;
        // The caller's future completes only after the entry is gone, so that pendingCount() is already down when a
        // get() returns (a dependent of `reply` itself could run after the caller woke up).
        CompletableFuture<Message<RK, RV, RH>> answer = new CompletableFuture<>();
        reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            pending.remove(id, reply);
            if (e != null) {
                answer.completeExceptionally(e);
            } else {
                answer.complete(r);
            }
        });
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    reply.completeExceptionally(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            reply.completeExceptionally(e);
        }
        return answer;
    }

    /** Requests waiting for their reply. */
    public int pendingCount() {
        return pending.size();
    }

    private void readReplies() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(replyTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(replyTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now: a reply sent after start is never skipped
            ready.countDown();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String correlationId = HeaderValues.getOrNull(r.headers(), correlationHeader);
                    CompletableFuture<Message<RK, RV, RH>> waiting =
                            correlationId == null ? null : pending.get(correlationId);
                    if (waiting != null) {
                        complete(waiting, r);
                    }
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            failure = e;
            pending.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            ready.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void complete(CompletableFuture<Message<RK, RV, RH>> waiting, ConsumerRecord<byte[], byte[]> r) {
        try {
            RV payload = replyType.readPayload(r.value(), r.headers());
            if (payload instanceof Validatable v) {
                List<Violation> violations = new ArrayList<>();
                v.validate("payload", violations);
                if (!violations.isEmpty()) {
                    throw new ContractViolationException("reply " + replyType.name(), violations);
                }
            }
            waiting.complete(new Message<>(replyType.keyCodec().decode(r.key()), payload,
                    replyType.headersCodec().read(r.headers())));
        } catch (Exception e) {
            waiting.completeExceptionally(e);
        }
    }

    /** Stops reading replies (waiting requests fail) and closes both clients. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the client was closed")));
        producer.close(Duration.ofSeconds(10));
    }

    /** Builds a {@link RequestReplyClient}; generated requester methods fill it from the contract. */
    public static final class Builder<K, V, H, RK, RV, RH> {
        private final KafkaClientConfig config;
        private String source = "urn:asyncapi-kafka:requester";
        private String requestTopic;
        private MessageType<K, V, H> requestType;
        private String replyTopic;
        private MessageType<RK, RV, RH> replyType;
        private String correlationHeader;
        private String replyToHeader;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(KafkaClientConfig config) {
            this.config = config;
        }

        @SuppressWarnings("unchecked")
        private <A, B, C, D, E, F> Builder<A, B, C, D, E, F> cast() {
            return (Builder<A, B, C, D, E, F>) this;
        }

        /** The topic and message type of requests. */
        public <A, B, C> Builder<A, B, C, RK, RV, RH> requests(String topic, MessageType<A, B, C> type) {
            Builder<A, B, C, RK, RV, RH> b = cast();
            b.requestTopic = Objects.requireNonNull(topic, "topic");
            b.requestType = Objects.requireNonNull(type, "type");
            return b;
        }

        /** The topic this client reads replies from, and their message type. */
        public <A, B, C> Builder<K, V, H, A, B, C> replies(String topic, MessageType<A, B, C> type) {
            Builder<K, V, H, A, B, C> b = cast();
            b.replyTopic = Objects.requireNonNull(topic, "topic");
            b.replyType = Objects.requireNonNull(type, "type");
            return b;
        }

        /** The correlation id's header, from the contract's {@code correlationId.location}. */
        public Builder<K, V, H, RK, RV, RH> correlationHeader(String name) {
            this.correlationHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The request header that names the reply topic (the reply's {@code address.location}), if any. */
        public Builder<K, V, H, RK, RV, RH> replyToHeader(String name) {
            this.replyToHeader = name;
            return this;
        }

        /** How long a request waits for its reply (default 30 s). */
        public Builder<K, V, H, RK, RV, RH> timeout(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = d;
            return this;
        }

        /** {@code ce_source} of the requests. */
        public Builder<K, V, H, RK, RV, RH> source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Starts the client: its reply reader is positioned at the reply topic's end before this returns. */
        public RequestReplyClient<K, V, H, RK, RV, RH> build() {
            if (requestTopic == null || replyTopic == null || correlationHeader == null) {
                throw new IllegalStateException("requests(...), replies(...) and correlationHeader(...) are required");
            }
            return new RequestReplyClient<>(this).start(Duration.ofSeconds(30));
        }
    }
}
