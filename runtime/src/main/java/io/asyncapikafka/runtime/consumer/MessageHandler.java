package io.asyncapikafka.runtime.consumer;

/**
 * Handles one received message type. Generated handler interfaces adapt to this. Throwing means "not processed":
 * the record is retried (or dead-lettered right away for {@link io.asyncapikafka.runtime.NonRetryableException}).
 * The same event may be delivered again after a crash, so side effects should tolerate it; the runtime's
 * deduplication filters redeliveries of events it saw finish.
 */
@FunctionalInterface
public interface MessageHandler<K, V, H> {
    void handle(ReceivedMessage<K, V, H> message) throws Exception;
}
