package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How handler threads talk to the poll thread: they {@link #post} a {@link Report} and, if the poll thread is parked
 * waiting for one, unpark it. The poll thread alone takes reports and acts on them. No Kafka call is involved
 * ({@code consumer.wakeup()} is deliberately not used: its {@code WakeupException} can hit any blocking call,
 * including the synchronous commit on revocation inside {@code poll}).
 */
final class Mailbox {

    /** What a handler thread tells the poll thread. */
    sealed interface Report {}

    /** Only wakes the poll thread: the task took its hand-off, so the partition may fetch again. */
    record Wake() implements Report {}

    /**
     * The task ended: {@code rest} (records not finished, in offset order) go back to the partition's pending
     * records, the first of them tried again with {@code attempt} and {@code write} not before {@code notBefore}.
     */
    record Ended(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> rest, int attempt, Outcome.Forward write,
            long notBefore) implements Report {}

    /** The task ended on an error the runner must stop for; the record it was on is not finished. */
    record Fatal(PartitionTask task, Throwable error) implements Report {}

    static final Report WAKE = new Wake();

    private final Queue<Report> reports = new ConcurrentLinkedQueue<>();
    private final Clock clock;
    private volatile Thread pollThread;
    /** Set while the poll thread is parked; handler threads unpark it only then. */
    private volatile boolean parked;

    Mailbox(Clock clock) {
        this.clock = clock;
    }

    /** Poll thread, once, before the first wait. */
    void bindPollThread() {
        pollThread = Thread.currentThread();
    }

    /** Any thread. */
    void post(Report report) {
        reports.add(report);
        wake();
    }

    /** Any thread: ends a {@link #await} early (also used for stop requests). */
    void wake() {
        Thread t = pollThread;
        if (parked && t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Poll thread: the next report, or {@code null}. */
    Report take() {
        return reports.poll();
    }

    /**
     * Poll thread: parks until a report arrives, {@code untilMillis} (wall clock) passes, or {@code endEarly} holds.
     */
    void await(long untilMillis, BooleanSupplier endEarly) {
        parked = true;
        try {
            // checked after publishing `parked`: a report queued before it was set did not unpark us
            while (reports.isEmpty() && !endEarly.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                long waitMillis = untilMillis - clock.millis();
                if (waitMillis <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(waitMillis));
            }
        } finally {
            parked = false;
        }
    }
}
