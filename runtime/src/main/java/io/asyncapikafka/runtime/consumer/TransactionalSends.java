package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import io.asyncapikafka.runtime.producer.TypedProducer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * {@link ExactlyOnce#producer()}: sends join the transaction of the record the calling handler thread handles. A
 * failed send fails the transaction's commit as well (the client refuses to commit after a failed send), so the
 * record is delivered again even if the handler ignored the future.
 */
final class TransactionalSends implements TypedProducer {

    private final OutgoingRecords records;

    TransactionalSends(OutgoingRecords records) {
        this.records = records;
    }

    @Override
    public <K, V, H> CompletableFuture<RecordMetadata> send(String topic, MessageType<K, V, H> type, K key, V payload,
            H headers) {
        RecordTransaction txn = RecordTransaction.current();
        if (txn == null) {
            throw new IllegalStateException("this producer sends only from a handler of an exactly-once consumer, on"
                    + " the handler's thread while it handles a record (" + type.name() + " to " + topic + "); use a"
                    + " plain producer for other sends");
        }
        ProducerRecord<byte[], byte[]> record = records.encode(topic, type, key, payload, headers);
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        txn.sent();
        try {
            txn.producer.send(record, (metadata, error) -> {
                if (error == null) {
                    result.complete(metadata);
                } else {
                    result.completeExceptionally(error);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Inside a handler the work already runs in the run's transaction; anywhere else there is none to join. */
    @Override
    public void runInTransaction(Runnable work) {
        Objects.requireNonNull(work, "work");
        if (RecordTransaction.current() == null) {
            throw new IllegalStateException("runInTransaction on the exactly-once producer works only inside a handler"
                    + " of an exactly-once consumer, where the run's transaction is open");
        }
        work.run();
    }

    @Override
    public void close(Duration timeout) {
        // the runner owns the transactional clients
    }
}
