package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.ContractViolationException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Watches the sends of a {@link KafkaTypedProducer}, for metrics and tracing. {@link #sending} is called on the
 * sending thread with the encoded record before it is handed to the client (its headers may still be changed, e.g. to
 * inject a trace context); the returned {@link Send} hears the broker's answer on the client's I/O thread, so it must
 * be quick. A message that breaks its contract is never sent: {@link #rejected} is called instead. Implementations
 * must be thread-safe. The Micrometer and OpenTelemetry modules implement it.
 */
public interface ProducerObserver {

    /** {@code record} (of message {@code messageType}) is about to be sent. */
    default Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
        return Send.NOOP;
    }

    /** A message of {@code messageType} for {@code topic} broke its contract and was not sent. */
    default void rejected(String topic, String messageType, ContractViolationException violation) {}

    /** One send in flight. */
    interface Send {

        /** Hears nothing. */
        Send NOOP = new Send() {};

        /** Kafka acknowledged the record. */
        default void acknowledged(RecordMetadata metadata) {}

        /** The send failed (the client refused it at once or the broker did not acknowledge it). */
        default void failed(Throwable error) {}
    }
}
