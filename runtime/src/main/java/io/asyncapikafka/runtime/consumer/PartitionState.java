package io.asyncapikafka.runtime.consumer;

import java.util.ArrayDeque;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer thread knows about one assigned partition. Every field except {@link #cancelled} and
 * {@link #finishedThrough} is touched only by the poll thread; handler threads report back through the loop's
 * completion queue. A new instance per assignment, so late reports about an earlier assignment are recognised
 * (identity check) and dropped.
 */
final class PartitionState {

    final TopicPartition partition;
    final OffsetTracker offsets = new OffsetTracker();
    /** Delivered records not yet handed to a handler thread, in offset order. */
    final ArrayDeque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    /** Attempt number of the first pending record within this delivery. */
    int headAttempt = 1;
    /** A dead-letter or retry write of the first pending record that still has to be acknowledged. */
    Outcome.Forward headWrite;
    /** Wall-clock millis before which the first pending record must not be tried (backoff, due time, DLQ down). */
    long notBefore;
    boolean inFlight;
    Future<?> task;
    /**
     * Offset of the last record the handler thread finished (in offset order, so every delivered record up to it
     * finished); -1 before the first. Written by the handler thread, read by the poll thread.
     */
    volatile long finishedThrough = -1;
    /** Asks the handler thread to stop after the current record (revocation, shutdown). */
    volatile boolean cancelled;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    /** Whether the partition must stay paused: work in flight or waiting in memory. */
    boolean busy() {
        return inFlight || !pending.isEmpty();
    }
}
