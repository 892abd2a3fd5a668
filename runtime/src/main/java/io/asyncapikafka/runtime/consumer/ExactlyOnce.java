package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import io.asyncapikafka.runtime.producer.TypedProducer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly-once consume-transform-produce for a {@link ConsumerRunner}: each input record is handled inside a Kafka
 * transaction that carries the handler's sends, the record's dead letter or retry copy if it gets one, and the
 * record's offset ({@code sendOffsetsToTransaction} with the consumer's group metadata). A {@code read_committed}
 * reader of the output topics sees each input's outputs exactly once, across crashes, rebalances and broker restarts.
 *
 * <pre>{@code
 * ExactlyOnce eos = ExactlyOnce.builder(config).source("urn:service:billing").build();
 * BillingProducer billing = new BillingProducer(eos.producer());   // a generated facade, sends join the transaction
 * ConsumerRunner runner = ConsumeOrdersConsumer.runner(config, handler)    // its handler calls billing.send...(..)
 *         .exactlyOnce(eos)
 *         .build();
 * }</pre>
 *
 * <h2>How transactions map onto the runtime</h2>
 * <ul>
 *   <li><b>One transaction per run of a partition's records</b>, begun and committed on the handler thread that runs
 *       them (a partition's records run one after another on one thread, so its transactions follow offset order): the
 *       records of one poll for the partition (or of one hand-off), at most {@link Builder#maxRunRecords} of them,
 *       cut once the transaction is {@link Builder#maxRunAge} old. The offset after the run's last record is committed
 *       in it; the runner's ordinary offset commits are off. {@code maxRunRecords(1)} is one transaction per
 *       record. See {@link TransactionalRuns} for where a run ends.</li>
 *   <li><b>One transactional producer per assigned partition</b> (per consumer thread), created on the partition's
 *       first record and kept until the runner stops: a Kafka producer has one open transaction at a time, and the
 *       partitions of a consumer run in parallel. Its {@code transactional.id} is
 *       {@code <prefix>.<topic>-<partition>}, the prefix defaulting to the group id: stable across restarts and
 *       instances, and unique because a partition has one owner at a time.</li>
 *   <li><b>Zombie fencing</b> twice over: the offsets are sent with the consumer's group metadata (KIP-447), so a
 *       member that lost the partition in a rebalance has its transaction refused by the group coordinator; and the
 *       new owner's {@code initTransactions} on the same id fences the old producer and aborts its open transaction
 *       at once (no wait for {@code transaction.timeout.ms}, also after a SIGKILL). The new owner reads the committed
 *       offsets with {@code require_stable}, so it waits for a pending transaction to end.</li>
 *   <li><b>Dead letters and retry copies</b> are written by the same transactional producer inside the run's
 *       transaction, so the copy and the offset commit together or not at all; the other records of the run go on.</li>
 *   <li><b>A failed attempt</b> (handler exception retried in place, not-due retry record) ends the run before it:
 *       the records before it commit and it waits its back-off. If the attempt had sent something (a transaction
 *       cannot take part of itself back) the transaction is aborted, so what it sent is never visible to
 *       {@code read_committed} readers, and the records before it run again at once in a new transaction (their
 *       handlers are called again) — also when a dead letter follows such an attempt.</li>
 *   <li><b>An aborted transaction</b> (commit refused, fenced, broker down, transaction timeout) leaves the partition
 *       at its last committed offset: the run's records are given back to the poll thread and delivered again, after
 *       {@code forwardRetryBackoff}, without using up a handler attempt. Dedup marks of the record (the
 *       {@link ProcessedEventStore}) are completed only after the commit and released on abort, so the redelivery
 *       runs the handler again.</li>
 * </ul>
 *
 * <p>Only sends made by the handler's own thread, through {@link #producer()}, while it handles a record belong to
 * the transaction; {@link #producer()} refuses a send anywhere else (use a plain producer there). Consumers of an
 * exactly-once runner always read {@code read_committed}.
 *
 * <p>Cost: one transaction commit (and one offsets-to-transaction call), a few broker round trips, per run of up to
 * {@link Builder#maxRunRecords} records; the benchmarks module's {@code PipelineBenchmark} measures it with runs and
 * with one transaction per record.
 */
public final class ExactlyOnce {

    /** Default of {@link Builder#maxRunRecords(int)}. */
    public static final int DEFAULT_MAX_RUN_RECORDS = 100;
    /** Default of {@link Builder#maxRunAge(Duration)}. */
    public static final Duration DEFAULT_MAX_RUN_AGE = Duration.ofMillis(100);

    private final KafkaClientConfig config;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final int maxRunRecords;
    private final Duration maxRunAge;
    private final Map<String, Object> producerOverrides;
    private final TypedProducer producer;

    private ExactlyOnce(Builder b) {
        this.config = b.config;
        this.transactionalIdPrefix = b.transactionalIdPrefix;
        this.transactionTimeout = b.transactionTimeout;
        this.maxRunRecords = b.maxRunRecords;
        this.maxRunAge = b.maxRunAge;
        this.producerOverrides = Map.copyOf(b.overrides);
        this.producer = new TransactionalSends(OutgoingRecords.create(b.source));
    }

    /** Starts configuring exactly-once processing against a cluster (the runner's own cluster). */
    public static Builder builder(KafkaClientConfig config) {
        return new Builder(config);
    }

    /**
     * The producer to give generated producer facades used by handlers of the runner: a send on a handler thread
     * joins the transaction of the record being handled; a send anywhere else throws {@link IllegalStateException}.
     * Closing it does nothing (the runner owns the transactional clients).
     */
    public TypedProducer producer() {
        return producer;
    }

    KafkaClientConfig config() {
        return config;
    }

    /** The prefix, or {@code null} for the group id. */
    String transactionalIdPrefix() {
        return transactionalIdPrefix;
    }

    Duration transactionTimeout() {
        return transactionTimeout;
    }

    int maxRunRecords() {
        return maxRunRecords;
    }

    Duration maxRunAge() {
        return maxRunAge;
    }

    Map<String, Object> producerOverrides() {
        return producerOverrides;
    }

    /** The {@code transactional.id} of the producer for {@code topic}-{@code partition}. */
    static String transactionalId(String prefix, String topic, int partition) {
        return prefix + "." + topic + "-" + partition;
    }

    /** Builder of {@link ExactlyOnce}. */
    public static final class Builder {
        private final KafkaClientConfig config;
        private String source = "urn:asyncapi-kafka";
        private String transactionalIdPrefix;
        private Duration transactionTimeout = Duration.ofSeconds(60);
        private int maxRunRecords = DEFAULT_MAX_RUN_RECORDS;
        private Duration maxRunAge = DEFAULT_MAX_RUN_AGE;
        private final Map<String, Object> overrides = new LinkedHashMap<>();

        private Builder(KafkaClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The {@code ce_source} of the records the handlers send. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Prefix of the transactional ids ({@code <prefix>.<topic>-<partition>}); default: the consumer group id.
         * Two runners with different groups reading the same topic need different prefixes (the default gives them).
         */
        public Builder transactionalIdPrefix(String prefix) {
            this.transactionalIdPrefix = ProcessingOptions.requireText(prefix, "transactionalIdPrefix");
            return this;
        }

        /**
         * {@code transaction.timeout.ms}: a transaction open longer (a handler running longer) is aborted by the
         * broker and its record delivered again. Default 60 s.
         */
        public Builder transactionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("transactionTimeout must be positive but was " + timeout);
            }
            this.transactionTimeout = timeout;
            return this;
        }

        /**
         * Most records of a partition committed in one transaction (default {@value #DEFAULT_MAX_RUN_RECORDS}); 1
         * commits each record on its own, as a handler that must not run again for a neighbour's failure needs.
         */
        public Builder maxRunRecords(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("maxRunRecords must be at least 1 but was " + records);
            }
            this.maxRunRecords = records;
            return this;
        }

        /**
         * Longest a run's transaction stays open before its records are committed, checked before each handler call
         * (default 100 ms): it bounds how long a record's output waits, unseen by {@code read_committed} readers,
         * behind the records handled after it.
         */
        public Builder maxRunAge(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isNegative()) {
                throw new IllegalArgumentException("maxRunAge must not be negative but was " + age);
            }
            this.maxRunAge = age;
            return this;
        }

        /** A producer client property for the transactional producers (e.g. {@code linger.ms}). */
        public Builder property(String name, Object value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public ExactlyOnce build() {
            return new ExactlyOnce(this);
        }
    }
}
