package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.MessageType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends typed messages. Generated producer facades take one of these: {@link KafkaTypedProducer} in production,
 * {@link InMemoryProducer} in tests. Thread-safe.
 */
public interface TypedProducer extends AutoCloseable {

    /**
     * Validates and sends a message; the future completes when Kafka acknowledged it ({@code acks=all}).
     *
     * @param key the key, {@code null} if the message has none
     * @param headers the headers record, {@code null} if the message declares none
     * @throws ContractViolationException at once, without sending, if the message breaks its contract
     * @throws IllegalStateException at once on a transactional producer outside {@link #runInTransaction} (on
     *     another thread than the one running it): the send would join another caller's transaction
     */
    <K, V, H> CompletableFuture<RecordMetadata> send(String topic, MessageType<K, V, H> type, K key, V payload,
            H headers);

    /**
     * Sends and waits for the acknowledgement.
     *
     * @throws ContractViolationException without sending, if the message breaks its contract
     * @throws KafkaException if Kafka did not acknowledge the record
     */
    default <K, V, H> RecordMetadata sendAndWait(String topic, MessageType<K, V, H> type, K key, V payload, H headers) {
        CompletableFuture<RecordMetadata> future = send(topic, type, key, payload, headers);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for the acknowledgement of " + type.name(), e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new KafkaException("sending " + type.name() + " to " + topic + " failed", cause);
        }
    }

    /**
     * Runs {@code work} in one Kafka transaction: the messages it sends become visible together or not at all. Needs
     * a producer built with a transactional id. An exception from {@code work} aborts the transaction and is rethrown.
     * Callers are serialized; only sends made by {@code work}'s own thread belong to the transaction (a send from any
     * other thread is refused meanwhile), and a nested call on that thread runs inside the open transaction.
     */
    void runInTransaction(Runnable work);

    /** Sends what is buffered and releases the client, waiting at most {@code timeout}. */
    void close(Duration timeout);

    /** Sends what is buffered and releases the client. */
    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }
}
