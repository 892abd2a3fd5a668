package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread's exactly-once processing (see {@link ExactlyOnce}): the transactions of its partitions'
 * producers, each a {@link Run} of records run through the {@link RecordProcessor}, with their dead letters or retry
 * copies, closed by the run's last offset and a commit, or aborted. {@link TransactionalRuns} decides where runs end.
 *
 * <p>Ownership: the poll thread publishes the consumer's group metadata after every poll ({@link #publish}); a
 * partition's producer is used only by the task running that partition (one at a time on this consumer, see
 * {@link ConsumerLoop}), and created or dropped by it; {@link #close} runs once the loop has stopped its tasks.
 */
final class TransactionalProcessing {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalProcessing.class);

    private final ExactlyOnce eos;
    private final RecordProcessor processor;
    private final ConsumerRunner.Settings settings;
    private final String prefix;
    private final Map<TopicPartition, Client> clients = new ConcurrentHashMap<>();
    /** The consumer's group metadata as of the last poll; written by the poll thread. */
    private volatile ConsumerGroupMetadata groupMetadata;

    /**
     * A partition's transactional producer and the forward writer on it. Retired by the poll thread once the
     * partition is no longer assigned; closed then, or by the task using it when it ends, whichever is last.
     */
    private static final class Client {
        final Producer<byte[], byte[]> producer;
        final ForwardWriter forwards;
        private int users;
        private boolean retired;
        private boolean closed;

        Client(Producer<byte[], byte[]> producer, ForwardWriter forwards) {
            this.producer = producer;
            this.forwards = forwards;
        }

        Producer<byte[], byte[]> producer() {
            return producer;
        }

        ForwardWriter forwards() {
            return forwards;
        }

        /** {@code false} if it was retired meanwhile: take a new one. */
        synchronized boolean acquire() {
            if (retired) {
                return false;
            }
            users++;
            return true;
        }

        synchronized void release() {
            users--;
            closeIfUnused();
        }

        synchronized void retire() {
            retired = true;
            closeIfUnused();
        }

        private void closeIfUnused() {
            if (retired && users == 0 && !closed) {
                closed = true;
                try {
                    producer.close(Duration.ZERO); // nothing is open: each process() ends its transaction
                } catch (RuntimeException e) {
                    LOG.debug("closing a transactional producer: {}", e.toString());
                }
            }
        }
    }

    TransactionalProcessing(ExactlyOnce eos, RecordProcessor processor, ConsumerRunner.Settings settings) {
        this.eos = eos;
        this.processor = processor;
        this.settings = settings;
        this.prefix = eos.transactionalIdPrefix() != null ? eos.transactionalIdPrefix() : settings.groupId();
    }

    int maxRunRecords() {
        return eos.maxRunRecords();
    }

    Duration maxRunAge() {
        return eos.maxRunAge();
    }

    /** Poll thread, after each poll: the generation the next transactions are committed for. */
    void publish(Consumer<?, ?> consumer) {
        groupMetadata = consumer.groupMetadata();
        if (!clients.isEmpty()) {
            // producers of partitions this consumer gave up: closed, so a member does not keep one per partition it
            // ever held (the next owner's initTransactions on the same id fences them anyway)
            Set<TopicPartition> assigned = consumer.assignment();
            for (Map.Entry<TopicPartition, Client> e : clients.entrySet()) {
                if (!assigned.contains(e.getKey()) && clients.remove(e.getKey(), e.getValue())) {
                    e.getValue().retire();
                }
            }
        }
    }

    /**
     * Handler thread: begins a transaction on {@code task}'s partition producer, for a run of its records; {@code null}
     * (logged) if there is no producer or the transaction cannot begin, so the run's first record waits.
     */
    Run begin(PartitionTask task) {
        Client client;
        try {
            do {
                client = client(task.partition);
            } while (!client.acquire());
        } catch (RuntimeException e) {
            LOG.warn("no transactional producer for {} yet ({}); the partition waits", task.partition, e.toString());
            return null;
        }
        try {
            client.producer().beginTransaction();
        } catch (RuntimeException e) {
            drop(task.partition, client, e);
            client.release();
            return null;
        }
        return new Run(task, client);
    }

    /**
     * One open transaction of a partition's producer and the records finished in it: a contiguous run of the
     * partition's records, from {@link #firstIndex()} of the task's current record list through {@link #lastOffset()}.
     * Used by the handler thread that began it, until {@link #commit()} or {@link #abort(Throwable)} ends it.
     */
    final class Run {
        private final PartitionTask task;
        private final Client client;
        private final RecordTransaction txn;
        private final long startedNanos = System.nanoTime();
        private int count;
        private int firstIndex = -1;
        private long lastOffset = -1;
        private int lastSends;
        private boolean ended;

        private Run(PartitionTask task, Client client) {
            this.task = task;
            this.client = client;
            this.txn = new RecordTransaction(client.producer());
        }

        /** One attempt at {@code rec} in this transaction; the caller acts on the outcome. */
        Outcome process(ConsumerRecord<byte[], byte[]> rec, int attempt) {
            int before = txn.sends();
            txn.bind();
            try {
                return processor.process(rec, attempt, true);
            } finally {
                RecordTransaction.unbind();
                lastSends = txn.sends() - before;
            }
        }

        /** Whether the last {@link #process} sent anything (then only an abort takes its output back). */
        boolean lastAttemptSent() {
            return lastSends > 0;
        }

        /** Writes {@code rec}'s dead letter or retry copy in this transaction; {@code false} if it was not written. */
        boolean write(ConsumerRecord<byte[], byte[]> rec, Outcome.Forward forward) {
            return client.forwards().write(task, rec, forward);
        }

        /** Record {@code index} of the task's current list (offset {@code offset}) finished in this transaction. */
        void done(int index, long offset) {
            if (count++ == 0) {
                firstIndex = index;
            }
            lastOffset = offset;
        }

        boolean hasRecords() {
            return count > 0;
        }

        int firstIndex() {
            return firstIndex;
        }

        long lastOffset() {
            return lastOffset;
        }

        /** Whether the run reached {@code maxRecords} or its transaction is {@code maxAgeNanos} old. */
        boolean isFull(int maxRecords, long maxAgeNanos) {
            return count >= maxRecords || (count > 0 && System.nanoTime() - startedNanos >= maxAgeNanos);
        }

        /**
         * Adds the offset after the run's last record (with the group metadata) and commits; an empty run is just
         * ended. {@code false} if the transaction was aborted instead (fenced, the partition given up, commit
         * refused): nothing of the run happened.
         */
        boolean commit() {
            if (count == 0) {
                abort(null);
                return true;
            }
            // Read the generation before the fence check: a generation published after a revocation was published
            // after the fence, so this task then sees itself fenced; an older one is refused by the group coordinator.
            ConsumerGroupMetadata group = groupMetadata;
            if (group == null || task.isFenced()) {
                abort(null);
                return false;
            }
            try {
                client.producer().sendOffsetsToTransaction(
                        Map.of(task.partition, new OffsetAndMetadata(lastOffset + 1)), group);
                client.producer().commitTransaction();
            } catch (RuntimeException e) {
                LOG.warn("transaction of the {} records of {} through offset {} aborted; delivered again: {}", count,
                        task.partition, lastOffset, e.toString());
                abort(e);
                return false;
            }
            end();
            txn.afterCommit().forEach(Runnable::run);
            return true;
        }

        /** Aborts the transaction: nothing sent in it becomes visible; the run's dedup claims are released. */
        void abort(Throwable cause) {
            if (ended) {
                return;
            }
            try {
                client.producer().abortTransaction();
            } catch (RuntimeException e) {
                // fenced, timed out or interrupted: a new producer with the same transactional id aborts what is open
                drop(task.partition, client, cause != null ? cause : e);
            } finally {
                end();
                txn.afterAbort().forEach(Runnable::run);
            }
        }

        private void end() {
            ended = true;
            client.release();
        }
    }

    private Client client(TopicPartition tp) {
        Client existing = clients.get(tp);
        if (existing != null) {
            return existing;
        }
        Map<String, Object> props = new LinkedHashMap<>(eos.config().properties());
        props.putAll(eos.producerOverrides());
        String id = ExactlyOnce.transactionalId(prefix, tp.topic(), tp.partition());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, id);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) eos.transactionTimeout().toMillis());
        long timeout = settings.forwardTimeout().toMillis();
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // A record's first send reaches the broker while its partition still ends the previous transaction (the
        // markers): CONCURRENT_TRANSACTIONS, retried after retry.backoff.ms. The client default of 100 ms would put
        // that wait on every record; 10 ms (growing to retry.backoff.max.ms on real trouble) keeps it small.
        props.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 30_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, Integer.MAX_VALUE));
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions(); // fences the previous owner's producer and aborts its open transaction
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        Client client = new Client(producer, new ForwardWriter(producer, settings));
        clients.put(tp, client);
        LOG.debug("transactional producer {} ready for {}", id, tp);
        return client;
    }

    private void drop(TopicPartition tp, Client client, Throwable cause) {
        LOG.info("dropping the transactional producer of {} ({}); the next record makes a new one", tp,
                String.valueOf(cause));
        clients.remove(tp, client);
        client.retire(); // closed once this task, its only user, releases it
    }

    /**
     * After the loop stopped its tasks: closes every producer. An open transaction of a halted one is aborted by
     * the next owner's {@code initTransactions}, or by the broker after {@code transaction.timeout.ms}.
     */
    void close(boolean halt) {
        for (Client c : clients.values()) {
            if (halt) {
                c.producer().close(Duration.ZERO); // as if the process died: an open transaction stays open
            }
            c.retire(); // else a task still running closes it as it leaves
        }
        clients.clear();
    }
}
