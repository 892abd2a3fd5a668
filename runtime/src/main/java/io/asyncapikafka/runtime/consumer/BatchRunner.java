package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler-thread side of a {@link PartitionTask}: processes a partition's records in offset order until they are
 * done, the task is cancelled or fenced, or a record has to wait; goes on with records handed over while it runs;
 * then reports back through the {@link Mailbox} once. It touches nothing of the partition but the task.
 *
 * <p>What an outcome does: {@code Done} moves the task's progress; {@code Forward} writes the copy and, once
 * acknowledged, moves it; {@code RetryInPlace}, {@code NotDue} and a failed write end the task with the record given
 * back and a time before which it is not tried again; {@code Abandoned} (interrupted by a stop or a revocation) ends
 * it with the record given back unfinished and nothing counted; {@code Fatal} — or any {@link Throwable} escaping the
 * processor, which must not put the record back forever — ends it and stops the runner. A fenced task writes no copy,
 * and its progress and report are ignored.
 *
 * <p>A batch whose settling fails ({@link RecordBatch.Settled#FAILED}: a participant's commit threw) is given back
 * whole, and its records then run one at a time, each settled on its own, up to its last offset: a failure of a
 * batch of several records says nothing of whose it was, so it uses up no attempt of any of them; a record settled
 * alone whose commit fails has failed its attempt, which counts and follows the retry policy as a failing handler
 * does (retried in place, forwarded to the retry topic, dead-lettered: {@link RecordProcessor#settlementFailed}).
 * So a record that makes every commit fail ends where the policy says, and the records around it commit.
 */
final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final RecordProcessor processor;
    private final ForwardWriter forwards;
    private final Mailbox mailbox;
    private final ConsumerRunner.Settings settings;
    private final Clock clock;
    /** Exactly-once processing (the task runs there instead), or {@code null} for at-least-once. */
    private final TransactionalRuns transactions;
    /**
     * Per partition whose batch failed to settle: the last offset of that batch, through which records run one at a
     * time. Only the partition's task touches its entry (one at a time; the poll thread orders them); read once per
     * task; removed once a record after it runs.
     */
    private final ConcurrentHashMap<TopicPartition, Long> aloneThrough = new ConcurrentHashMap<>();

    BatchRunner(RecordProcessor processor, ForwardWriter forwards, Mailbox mailbox, ConsumerRunner.Settings settings) {
        this(processor, forwards, mailbox, settings, null);
    }

    BatchRunner(RecordProcessor processor, ForwardWriter forwards, Mailbox mailbox, ConsumerRunner.Settings settings,
            TransactionalProcessing transactions) {
        this.transactions = transactions == null ? null : new TransactionalRuns(transactions, mailbox, settings);
        this.processor = processor;
        this.forwards = forwards;
        this.mailbox = mailbox;
        this.settings = settings;
        this.clock = settings.clock();
    }

    void run(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> firstBatch, int firstAttempt,
            Outcome.Forward firstWrite) {
        task.enter();
        RecordBatch unsettled = transactions == null ? RecordBatch.open(settings.metrics(), task.partition) : null;
        try {
            if (unsettled == null) {
                transactions.run(task, firstBatch, firstAttempt, firstWrite);
            } else {
                runBatches(task, unsettled, firstBatch, firstAttempt, firstWrite);
            }
        } finally {
            if (unsettled != null) {
                unsettled.close();
            }
            task.exit();
            if (task.isFenced()) {
                mailbox.post(Mailbox.WAKE); // its partition may be waiting for it to leave (Partitions.mayStart)
            }
        }
    }

    private void runBatches(PartitionTask task, RecordBatch unsettled, List<ConsumerRecord<byte[], byte[]>> firstBatch,
            int firstAttempt, Outcome.Forward firstWrite) {
        List<ConsumerRecord<byte[], byte[]>> batch = firstBatch;
        int i = 0;
        int attempt = firstAttempt;
        Outcome.Forward write = firstWrite;
        boolean[] wasFull = new boolean[1];
        Long failedThrough = aloneThrough.get(task.partition);
        long alone = failedThrough == null ? -1 : failedThrough;
        try {
            for (; ; i++) {
                if (i == batch.size()) {
                    if (!settle(task, unsettled, batch, i, attempt)) {
                        return;
                    }
                    List<ConsumerRecord<byte[], byte[]>> next = task.nextBatch(wasFull);
                    if (next == null) {
                        break;
                    }
                    batch = next;
                    i = 0;
                    if (wasFull[0]) {
                        // The hand-off had room no more, so its partition is paused: a parked poll thread resumes it
                        // and fetches what follows while this batch runs, instead of only once this task ends.
                        mailbox.post(Mailbox.WAKE);
                    }
                }
                if (task.isCancelled()) {
                    break;
                }
                ConsumerRecord<byte[], byte[]> rec = batch.get(i);
                boolean single = false;
                if (alone >= 0) {
                    single = rec.offset() <= alone;
                    if (!single) {
                        aloneThrough.remove(task.partition, alone); // past the batch that failed to settle
                        alone = -1;
                    }
                }
                Outcome.Forward forward = write;
                write = null;
                if (forward == null) {
                    if ((unsettled.isOld() || (single && unsettled.hasRecords()))
                            && !settle(task, unsettled, batch, i, attempt)) {
                        return;
                    }
                    Outcome outcome = processor.process(rec, attempt, true);
                    if (outcome instanceof Outcome.Done) {
                        unsettled.done(i, rec.offset());
                        if ((single || unsettled.isDue()) && !settle(task, unsettled, batch, i + 1, 1)) {
                            return; // fenced (it does not count, and nobody listens for this task), or given back
                        }
                        attempt = 1;
                        continue;
                    } else if (outcome instanceof Outcome.NotDue notDue) {
                        giveBack(task, unsettled, batch, i, attempt, null, notDue.dueAtMillis());
                        return;
                    } else if (outcome instanceof Outcome.RetryInPlace retry) {
                        if (retry.error() instanceof DeferredAttempt d && !d.storeFailure() && unsettled.holdsClaims()) {
                            // the id may be claimed by this very batch (an exact duplicate after its original):
                            // settle, then try again at once; held elsewhere, the next try waits as usual
                            if (!settle(task, unsettled, batch, i, attempt + 1)) {
                                return;
                            }
                            attempt++;
                            i--;
                            continue;
                        }
                        giveBack(task, unsettled, batch, i, attempt + 1, null,
                                clock.millis() + retry.backoff().toMillis());
                        return;
                    } else if (outcome instanceof Outcome.Abandoned abandoned) {
                        LOG.debug("handler of {}-{}@{} abandoned: {}", rec.topic(), rec.partition(), rec.offset(),
                                String.valueOf(abandoned.cause()));
                        giveBack(task, unsettled, batch, i, attempt, null,
                                clock.millis() + settings.forwardRetryBackoff().toMillis());
                        return;
                    } else if (outcome instanceof Outcome.Fatal fatal) {
                        unsettled.discard();
                        fatal(task, rec, fatal.error());
                        return;
                    }
                    forward = (Outcome.Forward) outcome;
                }
                // the copy's acknowledgement finishes this offset, and so every one before it: settle those first
                if (!settle(task, unsettled, batch, i, attempt)) {
                    return;
                }
                if (!forwards.write(task, rec, forward)) {
                    giveBack(task, unsettled, batch, i, attempt, forward,
                            clock.millis() + settings.forwardRetryBackoff().toMillis());
                    return;
                }
                if (!task.finished(rec.offset())) {
                    return;
                }
                attempt = 1;
            }
            giveBack(task, unsettled, batch, i, attempt, null, 0);
        } catch (Throwable t) {
            unsettled.discard();
            // Whatever escapes the processor on a handler thread is a bug or a broken JVM; giving the record back
            // would try it again forever with nothing after it handled, so the runner stops instead.
            fatal(task, i < batch.size() ? batch.get(i) : null, t);
        }
    }

    private void fatal(PartitionTask task, ConsumerRecord<byte[], byte[]> rec, Throwable error) {
        LOG.error("fatal error handling {}; the consumer stops, the record is not committed",
                rec == null ? task.partition : rec.topic() + "-" + rec.partition() + "@" + rec.offset(), error);
        task.endHandOff(List.of());
        mailbox.post(new Mailbox.Fatal(task, error));
    }

    /**
     * Settles the records finished since the last settlement ({@link RecordBatch}); {@code false} when the task must
     * end: it was fenced, or settling failed and the unsettled records were given back (to run again after a back-off)
     * or abandoned. {@code current} and {@code attempt}: the record the task is at and its attempt, given back when no
     * finished record was pending. A failure (see the class comment) of a record settled alone counts as its attempt;
     * of several, as none of theirs: they run again from the first, at attempt 1, one at a time.
     */
    private boolean settle(PartitionTask task, RecordBatch unsettled, List<ConsumerRecord<byte[], byte[]>> batch,
            int current, int attempt) {
        boolean pending = unsettled.hasRecords();
        int from = pending ? unsettled.firstIndex() : current;
        long through = unsettled.lastOffset();
        int records = unsettled.records();
        int handlerAttempt = unsettled.handlerAttempt();
        RecordBatch.Settled settled = unsettled.settle();
        switch (settled) {
            case NOTHING:
                return true;
            case SETTLED:
                return !pending || task.finished(through);
            default: // FAILED or ABANDONED: those records are not finished; from the first of them again
                long backOff = clock.millis() + settings.forwardRetryBackoff().toMillis();
                if (settled == RecordBatch.Settled.FAILED && pending
                        && !Failures.isStoreUnavailable(unsettled.failure())) {
                    // (a participant's database down is an outage, not the records' failure: given back as below,
                    // no attempt used, until it is back)
                    Long alone = aloneThrough.get(task.partition);
                    if (records == 1 && handlerAttempt > 0 && alone != null && through <= alone) {
                        failedAlone(task, batch, from, handlerAttempt, unsettled.failure());
                        return false;
                    }
                    aloneThrough.merge(task.partition, through, Math::max);
                }
                giveBackNow(task, batch, from, pending ? 1 : attempt, null, backOff);
                return false;
        }
    }

    /** The commit of record {@code index}, settled alone after its handler's attempt {@code handlerAttempt}, failed. */
    private void failedAlone(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> batch, int index,
            int handlerAttempt, Throwable error) {
        Outcome next = processor.settlementFailed(batch.get(index), handlerAttempt, error);
        if (next instanceof Outcome.Forward forward) {
            giveBackNow(task, batch, index, handlerAttempt, forward, 0); // the next task writes it first
        } else {
            giveBackNow(task, batch, index, handlerAttempt + 1, null,
                    clock.millis() + ((Outcome.RetryInPlace) next).backoff().toMillis());
        }
    }

    private void giveBack(PartitionTask task, RecordBatch unsettled, List<ConsumerRecord<byte[], byte[]>> batch,
            int from, int attempt, Outcome.Forward write, long notBefore) {
        if (!settle(task, unsettled, batch, from, attempt)) {
            return;
        }
        giveBackNow(task, batch, from, attempt, write, notBefore);
    }

    private void giveBackNow(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> batch, int from, int attempt,
            Outcome.Forward write, long notBefore) {
        List<ConsumerRecord<byte[], byte[]>> rest = task.endHandOff(batch.subList(from, batch.size()));
        if (task.isFenced()) {
            return;
        }
        mailbox.post(new Mailbox.Ended(task, rest, attempt, write, notBefore));
    }
}
