package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler-thread side of a {@link PartitionTask} on an exactly-once runner ({@link BatchRunner}'s counterpart):
 * a partition's records run in offset order inside one transaction of its producer, a <em>run</em>, which commits the
 * handlers' sends, the dead letters and retry copies written for them and the offset after the run's last record
 * together. A run ends (commits) at the end of the record list the task is on (a poll's records for the partition,
 * or what was handed over meanwhile), after {@link ExactlyOnce.Builder#maxRunRecords maxRunRecords}, before a
 * handler call once its transaction is {@link ExactlyOnce.Builder#maxRunAge maxRunAge} old, and before a record
 * waits (retry back-off, a retry-topic record not due).
 *
 * <p>What a record's outcome does to the run:
 * <ul>
 *   <li>{@code Done}: the record joins the run.</li>
 *   <li>{@code Forward}: its dead letter or retry copy is written in the run's transaction and it joins the run.</li>
 *   <li>{@code RetryInPlace}, {@code NotDue}, a copy not written: the records before it commit, it is given back with
 *       its back-off. A Kafka transaction cannot take back part of itself, so if the failed attempt (or a forward
 *       that failed) left output in the transaction, the transaction is aborted instead, the records before it run
 *       again at once in a new one (their handlers are called again; their first output was never visible) and
 *       commit, and then the record is given back (or its copy written) as it would have been.</li>
 *   <li>An aborted commit (refused, fenced, producer error, broker gone) or {@code Abandoned}: nothing of the run
 *       happened; its records are given back from the first, delivered again after {@code forwardRetryBackoff}
 *       without using up an attempt.</li>
 *   <li>{@code Fatal}, or anything escaping the processor: the run is aborted and the runner stops.</li>
 * </ul>
 */
final class TransactionalRuns {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalRuns.class);

    private final TransactionalProcessing transactions;
    private final Mailbox mailbox;
    private final ConsumerRunner.Settings settings;
    private final Clock clock;
    private final int maxRecords;
    private final long maxAgeNanos;

    /**
     * What becomes of the record at {@code index} once the records before it ran again: its copy {@code write}
     * written in the new run ({@code goOn}), or the record given back with {@code attempt} and {@code write} not
     * before {@code notBefore}.
     */
    private record Pending(int index, boolean goOn, Outcome.Forward write, int attempt, long notBefore) {}

    TransactionalRuns(TransactionalProcessing transactions, Mailbox mailbox, ConsumerRunner.Settings settings) {
        this.transactions = transactions;
        this.mailbox = mailbox;
        this.settings = settings;
        this.clock = settings.clock();
        this.maxRecords = transactions.maxRunRecords();
        this.maxAgeNanos = transactions.maxRunAge().toNanos();
    }

    void run(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> firstBatch, int firstAttempt,
            Outcome.Forward firstWrite) {
        List<ConsumerRecord<byte[], byte[]>> batch = firstBatch;
        int i = 0;
        int attempt = firstAttempt;
        Outcome.Forward write = firstWrite;
        Pending pending = null;
        TransactionalProcessing.Run run = null;
        boolean[] wasFull = new boolean[1];
        try {
            for (; ; i++) {
                if (pending != null && i == pending.index()) {
                    Pending p = pending;
                    pending = null;
                    if (p.goOn()) {
                        write = p.write();
                        attempt = p.attempt();
                    } else {
                        TransactionalProcessing.Run r = run;
                        run = null;
                        if (r == null || commit(task, r, batch)) {
                            giveBack(task, batch, i, p.attempt(), p.write(), p.notBefore());
                        }
                        return;
                    }
                }
                if (i == batch.size()) {
                    if (run != null) {
                        TransactionalProcessing.Run r = run;
                        run = null;
                        if (!commit(task, r, batch)) {
                            return;
                        }
                    }
                    List<ConsumerRecord<byte[], byte[]>> next = task.nextBatch(wasFull);
                    if (next == null) {
                        break;
                    }
                    batch = next;
                    i = 0;
                    if (wasFull[0]) {
                        mailbox.post(Mailbox.WAKE); // its partition is paused: let the poll thread resume it
                    }
                }
                if (task.isCancelled()) {
                    break;
                }
                if (run != null && run.isFull(maxRecords, maxAgeNanos)) {
                    TransactionalProcessing.Run r = run;
                    run = null;
                    if (!commit(task, r, batch)) {
                        return;
                    }
                }
                if (run == null) {
                    run = transactions.begin(task);
                    if (run == null) {
                        giveBack(task, batch, i, attempt, write, clock.millis() + backoff());
                        return;
                    }
                }
                ConsumerRecord<byte[], byte[]> rec = batch.get(i);
                Outcome outcome;
                boolean sent;
                if (write != null) {
                    outcome = write;
                    write = null;
                    sent = false;
                } else {
                    outcome = run.process(rec, attempt);
                    sent = run.lastAttemptSent();
                }
                Pending failed;
                if (outcome instanceof Outcome.Done) {
                    run.done(i, rec.offset());
                    attempt = 1;
                    continue;
                } else if (outcome instanceof Outcome.Forward forward) {
                    if (sent) {
                        // the failed attempt's output must not commit with its copy
                        failed = new Pending(i, true, forward, attempt, 0);
                    } else if (run.write(rec, forward)) {
                        run.done(i, rec.offset());
                        attempt = 1;
                        continue;
                    } else if (task.isCancelled()) {
                        break; // given up meanwhile (the writer stops on a fenced task)
                    } else {
                        // a failed send leaves the transaction unable to commit
                        failed = new Pending(i, false, forward, attempt, clock.millis() + backoff());
                    }
                } else if (outcome instanceof Outcome.NotDue notDue) {
                    TransactionalProcessing.Run r = run;
                    run = null;
                    if (commit(task, r, batch)) {
                        giveBack(task, batch, i, attempt, null, notDue.dueAtMillis());
                    }
                    return;
                } else if (outcome instanceof Outcome.RetryInPlace retry) {
                    if (retry.error() instanceof DeferredAttempt d && !d.storeFailure() && run.hasRecords()) {
                        // the id may be claimed by this very run (an exact duplicate after its original): commit,
                        // then try again at once; held elsewhere, the next try waits as usual
                        TransactionalProcessing.Run r = run;
                        run = null;
                        if (!commit(task, r, batch)) {
                            return;
                        }
                        attempt++;
                        i--;
                        continue;
                    }
                    long notBefore = clock.millis() + retry.backoff().toMillis();
                    if (sent) {
                        failed = new Pending(i, false, null, attempt + 1, notBefore);
                    } else {
                        TransactionalProcessing.Run r = run;
                        run = null;
                        if (commit(task, r, batch)) {
                            giveBack(task, batch, i, attempt + 1, null, notBefore);
                        }
                        return;
                    }
                } else if (outcome instanceof Outcome.Abandoned abandoned) {
                    LOG.debug("handler of {}-{}@{} abandoned: {}", rec.topic(), rec.partition(), rec.offset(),
                            String.valueOf(abandoned.cause()));
                    boolean had = run.hasRecords();
                    int from = had ? run.firstIndex() : i;
                    run.abort(abandoned.cause());
                    run = null;
                    giveBack(task, batch, from, had ? 1 : attempt, null, clock.millis() + backoff());
                    return;
                } else if (outcome instanceof Outcome.Fatal fatal) {
                    run.abort(fatal.error());
                    run = null;
                    fatal(task, rec, fatal.error());
                    return;
                } else {
                    throw new IllegalStateException("unexpected outcome " + outcome);
                }
                // abort what the run sent, then run the records before the failed one again in a new transaction
                boolean had = run.hasRecords();
                int from = had ? run.firstIndex() : i;
                run.abort(null);
                run = null;
                if (had) {
                    LOG.debug("{}-{}@{} failed after sending in the transaction of the records from index {}: they"
                            + " run again in a new one", rec.topic(), rec.partition(), rec.offset(), from);
                }
                pending = failed;
                i = from - 1;
                attempt = 1;
            }
            if (run != null) {
                TransactionalProcessing.Run r = run;
                run = null;
                if (!commit(task, r, batch)) {
                    return;
                }
            }
            giveBack(task, batch, i, attempt, write, 0);
        } catch (Throwable t) {
            if (run != null) {
                run.abort(t);
            }
            // as in BatchRunner: whatever escapes the processor is a bug or a broken JVM, the runner stops
            fatal(task, i < batch.size() ? batch.get(i) : null, t);
        }
    }

    /**
     * Commits {@code r}; {@code false} when the task must end: fenced, or the transaction aborted and its records
     * given back from the run's first (delivered again after the back-off, with a fresh attempt count).
     */
    private boolean commit(PartitionTask task, TransactionalProcessing.Run r,
            List<ConsumerRecord<byte[], byte[]>> batch) {
        boolean had = r.hasRecords();
        int from = r.firstIndex();
        long through = r.lastOffset();
        if (r.commit()) {
            return !had || task.finished(through);
        }
        giveBack(task, batch, from, 1, null, clock.millis() + backoff());
        return false;
    }

    private long backoff() {
        return settings.forwardRetryBackoff().toMillis();
    }

    private void giveBack(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> batch, int from, int attempt,
            Outcome.Forward write, long notBefore) {
        List<ConsumerRecord<byte[], byte[]>> rest = task.endHandOff(batch.subList(from, batch.size()));
        if (task.isFenced()) {
            return;
        }
        mailbox.post(new Mailbox.Ended(task, rest, attempt, write, notBefore));
    }

    private void fatal(PartitionTask task, ConsumerRecord<byte[], byte[]> rec, Throwable error) {
        LOG.error("fatal error handling {}; the consumer stops, the record is not committed",
                rec == null ? task.partition : rec.topic() + "-" + rec.partition() + "@" + rec.offset(), error);
        task.endHandOff(List.of());
        mailbox.post(new Mailbox.Fatal(task, error));
    }
}
