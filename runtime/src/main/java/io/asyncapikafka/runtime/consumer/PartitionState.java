package io.asyncapikafka.runtime.consumer;

import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer thread knows about one assigned partition. Owned by the poll thread alone: handler threads never
 * see it (they get a {@link PartitionTask}), so nothing here needs synchronization. A new instance per assignment; a
 * report from a task that is not this instance's {@link #task()} is about an earlier assignment and is dropped.
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
    /** The task in flight on a handler thread, or {@code null}. */
    private PartitionTask task;

    PartitionState(TopicPartition partition) {
        this.partition = partition;
    }

    PartitionTask task() {
        return task;
    }

    boolean inFlight() {
        return task != null;
    }

    void dispatched(PartitionTask t) {
        this.task = t;
    }

    /** The task reported back (or was given up): takes its last progress into the offsets. */
    void taskEnded() {
        takeProgress();
        task = null;
    }

    /** Folds the running task's progress into {@link #offsets}. */
    void takeProgress() {
        if (task != null) {
            long through = task.progress();
            if (through >= 0) {
                offsets.finishedThrough(through);
            }
        }
    }

    /**
     * Fences the task in flight (see {@link PartitionTask#fence()}) after taking the progress it made before, and
     * forgets it; returns it if its handler thread still runs, so the caller can keep the partition from a new task
     * until it ends.
     */
    PartitionTask fenceTask() {
        PartitionTask t = task;
        if (t == null) {
            return null;
        }
        long through = t.fence();
        if (through >= 0) {
            offsets.finishedThrough(through);
        }
        task = null;
        return t.isRunning() ? t : null;
    }

    /**
     * Whether the partition must stay paused: records waiting in memory for a task (a back-off, a due time, a task
     * ending), or a task in flight whose hand-off reached its bound ({@link PartitionTask#handOffFull()}). A task in
     * flight with room in its hand-off does not pause it, so what follows is fetched while it runs.
     */
    boolean busy() {
        return !pending.isEmpty() || (task != null && task.handOffFull());
    }
}
