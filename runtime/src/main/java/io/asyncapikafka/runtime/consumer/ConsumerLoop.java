package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: the poll loop and its scheduling. The jobs around it have one class each:
 * {@link Dispatcher} (records in, tasks out, reports back), {@link BatchRunner} (the handler-thread side),
 * {@link ForwardWriter} (dead-letter and retry writes, acknowledged), {@link Committer}, {@link Pauses},
 * {@link Rebalancer} (the callbacks), {@link Shutdown}.
 *
 * <p><b>Threading protocol.</b> The poll thread owns the {@code KafkaConsumer} and every {@link PartitionState} (held
 * by {@link Partitions}); nothing else touches them. A partition has at most one task in flight, a
 * {@link PartitionTask}, which is all a handler thread ever sees of it: the handler thread processes records in
 * offset order, takes records the poll thread hands over while it runs, moves the task's progress after each
 * finished record, and reports back once through the {@link Mailbox}. The poll thread folds that progress into the
 * partition's {@link OffsetTracker}, which alone decides what may be committed: the offset after the last record up
 * to which every delivered record finished (handled, skipped as duplicate, or its dead letter / retry copy
 * acknowledged). When the poll thread gives a partition up (revoked, lost, shutdown, halt) it fences the task:
 * from then on the task's progress, writes and report do not count, and no new task starts on that partition on
 * this consumer until the fenced one has left its handler thread — so a partition is never handled by two threads.
 *
 * <p>Waiting (in-place backoff, a retry-topic record not yet due, an unreachable dead-letter topic) never blocks a
 * thread: the records stay in memory, the partition stays paused, and the poll loop goes on, so the member is never
 * evicted for exceeding {@code max.poll.interval.ms}.
 *
 * <p>Noticing finished work quickly: a task's end is only acted on by the poll thread, so the loop must not sit in a
 * long {@code poll} while a handler thread has already reported. When every assigned partition is paused, a fetch
 * cannot return anything, so the loop polls without waiting (membership, callbacks) and parks until a handler thread
 * unparks it, the next due time, or the poll timeout. When some partitions can fetch while work is in flight, polls
 * are capped at {@link #BUSY_POLL_TIMEOUT}.
 *
 * <p>Failures: an exception on the poll thread ends it gracefully (finished work committed) and is reported by
 * {@link #failure()}; a fatal error from a handler ({@link Outcome.Fatal}, or anything escaping the processor) does
 * the same and asks the runner to stop every consumer thread.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    /** Longest poll while handler work is in flight and some partition can fetch; bounds completion latency. */
    static final Duration BUSY_POLL_TIMEOUT = Duration.ofMillis(2);

    private final ConsumerRunner.Settings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final LoopControl control = new LoopControl();
    private final Mailbox mailbox;
    private final Partitions partitions = new Partitions();
    private final Dispatcher dispatcher;
    private final Committer committer;
    private final Pauses pauses;
    private final Rebalancer rebalancer;
    private final Shutdown shutdown;
    private final java.util.function.Consumer<Throwable> onFatal;
    private volatile boolean ended;
    /** Exactly-once processing, or {@code null}. */
    private final TransactionalProcessing transactions;
    /** Result of the last {@link Pauses#apply}; -1 before the first. */
    private int fetchable = -1;

    /**
     * @param onFatal told (on the poll thread) when a handler hit a fatal error, so the runner stops its other threads
     */
    ConsumerLoop(ConsumerRunner.Settings settings, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> forwarder,
            RecordProcessor processor, ExecutorService workers, Set<TopicPartition> assignmentView,
            java.util.function.Consumer<Throwable> onFatal) {
        this(settings, consumer, forwarder, processor, workers, assignmentView, onFatal, null);
    }

    /** @param eos exactly-once processing (each record in a transaction with its offset), or {@code null} */
    ConsumerLoop(ConsumerRunner.Settings settings, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> forwarder,
            RecordProcessor processor, ExecutorService workers, Set<TopicPartition> assignmentView,
            java.util.function.Consumer<Throwable> onFatal, ExactlyOnce eos) {
        this.transactions = eos == null ? null : new TransactionalProcessing(eos, processor, settings);
        this.settings = settings;
        this.consumer = consumer;
        this.clock = settings.clock();
        this.onFatal = onFatal;
        this.mailbox = new Mailbox(clock);
        BatchRunner batches = new BatchRunner(processor, new ForwardWriter(forwarder, settings), mailbox, settings,
                transactions);
        this.dispatcher = new Dispatcher(partitions, batches, workers, mailbox, settings, this::fatal);
        this.committer = new Committer(consumer, partitions, settings, transactions != null);
        this.pauses = new Pauses(consumer, partitions);
        SharedAssignment assigned = new SharedAssignment(assignmentView, settings.metrics());
        this.rebalancer = new Rebalancer(settings, partitions, dispatcher, committer, assigned, control);
        this.shutdown = new Shutdown(settings, consumer, partitions, dispatcher, pauses, committer, mailbox, workers,
                assigned);
    }

    void requestStop() {
        control.requestStop();
        mailbox.wake();
    }

    void halt() {
        control.halt();
        mailbox.wake();
    }

    /** What ended this thread, if it did not end on request. */
    Throwable failure() {
        return control.failure();
    }

    /** Whether {@link #run()} returned. */
    boolean ended() {
        return ended;
    }

    private void fatal(Throwable error) {
        control.fail(error);
        onFatal.accept(error);
    }

    @Override
    public void run() {
        mailbox.bindPollThread();
        try {
            if (settings.pattern() != null) {
                consumer.subscribe(settings.pattern(), rebalancer);
            } else {
                consumer.subscribe(settings.topics(), rebalancer);
            }
            while (!control.stopRequested()) {
                dispatcher.accept(consumer.poll(nextPollTimeout()));
                if (transactions != null) {
                    transactions.publish(consumer); // the generation the next transactions commit for
                }
                dispatcher.drainReports();
                if (control.stopRequested()) {
                    break;
                }
                dispatcher.dispatch();
                fetchable = pauses.apply(false);
                committer.maybeCommit();
                if (fetchable == 0) {
                    mailbox.await(nextWakeUp(), control::stopRequested);
                }
            }
        } catch (Throwable t) {
            if (!control.halted()) {
                control.fail(t);
                LOG.error("consumer {} stopped on an unexpected error", settings.clientId(), t);
            }
        } finally {
            try {
                if (control.halted()) {
                    shutdown.halt();
                } else {
                    shutdown.graceful();
                }
            } finally {
                if (transactions != null) {
                    transactions.close(control.halted());
                }
                ended = true;
            }
        }
    }

    /**
     * How long the next poll may wait: not at all when every partition is paused (the wait happened in
     * {@link Mailbox#await}) or the assignment just changed, briefly while handler work is in flight, else the
     * configured timeout — but never past the next periodic commit while finished work is uncommitted, so an idle
     * topic does not delay it.
     */
    private Duration nextPollTimeout() {
        if (fetchable == 0 || fetchable == Pauses.ASSIGNMENT_CHANGED) {
            return Duration.ZERO;
        }
        long timeout = settings.pollTimeout().toMillis();
        if (dispatcher.anyInFlight()) {
            timeout = Math.min(timeout, BUSY_POLL_TIMEOUT.toMillis());
        }
        if (committer.hasUncommitted()) {
            timeout = Math.max(0, Math.min(timeout, committer.nextCommitAt() - clock.millis()));
        }
        return Duration.ofMillis(timeout);
    }

    /** Wall-clock millis by which the loop must run again: poll timeout, next due record, next commit. */
    private long nextWakeUp() {
        long at = clock.millis() + settings.pollTimeout().toMillis();
        at = Math.min(at, committer.nextCommitAt());
        return Math.min(at, dispatcher.nextDue());
    }

    /** Thread-safe view of the assignment, for {@link ConsumerRunner#assignment()}. */
    static Set<TopicPartition> newAssignmentView() {
        return ConcurrentHashMap.newKeySet();
    }
}
