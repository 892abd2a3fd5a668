package io.asyncapikafka.runtime.consumer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer thread knows about one assigned partition. Every field except {@link #cancelled},
 * {@link #finishedThrough} and the hand-off (synchronized) is touched only by the poll thread; handler threads report
 * back through the loop's completion queue. A new instance per assignment, so late reports about an earlier assignment are recognised
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

    /** Records handed to the running task to continue with after its batch; guarded by {@code this}. */
    private final ArrayList<ConsumerRecord<byte[], byte[]>> handOff = new ArrayList<>();
    /** Whether a task runs and will look at {@link #handOff} before it ends; guarded by {@code this}. */
    private boolean accepting;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    /**
     * Whether the partition must stay paused: records waiting in memory, or a batch in flight with the next one
     * already handed over. A batch in flight alone does not pause it, so the next batch is fetched meanwhile.
     */
    boolean busy() {
        return !pending.isEmpty() || (inFlight && handOffWaiting());
    }

    /** Poll thread, before submitting a task: the task takes hand-offs until {@link #endHandOff}. */
    synchronized void startHandOff() {
        accepting = true;
    }

    /** Poll thread: gives {@code records} to the running task; {@code false} if none takes them any more. */
    synchronized boolean handOff(List<ConsumerRecord<byte[], byte[]>> records) {
        if (!accepting) {
            return false;
        }
        handOff.addAll(records);
        return true;
    }

    private synchronized boolean handOffWaiting() {
        return !handOff.isEmpty();
    }

    /** Handler thread, at the end of a batch: the next batch, or {@code null} if there is none or it must stop. */
    synchronized List<ConsumerRecord<byte[], byte[]>> nextBatch() {
        if (handOff.isEmpty() || cancelled) {
            return null;
        }
        List<ConsumerRecord<byte[], byte[]>> next = new ArrayList<>(handOff);
        handOff.clear();
        return next;
    }

    /**
     * Handler thread, as the task ends: no more hand-offs; returns {@code rest} followed by what was handed over and
     * not taken, in offset order, for the poll thread to put back.
     */
    synchronized List<ConsumerRecord<byte[], byte[]>> endHandOff(List<ConsumerRecord<byte[], byte[]>> rest) {
        accepting = false;
        if (handOff.isEmpty()) {
            return List.copyOf(rest);
        }
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(rest.size() + handOff.size());
        all.addAll(rest);
        all.addAll(handOff);
        handOff.clear();
        return all;
    }
}
