package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: polls, hands each partition's records to a handler thread (one task per partition at a time,
 * in offset order; records fetched while it runs are handed to it to go on with), keeps polling while handlers run —
 * partitions with records waiting in memory are paused — and commits per partition the offset after the last
 * contiguous finished record.
 *
 * <p>Waiting (in-place backoff, a retry-topic record not yet due, an unreachable dead-letter topic) never blocks a
 * thread: the records stay in memory, the partition stays paused, and the poll loop goes on, so the member is never
 * evicted for exceeding {@code max.poll.interval.ms}.
 *
 * <p>Noticing finished work quickly: a batch's end is only acted on by the poll thread, so the loop must not sit in a
 * long {@code poll} while a handler thread has already reported. When every assigned partition is paused, a fetch
 * cannot return anything, so the loop polls without waiting (membership, callbacks) and parks until a handler thread
 * unparks it, the next due time, or the poll timeout. When some partitions can fetch while work is in flight, polls
 * are capped at {@link #BUSY_POLL_TIMEOUT}. {@code consumer.wakeup()} is deliberately not used: its
 * {@code WakeupException} can hit any blocking call, including the synchronous commit on revocation inside
 * {@code poll}, and each such call would need its own recovery; parking involves no Kafka call at all.
 */
final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    /** Longest poll while handler work is in flight and some partition can fetch; bounds completion latency. */
    static final Duration BUSY_POLL_TIMEOUT = Duration.ofMillis(2);

    private final ConsumerRunner.Settings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> forwarder;
    private final RecordProcessor processor;
    private final ExecutorService workers;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    private final Set<TopicPartition> assignmentView;

    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private final Queue<Runnable> completions = new ConcurrentLinkedQueue<>();
    /** A report that only wakes the poll thread (see {@link #runBatch}). */
    private static final Runnable NOTHING = () -> {};
    private volatile boolean stopRequested;
    private volatile boolean halted;
    private volatile Throwable failure;
    private boolean stopping;
    private long lastCommitAt;
    private volatile Thread pollThread;
    /** Set while the poll thread is parked waiting for completions; handler threads unpark it only then. */
    private volatile boolean parked;
    /** Assigned partitions left unpaused by the last {@link #applyPauses()}; -1 before the first. */
    private int fetchable = -1;

    ConsumerLoop(ConsumerRunner.Settings settings, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> forwarder,
            RecordProcessor processor, ExecutorService workers, Set<TopicPartition> assignmentView) {
        this.settings = settings;
        this.consumer = consumer;
        this.forwarder = forwarder;
        this.processor = processor;
        this.workers = workers;
        this.metrics = settings.metrics();
        this.clock = settings.clock();
        this.assignmentView = assignmentView;
    }

    void requestStop() {
        stopRequested = true;
        unparkPollThread();
    }

    void halt() {
        halted = true;
        stopRequested = true;
        unparkPollThread();
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        pollThread = Thread.currentThread();
        try {
            if (settings.pattern() != null) {
                consumer.subscribe(settings.pattern(), this);
            } else {
                consumer.subscribe(settings.topics(), this);
            }
            while (!stopRequested) {
                accept(consumer.poll(nextPollTimeout()));
                drainCompletions();
                dispatch();
                fetchable = applyPauses();
                maybeCommit();
                if (fetchable == 0) {
                    awaitCompletion(nextWakeUp(), true);
                }
            }
        } catch (Throwable t) {
            if (!halted) {
                failure = t;
                LOG.error("consumer {} stopped on an unexpected error", settings.clientId(), t);
            }
        } finally {
            if (halted) {
                haltNow();
            } else {
                shutDownGracefully();
            }
        }
    }

    private void accept(ConsumerRecords<byte[], byte[]> polled) {
        for (TopicPartition tp : polled.partitions()) {
            PartitionState st = states.computeIfAbsent(tp, PartitionState::new);
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            for (ConsumerRecord<byte[], byte[]> rec : records) {
                st.offsets.delivered(rec.offset());
                metrics.received(tp);
            }
            // A running batch continues with these on its thread, without a round trip through this loop; records
            // already waiting here go first, so then they wait too.
            if (!st.pending.isEmpty() || !st.handOff(records)) {
                st.pending.addAll(records);
            }
        }
    }

    /**
     * How long the next poll may wait: not at all when every partition is paused (the wait happened in
     * {@link #awaitCompletion}), briefly while handler work is in flight, else the configured timeout — but never
     * past the next periodic commit while finished work is uncommitted, so an idle topic does not delay it.
     */
    private Duration nextPollTimeout() {
        if (fetchable == 0) {
            return Duration.ZERO;
        }
        long timeout = settings.pollTimeout().toMillis();
        boolean uncommitted = false;
        for (PartitionState st : states.values()) {
            if (st.inFlight) {
                timeout = Math.min(timeout, BUSY_POLL_TIMEOUT.toMillis());
            }
            uncommitted |= st.offsets.hasUncommitted();
        }
        if (uncommitted) {
            long untilCommit = lastCommitAt + settings.commitInterval().toMillis() - clock.millis();
            timeout = Math.max(0, Math.min(timeout, untilCommit));
        }
        return Duration.ofMillis(timeout);
    }

    /** Wall-clock millis by which the loop must run again: poll timeout, next due record, next commit. */
    private long nextWakeUp() {
        long now = clock.millis();
        long at = now + settings.pollTimeout().toMillis();
        at = Math.min(at, lastCommitAt + settings.commitInterval().toMillis());
        for (PartitionState st : states.values()) {
            if (!st.inFlight && !st.pending.isEmpty()) {
                at = Math.min(at, st.notBefore);
            }
        }
        return at;
    }

    /**
     * Parks the poll thread until a handler thread reports, {@code untilMillis}, or (if {@code endOnStop}) a stop is
     * requested.
     */
    private void awaitCompletion(long untilMillis, boolean endOnStop) {
        parked = true;
        try {
            // checked after publishing `parked`: a report queued before it was set did not unpark us
            while (completions.isEmpty() && !(endOnStop && stopRequested)
                    && !Thread.currentThread().isInterrupted()) {
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

    /** Called by handler threads after queueing a report. */
    private void unparkPollThread() {
        Thread t = pollThread;
        if (parked && t != null) {
            LockSupport.unpark(t);
        }
    }

    private void drainCompletions() {
        Runnable r;
        while ((r = completions.poll()) != null) {
            r.run();
        }
    }

    private void dispatch() {
        if (stopping) {
            return;
        }
        long now = clock.millis();
        for (PartitionState st : states.values()) {
            if (!st.inFlight && !st.pending.isEmpty() && now >= st.notBefore) {
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(st.pending);
                st.pending.clear();
                int attempt = st.headAttempt;
                Outcome.Forward write = st.headWrite;
                st.headAttempt = 1;
                st.headWrite = null;
                st.inFlight = true;
                st.cancelled = false;
                st.startHandOff();
                st.task = workers.submit(() -> runBatch(st, batch, attempt, write));
            }
        }
    }

    /**
     * Runs on a handler thread: processes records in order until done, cancelled, or told to wait, continuing with
     * records handed over while it ran.
     */
    private void runBatch(PartitionState st, List<ConsumerRecord<byte[], byte[]>> firstBatch, int firstAttempt,
            Outcome.Forward firstWrite) {
        List<ConsumerRecord<byte[], byte[]>> batch = firstBatch;
        int i = 0;
        int attempt = firstAttempt;
        Outcome.Forward write = firstWrite;
        try {
            for (; ; i++) {
                if (i == batch.size()) {
                    List<ConsumerRecord<byte[], byte[]>> next = st.nextBatch();
                    if (next == null) {
                        break;
                    }
                    batch = next;
                    i = 0;
                    // The hand-off slot is free again: a parked poll thread resumes the partition and fetches the
                    // batch after this one while it runs, instead of only once this task ends (a fetch round trip
                    // during which this partition's handler would sit idle).
                    completions.add(NOTHING);
                    unparkPollThread();
                }
                if (st.cancelled) {
                    break;
                }
                ConsumerRecord<byte[], byte[]> rec = batch.get(i);
                Outcome.Forward forward = write;
                write = null;
                if (forward == null) {
                    Outcome outcome = processor.process(rec, attempt, true);
                    if (outcome instanceof Outcome.Done) {
                        finished(st, rec.offset());
                        attempt = 1;
                        continue;
                    } else if (outcome instanceof Outcome.NotDue notDue) {
                        giveBack(st, batch, i, attempt, null, notDue.dueAtMillis());
                        return;
                    } else if (outcome instanceof Outcome.RetryInPlace retry) {
                        giveBack(st, batch, i, attempt + 1, null, clock.millis() + retry.backoff().toMillis());
                        return;
                    }
                    forward = (Outcome.Forward) outcome;
                }
                if (!send(st.partition, rec, forward)) {
                    giveBack(st, batch, i, attempt, forward,
                            clock.millis() + settings.forwardRetryBackoff().toMillis());
                    return;
                }
                finished(st, rec.offset());
                attempt = 1;
            }
            giveBack(st, batch, i, attempt, null, 0);
        } catch (Throwable t) {
            LOG.error("unexpected failure processing {}; retrying in 1 s", st.partition, t);
            giveBack(st, batch, i, attempt, write, clock.millis() + 1000);
        }
    }

    /** Writes a dead letter or retry copy and waits for the acknowledgement; {@code false} if it failed. */
    private boolean send(TopicPartition tp, ConsumerRecord<byte[], byte[]> rec, Outcome.Forward forward) {
        String target = forward.record().topic();
        try {
            forwarder.send(forward.record()).get(settings.forwardTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("could not write {}-{}@{} to {} ({}); the offset is not committed, partition {} retries in {} ms",
                    rec.topic(), rec.partition(), rec.offset(), target, String.valueOf(cause), tp,
                    settings.forwardRetryBackoff().toMillis());
            return false;
        }
        if (forward.deadLetter()) {
            metrics.deadLettered(tp, forward.reason());
            LOG.warn("dead-lettered {}-{}@{} to {}: {} ({})", rec.topic(), rec.partition(), rec.offset(), target,
                    forward.reason(), String.valueOf(forward.error()));
        }
        return true;
    }

    /**
     * Runs on the handler thread after each finished record. Records of a batch finish in offset order, so one
     * volatile high-water mark per partition says it all; the poll thread folds it into the tracker when it needs
     * it (batch end, commit), instead of a queued report per record.
     */
    private static void finished(PartitionState st, long offset) {
        st.finishedThrough = offset;
    }

    /** Poll thread: takes the handler thread's progress on {@code st} into its offset tracker. */
    private static void takeProgress(PartitionState st) {
        long through = st.finishedThrough;
        if (through >= 0) {
            st.offsets.finishedThrough(through);
        }
    }

    private void giveBack(PartitionState st, List<ConsumerRecord<byte[], byte[]>> batch, int from, int attempt,
            Outcome.Forward write, long notBefore) {
        List<ConsumerRecord<byte[], byte[]>> rest = st.endHandOff(batch.subList(from, batch.size()));
        completions.add(() -> {
            st.inFlight = false;
            if (states.get(st.partition) != st) {
                return; // revoked meanwhile: the new owner starts from the committed offset
            }
            takeProgress(st);
            for (int j = rest.size() - 1; j >= 0; j--) {
                st.pending.addFirst(rest.get(j));
            }
            st.headAttempt = rest.isEmpty() ? 1 : attempt;
            st.headWrite = rest.isEmpty() ? null : write;
            st.notBefore = notBefore;
        });
        unparkPollThread();
    }

    /** Pauses busy partitions, resumes the others; returns how many assigned partitions can fetch. */
    private int applyPauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : assigned) {
            PartitionState st = states.get(tp);
            if (stopping || (st != null && st.busy())) {
                pause.add(tp);
            } else {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        // no assignment yet (joining, or everything revoked): a normal poll drives the group protocol
        return assigned.isEmpty() ? -1 : resume.size();
    }

    private void maybeCommit() {
        long now = clock.millis();
        if (now - lastCommitAt < settings.commitInterval().toMillis()) {
            return;
        }
        lastCommitAt = now;
        commit(new ArrayList<>(states.keySet()));
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(lag -> metrics.lag(tp, lag));
        }
    }

    /** Synchronously commits what finished on {@code partitions}; {@code false} if the commit failed. */
    private boolean commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionState st = states.get(tp);
            if (st != null) {
                takeProgress(st);
                st.offsets.toCommit().ifPresent(o -> offsets.put(tp, new OffsetAndMetadata(o)));
            }
        }
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(offsets, settings.commitTimeout());
        } catch (RebalanceInProgressException | CommitFailedException | RetriableException e) {
            // not committed: the offsets stay pending and go with the next commit, or are re-delivered
            LOG.info("commit of {} failed, will retry: {}", offsets, e.toString());
            return false;
        }
        offsets.forEach((tp, o) -> {
            PartitionState st = states.get(tp);
            if (st != null) {
                st.offsets.committed(o.offset());
            }
        });
        LOG.debug("committed {}", offsets);
        return true;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            states.computeIfAbsent(tp, PartitionState::new);
        }
        assignmentView.addAll(partitions);
        LOG.info("consumer {} assigned {}", settings.clientId(), partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        assignmentView.removeAll(partitions);
        if (halted) {
            partitions.forEach(states::remove);
            return;
        }
        metrics.revoked(partitions.size());
        List<PartitionState> affected = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionState st = states.get(tp);
            if (st != null) {
                st.cancelled = true;
                affected.add(st);
            }
        }
        // Let the record in progress finish (bounded) so its offset is committed now rather than re-delivered.
        long deadline = System.nanoTime() + settings.revokeTimeout().toNanos();
        for (PartitionState st : affected) {
            awaitTask(st, deadline);
        }
        drainCompletions();
        commit(partitions);
        partitions.forEach(states::remove);
        LOG.info("consumer {} revoked {}", settings.clientId(), partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        assignmentView.removeAll(partitions);
        metrics.lost(partitions.size());
        for (TopicPartition tp : partitions) {
            PartitionState st = states.remove(tp);
            if (st != null) {
                st.cancelled = true;
            }
        }
        // Never commit lost partitions: another member may own them already.
        LOG.warn("consumer {} lost {}; their unfinished records will be re-delivered", settings.clientId(), partitions);
    }

    private void awaitTask(PartitionState st, long deadlineNanos) {
        Future<?> task = st.task;
        if (task == null) {
            return;
        }
        try {
            task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("record in progress on {} did not finish in time; it will be re-delivered", st.partition);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // runBatch handles its own failures; nothing to add
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean anyTaskRunning() {
        return states.values().stream().anyMatch(st -> st.task != null && !st.task.isDone());
    }

    private void shutDownGracefully() {
        stopping = true;
        states.values().forEach(st -> st.cancelled = true);
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        try {
            // Keep polling (everything paused) while handlers finish, so the member stays in the group and can commit.
            while (anyTaskRunning() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                drainCompletions();
                applyPauses();
                accept(consumer.poll(Duration.ZERO));
                // short: a task reports just before its future completes, so re-check soon
                awaitCompletion(clock.millis() + 10, false);
            }
            drainCompletions();
            commit(new ArrayList<>(states.keySet()));
        } catch (RuntimeException e) {
            LOG.warn("consumer {} could not commit on shutdown: {}", settings.clientId(), e.toString());
        } finally {
            stopWorkers(deadline);
            try {
                consumer.close(CloseOptions.timeout(settings.commitTimeout()));
            } catch (RuntimeException e) {
                LOG.warn("closing consumer {} failed: {}", settings.clientId(), e.toString());
            }
            assignmentView.clear();
        }
    }

    private void haltNow() {
        stopping = true;
        states.values().forEach(st -> st.cancelled = true);
        workers.shutdownNow();
        try {
            // interrupted handlers normally end at once; do not leave threads behind a halted runner
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        } catch (RuntimeException e) {
            LOG.debug("closing halted consumer {}: {}", settings.clientId(), e.toString());
        }
        assignmentView.clear();
        states.clear();
    }

    private void stopWorkers(long deadlineNanos) {
        workers.shutdownNow(); // abandon what did not finish in time; its records are re-delivered
        try {
            long wait = Math.max(deadlineNanos - System.nanoTime(), TimeUnit.SECONDS.toNanos(2));
            if (!workers.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                LOG.warn("handler threads of {} did not stop", settings.clientId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thread-safe view of the assignment, for {@link ConsumerRunner#assignment()}. */
    static Set<TopicPartition> newAssignmentView() {
        return ConcurrentHashMap.newKeySet();
    }
}
