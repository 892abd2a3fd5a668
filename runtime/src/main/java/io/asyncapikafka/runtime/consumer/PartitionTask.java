package io.asyncapikafka.runtime.consumer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The one object a handler thread shares with the poll thread: one run of records of one partition, from dispatch
 * until it reports back. A handler thread is given this and never the {@link PartitionState} (poll thread only), so
 * the only things it can do to the partition are the ones below.
 *
 * <p>Fencing: once the poll thread {@link #fence() fences} a task (its partition was revoked or lost, the runner is
 * shutting down or halting), nothing the task does afterwards counts: {@link #finished(long)} no longer moves its
 * progress, it writes no retry or dead-letter copy ({@link #isFenced()} is checked before every write) and its report
 * is dropped. Fencing returns the last progress the task made before it, atomically, so the commit that follows a
 * revocation includes exactly the records finished before the fence.
 */
final class PartitionTask {

    /** {@link #finishedThrough} of a fenced task. */
    private static final long FENCED = Long.MIN_VALUE;
    private static final VarHandle FINISHED_THROUGH;

    static {
        try {
            FINISHED_THROUGH = MethodHandles.lookup().findVarHandle(PartitionTask.class, "finishedThrough", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TopicPartition partition;
    /** Counts tasks of one consumer thread; for logs. */
    final long epoch;
    /** Last offset finished in offset order (every delivered record up to it finished); -1 before, FENCED after fence. */
    @SuppressWarnings("unused") // accessed through FINISHED_THROUGH
    private volatile long finishedThrough = -1;
    /** Asks the task to stop after the record in progress; the poll thread sets it, the task reads it. */
    private volatile boolean cancelled;
    private volatile Future<?> future;
    /** The handler thread while it is inside the task; guarded by {@code this}. */
    private Thread thread;
    /** From dispatch until the handler thread left the task (a cancelled future says nothing about that). */
    private volatile boolean running = true;

    /**
     * Records the poll thread may hand to a running task before its partition is paused: the partition keeps fetching
     * while its handler works through a backlog up to this size, so a fetch always names it (a paused partition
     * resumed while the consumer's one fetch request to the broker waits for data of other partitions would wait up to
     * {@code fetch.max.wait.ms} for the next one). With one poll's records on top (at most {@code max.poll.records}),
     * this bounds the records a partition holds in memory besides the batch being handled.
     */
    static final int HAND_OFF_RECORDS = 500;
    /**
     * System property overriding {@link #HAND_OFF_RECORDS} for the runners started while it is set, read once per
     * consumer thread; {@code 1} is the former protocol (pause as soon as anything is handed over), which the
     * benchmark runs beside the current one. Not an API.
     */
    static final String HAND_OFF_RECORDS_PROPERTY = "asyncapikafka.consumer.handOffRecords";
    /** The same bound in key + value bytes (as {@code max.partition.fetch.bytes} by default). */
    static final long HAND_OFF_BYTES = 1024 * 1024;

    /** Records handed over while the task runs, to continue with after its batch; guarded by {@code this}. */
    private final ArrayList<ConsumerRecord<byte[], byte[]>> handOff = new ArrayList<>();
    /** Key + value bytes of {@link #handOff}; guarded by {@code this}. */
    private long handOffBytes;
    /** Whether the task will still look at {@link #handOff} before it ends; guarded by {@code this}. */
    private boolean accepting = true;

    /** {@link #HAND_OFF_RECORDS}, or what {@link #HAND_OFF_RECORDS_PROPERTY} says. */
    private final int handOffRecords;

    PartitionTask(TopicPartition partition, long epoch) {
        this(partition, epoch, HAND_OFF_RECORDS);
    }

    PartitionTask(TopicPartition partition, long epoch, int handOffRecords) {
        this.partition = partition;
        this.epoch = epoch;
        this.handOffRecords = Math.max(1, handOffRecords);
    }

    /** The hand-off bound in records for the tasks of a consumer thread starting now. */
    static int configuredHandOffRecords() {
        return Integer.getInteger(HAND_OFF_RECORDS_PROPERTY, HAND_OFF_RECORDS);
    }

    void started(Future<?> f) {
        this.future = f;
    }

    /** Whether the handler thread has not left this task yet (also after it was fenced). */
    boolean isRunning() {
        return running;
    }

    /** Handler thread, first thing in the task. */
    synchronized void enter() {
        thread = Thread.currentThread();
    }

    /** Handler thread, last thing in the task (also when it failed). */
    synchronized void exit() {
        thread = null;
        running = false;
    }

    /** Poll thread: interrupts the handler thread if it is still inside this task (a fenced task's work is moot). */
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    Future<?> future() {
        return future;
    }

    /** Poll thread: stop after the record in progress. Its progress still counts until {@link #fence()}. */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /**
     * Poll thread: from now on nothing this task does counts. Returns the offset it had finished through before
     * (-1 if none), which the caller may still commit.
     */
    long fence() {
        cancelled = true;
        long last = (long) FINISHED_THROUGH.getAndSet(this, FENCED);
        return last == FENCED ? -1 : last;
    }

    boolean isFenced() {
        return (long) FINISHED_THROUGH.getVolatile(this) == FENCED;
    }

    /**
     * Handler thread: every record up to {@code offset} finished. {@code false} if the task was fenced, so the record
     * does not count (its offset will not be committed by this member).
     */
    boolean finished(long offset) {
        long current = (long) FINISHED_THROUGH.getVolatile(this);
        while (current != FENCED) {
            if (FINISHED_THROUGH.compareAndSet(this, current, offset)) {
                return true;
            }
            current = (long) FINISHED_THROUGH.getVolatile(this);
        }
        return false;
    }

    /** Poll thread: the progress so far (-1 if none or fenced). */
    long progress() {
        long through = (long) FINISHED_THROUGH.getVolatile(this);
        return through == FENCED ? -1 : through;
    }

    /** Poll thread: gives {@code records} to the running task; {@code false} if it takes none any more. */
    synchronized boolean handOff(List<ConsumerRecord<byte[], byte[]>> records) {
        if (!accepting) {
            return false;
        }
        handOff.addAll(records);
        handOffBytes += bytes(records);
        return true;
    }

    /** Poll thread: whether the records handed over and not taken yet reach the bound, so the partition must pause. */
    synchronized boolean handOffFull() {
        return isFull(handOff.size(), handOffBytes);
    }

    private boolean isFull(int records, long bytes) {
        return records >= handOffRecords || bytes >= HAND_OFF_BYTES;
    }

    private static long bytes(List<ConsumerRecord<byte[], byte[]>> records) {
        long sum = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            sum += Math.max(0, r.serializedKeySize()) + Math.max(0, r.serializedValueSize());
        }
        return sum;
    }

    /**
     * Handler thread, at the end of a batch: the next batch, or {@code null} if there is none or it must stop.
     * {@code wasFull[0]} tells whether the hand-off had reached its bound (its partition may be paused, waiting).
     */
    synchronized List<ConsumerRecord<byte[], byte[]>> nextBatch(boolean[] wasFull) {
        if (handOff.isEmpty() || cancelled) {
            return null;
        }
        wasFull[0] = isFull(handOff.size(), handOffBytes);
        List<ConsumerRecord<byte[], byte[]>> next = new ArrayList<>(handOff);
        handOff.clear();
        handOffBytes = 0;
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
        handOffBytes = 0;
        return all;
    }

    @Override
    public String toString() {
        return partition + "#" + epoch;
    }
}
