package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.KafkaClientListener;
import io.asyncapikafka.runtime.MessageType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TypedProducer} on a {@link KafkaProducer}. Always {@code acks=all} and {@code enable.idempotence=true}
 * (set explicitly, whatever the client configuration says), so a broker failover neither loses nor duplicates a
 * record in the log.
 *
 * <pre>{@code
 * TypedProducer producer = KafkaTypedProducer.builder(KafkaClientConfig.of("localhost:9092"))
 *         .source("urn:service:orders")
 *         .build();
 * }</pre>
 *
 * <p>A producer built with a {@linkplain Builder#transactionalId transactional id} sends only inside
 * {@link #runInTransaction}: a Kafka producer has one open transaction, so a plain {@code send} from another thread
 * would silently join (and commit or abort with) someone else's transaction. Such a send throws
 * {@link IllegalStateException} at once; use a second, non-transactional producer for sends outside transactions.
 */
public final class KafkaTypedProducer implements TypedProducer {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTypedProducer.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final OutgoingRecords records;
    private final boolean transactional;
    private final ProducerObservers observers;
    private final KafkaClientListener clientListener;
    private final String clientId;
    private final Object transactionLock = new Object();
    /** The thread whose {@link #runInTransaction} work is running, or {@code null}; written under the lock. */
    private volatile Thread transactionOwner;

    private KafkaTypedProducer(KafkaProducer<byte[], byte[]> producer, OutgoingRecords records, boolean transactional,
            ProducerObservers observers, KafkaClientListener clientListener, String clientId) {
        this.producer = producer;
        this.records = records;
        this.transactional = transactional;
        this.observers = observers;
        this.clientListener = clientListener;
        this.clientId = clientId;
    }

    /** Starts building a producer for a cluster. */
    public static Builder builder(KafkaClientConfig config) {
        return new Builder(config);
    }

    @Override
    public <K, V, H> CompletableFuture<RecordMetadata> send(String topic, MessageType<K, V, H> type, K key, V payload,
            H headers) {
        if (transactional && transactionOwner != Thread.currentThread()) {
            throw new IllegalStateException("this producer is transactional: send " + type.name() + " to " + topic
                    + " inside runInTransaction(..) (on the thread running it); a send outside would join another"
                    + " thread's open transaction. Use a producer without transactionalId for plain sends");
        }
        ProducerRecord<byte[], byte[]> record;
        try {
            record = records.encode(topic, type, key, payload, headers);
        } catch (ContractViolationException e) {
            observers.rejected(topic, type.name(), e);
            throw e;
        }
        ProducerObserver.Send observed = observers.sending(record, type.name());
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    observed.acknowledged(metadata);
                    result.complete(metadata);
                } else {
                    LOG.debug("sending {} to {} failed", type.name(), topic, error);
                    observed.failed(error);
                    result.completeExceptionally(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            // e.g. closed producer or fatal client state: report through the future like any other failure
            observed.failed(e);
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void runInTransaction(Runnable work) {
        Objects.requireNonNull(work, "work");
        if (!transactional) {
            throw new IllegalStateException("this producer has no transactional id; build it with transactionalId(..)");
        }
        if (transactionOwner == Thread.currentThread()) {
            work.run(); // nested: part of the transaction already open on this thread
            return;
        }
        // A Kafka producer has one open transaction at a time; serialize callers instead of interleaving them, and
        // let only the owner's thread send (see send).
        synchronized (transactionLock) {
            producer.beginTransaction();
            transactionOwner = Thread.currentThread();
            try {
                work.run();
                transactionOwner = null; // sends are over before the commit
                producer.commitTransaction();
            } catch (RuntimeException | Error e) {
                transactionOwner = null;
                try {
                    producer.abortTransaction();
                } catch (KafkaException abortFailure) {
                    e.addSuppressed(abortFailure);
                }
                throw e;
            } finally {
                transactionOwner = null;
            }
        }
    }

    @Override
    public void close(Duration timeout) {
        KafkaClientListener.notify(() -> clientListener.producerClosed(clientId, producer), clientId);
        producer.close(timeout);
    }

    /**
     * The producer's {@code batch.size} unless configured: 64 KB instead of the client's 16 KB. A record carries its
     * CloudEvents headers (about 150 bytes more than the bare payload), so a 16 KB batch holds a third fewer records
     * than without them; and the broker's cost is mostly per batch and request, not per byte (issue 13: with 64 KB the
     * in-JVM broker of the benchmark used a third of the CPU per record it used with 16 KB). Latency does not change:
     * a batch still goes out after {@code linger.ms} however full it is; memory stays within {@code buffer.memory}.
     */
    public static final int DEFAULT_BATCH_SIZE = 64 * 1024;

    /**
     * The producer's {@code compression.type} unless configured: {@code lz4} instead of the client's {@code none}.
     * A batch of JSON records with their CloudEvents headers compresses to about half, and on the benchmark's broker
     * the bytes cost more CPU (system calls and loopback TCP on the producer, the broker and the consumer) than
     * compressing them does (issue 13: 0.8 to 4.2 us less CPU per record end to end, in seven runs side by side with
     * {@code none}). lz4 is the cheapest codec kafka-clients has and comes with it ({@code at.yawk.lz4:lz4-java}, a
     * runtime dependency of kafka-clients, with a pure-Java fallback). The Java client and the librdkafka-based ones
     * read it out of the box; KafkaJS and kafka-python need an lz4 add-on. Set {@code compression.type=none} for
     * consumers without one, or another type.
     * kafka-clients allocates about 128 KB of lz4 buffers per batch (in a benchmark run, 3.5 of the 24.5 GB the
     * whole JVM allocated, broker included).
     */
    public static final String DEFAULT_COMPRESSION = "lz4";

    /** Builder of {@link KafkaTypedProducer}. */
    public static final class Builder {
        private final KafkaClientConfig config;
        private String source = "urn:asyncapi-kafka";
        private String transactionalId;
        private boolean cloudEventsTime;
        private final Map<String, Object> overrides = new LinkedHashMap<>();
        private final List<ProducerObserver> observers = new ArrayList<>();
        private KafkaClientListener clientListener = KafkaClientListener.noop();

        private Builder(KafkaClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The {@code ce_source} of every record, e.g. {@code urn:service:orders}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Enables transactions ({@link TypedProducer#runInTransaction}); unique per producer instance. */
        public Builder transactionalId(String transactionalId) {
            this.transactionalId = Objects.requireNonNull(transactionalId, "transactionalId");
            return this;
        }

        /**
         * Whether records carry {@code ce_time} (send time, ISO-8601 UTC with milliseconds; an optional CloudEvents
         * attribute). Default {@code false}: the Kafka record timestamp already says when a record was produced, and
         * the header costs a clock read, a formatted time and 31 bytes per record.
         */
        public Builder cloudEventsTime(boolean stamp) {
            this.cloudEventsTime = stamp;
            return this;
        }

        /** A producer client property for this producer only (e.g. {@code linger.ms}). */
        public Builder property(String name, Object value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Adds a watcher of sends (metrics, tracing; see {@link ProducerObserver}); several run in the order added. */
        public Builder observer(ProducerObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Hears of the kafka-clients producer this builds and when it is closed, e.g. to bind its client metrics (see
         * {@link KafkaClientListener}).
         */
        public Builder clientListener(KafkaClientListener listener) {
            this.clientListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The properties the Kafka producer is built with: the config, then {@link #property} overrides, then what
         * the runtime insists on ({@code acks=all}, idempotence, the transactional id or none). {@code batch.size}
         * is {@link #DEFAULT_BATCH_SIZE} and {@code compression.type} {@link #DEFAULT_COMPRESSION} unless the config
         * or an override sets them.
         */
        Map<String, Object> clientProperties() {
            Map<String, Object> props = new LinkedHashMap<>(config.properties());
            props.putAll(overrides);
            props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
            props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, DEFAULT_COMPRESSION);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            if (transactionalId != null) {
                props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            } else {
                props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            }
            return props;
        }

        public KafkaTypedProducer build() {
            OutgoingRecords records = OutgoingRecords.create(source).withTime(cloudEventsTime);
            Map<String, Object> props = clientProperties();
            KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
            if (transactionalId != null) {
                try {
                    producer.initTransactions();
                } catch (RuntimeException e) {
                    producer.close(Duration.ZERO);
                    throw e;
                }
            }
            String clientId = producer.metrics().keySet().stream().map(n -> n.tags().get("client-id"))
                    .filter(Objects::nonNull).findFirst().orElse("");
            KafkaClientListener.notify(() -> clientListener.producerCreated(clientId, producer), clientId);
            return new KafkaTypedProducer(producer, records, transactionalId != null, ProducerObservers.of(observers),
                    clientListener, clientId);
        }
    }
}
