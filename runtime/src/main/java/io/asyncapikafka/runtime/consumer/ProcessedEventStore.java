package io.asyncapikafka.runtime.consumer;

/**
 * Remembers which events (by event id) or business keys were processed, for deduplication. The default
 * ({@link InMemoryProcessedEventStore}) is per process and bounded; a store shared by all instances of a service
 * (a database table, a compacted topic, a cache) extends the guarantee across instances and restarts.
 *
 * <p>Called from handler threads concurrently; implementations must be thread-safe. An id is marked only after its
 * handler succeeded, so a failed handler is never "deduplicated away".
 */
public interface ProcessedEventStore {

    /** Whether {@code id} was marked processed (and not yet forgotten). */
    boolean isProcessed(String id);

    /** Marks {@code id} processed. */
    void markProcessed(String id);
}
