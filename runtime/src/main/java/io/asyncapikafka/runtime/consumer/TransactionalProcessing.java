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
 * One consumer thread's exactly-once processing (see {@link ExactlyOnce}): runs each record through the
 * {@link RecordProcessor} inside a transaction of its partition's producer, writes a dead letter or retry copy in it,
 * adds the record's offset and commits; aborts on anything else.
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
     * Handler thread: one attempt at {@code rec} in its own transaction. {@code Done} means committed with its
     * offset; an aborted commit comes back as {@code Abandoned} (given back, delivered again after the back-off,
     * without using up an attempt); every other outcome is returned after aborting what the attempt sent.
     */
    Outcome process(PartitionTask task, ConsumerRecord<byte[], byte[]> rec, int attempt) {
        Client client;
        try {
            do {
                client = client(task.partition);
            } while (!client.acquire());
        } catch (RuntimeException e) {
            LOG.warn("no transactional producer for {} yet ({}); {}@{} waits", task.partition, e.toString(),
                    task.partition, rec.offset());
            return new Outcome.Abandoned(e);
        }
        try {
            return inTransaction(client, task, rec, attempt);
        } finally {
            client.release();
        }
    }

    private Outcome inTransaction(Client client, PartitionTask task, ConsumerRecord<byte[], byte[]> rec, int attempt) {
        RecordTransaction txn = new RecordTransaction(client.producer());
        try {
            client.producer().beginTransaction();
        } catch (RuntimeException e) {
            drop(task.partition, client, e);
            return new Outcome.Abandoned(e);
        }
        Outcome outcome;
        txn.bind();
        try {
            outcome = processor.process(rec, attempt, true);
        } catch (RuntimeException | Error e) {
            RecordTransaction.unbind();
            abort(task.partition, client, txn, e);
            throw e;
        }
        RecordTransaction.unbind();
        if (outcome instanceof Outcome.Forward forward) {
            // the dead letter or retry copy is part of the transaction: written, acknowledged, then committed
            if (!client.forwards().write(task, rec, forward)) {
                abort(task.partition, client, txn, null);
                return new Outcome.Abandoned(new IllegalStateException("forward of " + where(rec) + " not written"));
            }
            outcome = new Outcome.Done(false);
        }
        if (!(outcome instanceof Outcome.Done)) {
            abort(task.partition, client, txn, null);
            return outcome;
        }
        // Read the generation before the fence check: a generation published after a revocation was published after
        // the fence, so this task then sees itself fenced; an older one is refused by the group coordinator.
        ConsumerGroupMetadata group = groupMetadata;
        if (group == null || task.isFenced()) {
            abort(task.partition, client, txn, null);
            return new Outcome.Abandoned(new IllegalStateException(task.partition + " was given up"));
        }
        try {
            client.producer().sendOffsetsToTransaction(
                    Map.of(task.partition, new OffsetAndMetadata(rec.offset() + 1)), group);
            client.producer().commitTransaction();
        } catch (RuntimeException e) {
            LOG.warn("transaction of {} aborted, delivered again from offset {}: {}", where(rec), rec.offset(),
                    e.toString());
            abort(task.partition, client, txn, e);
            return new Outcome.Abandoned(e);
        }
        txn.afterCommit().forEach(Runnable::run);
        return outcome;
    }

    private void abort(TopicPartition tp, Client client, RecordTransaction txn, Throwable cause) {
        try {
            client.producer().abortTransaction();
        } catch (RuntimeException e) {
            // fenced, timed out or interrupted: a new producer with the same transactional id aborts what is open
            drop(tp, client, cause != null ? cause : e);
        } finally {
            txn.afterAbort().forEach(Runnable::run);
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

    private static String where(ConsumerRecord<?, ?> rec) {
        return rec.topic() + "-" + rec.partition() + "@" + rec.offset();
    }
}
