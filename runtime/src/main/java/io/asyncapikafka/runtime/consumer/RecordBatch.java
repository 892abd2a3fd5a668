package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a handler thread finished on one partition since they were last settled: the broker loop runs a
 * partition's records one after another on one thread, and settles them together — their dedup marks in one
 * {@link ProcessedEventStore#completeAll} call per store, and the commit of every {@link Participant} enlisted
 * meanwhile (a transactional inbox keeps one database transaction open over the run and commits it here) — before any
 * of their offsets counts as finished. So a crash at any instant leaves each record either settled or to be delivered
 * again, as with one settlement per record, at a fraction of the round trips.
 *
 * <p>Only what needs it is deferred: records whose claims are in a store that {@link
 * ProcessedEventStore#batchesCompletes() batches its marks}, or that ran while a participant is enlisted; any other
 * record is completed and counts as finished at once, as without batches. A batch is settled after at most
 * {@value #MAX_RECORDS} records, before the next handler call once its first record is {@value #MAX_AGE_MILLIS} ms
 * old (so a slow handler holds back the records before it for at most its own run), and always before a record of the partition goes to the dead-letter or retry topic, waits for a retry, before the
 * partition's run ends or is given up, and before a record whose id is claimed (perhaps by this very batch: an exact
 * duplicate a few records after its original) is tried again.
 *
 * <p>When settling fails:
 * <ul>
 *   <li>a participant's {@code commit} throws: the participants after it are rolled back, the records' dedup claims
 *       released, the failure counted ({@link ConsumerMetrics#storeFailed}), and every record of the batch runs again
 *       after a back-off, in offset order, one at a time (each settled on its own) up to the batch's last offset. The
 *       failure of a batch of several records uses up no attempt of any of them; that of a record settled alone is
 *       its failed attempt, counted and followed by the retry policy as a handler failure is (in place, retry
 *       topic, dead letter), so a record that makes every commit fail cannot hold its partition back for ever. A
 *       participant may only hold what its rollback undoes (a database
 *       transaction); what a handler did outside it happens again. With several participants, one that committed
 *       before another failed sees its records again and must recognise them (the inbox does, by its marks).</li>
 *   <li>marking the ids processed fails: retried with the retry policy's back-off until it succeeds, never by
 *       running the handlers again (the rule of {@link ProcessedEventStore#complete}); interrupted meanwhile, the
 *       records are abandoned: not committed, their claims left to the store's lease.</li>
 * </ul>
 * Outside the broker loop (the {@link HandlerDriver}) there is no batch: {@link #current()} is {@code null} and each
 * record is settled on its own. Owned by one handler thread; not thread-safe.
 */
public final class RecordBatch {

    /** Records after which a batch is settled. */
    public static final int MAX_RECORDS = 64; // PostgreSQL caches 64 subtransactions (savepoints) per transaction

    /** Milliseconds after its first record at which a batch is settled (it holds marks and database locks). */
    public static final long MAX_AGE_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(RecordBatch.class);
    private static final ThreadLocal<RecordBatch> CURRENT = new ThreadLocal<>();

    /** Work that commits with the batch, enlisted during a handler call ({@link #enlist}). */
    public interface Participant {

        /** Makes the batch's work durable; throwing means none of it happened (the records run again). */
        void commit() throws Exception;

        /** Undoes the batch's work (the batch is dropped, or another participant's commit failed). */
        void rollback();
    }

    /** How settling ended. */
    enum Settled {
        /** Nothing was pending. */
        NOTHING,
        /** Every record up to {@link #lastOffset()} is finished. */
        SETTLED,
        /** A participant failed: nothing of the batch counts; its records run again from {@link #firstIndex()}. */
        FAILED,
        /** Interrupted: nothing of the batch counts and nothing is counted as a failure. */
        ABANDONED
    }

    private final ConsumerMetrics metrics;
    private final TopicPartition partition;
    private final List<DedupClaims> claims = new ArrayList<>();
    private final List<Participant> participants = new ArrayList<>();
    private int count;
    private int firstIndex;
    private long lastOffset = -1;
    private long startedNanos;
    /** The handler attempt in its delivery of the record that succeeded last ({@link #handled}); 0 after settling. */
    private int handlerAttempt;
    /** Why the last participant commit failed ({@link Settled#FAILED}). */
    private Throwable failure;

    private RecordBatch(ConsumerMetrics metrics, TopicPartition partition) {
        this.metrics = metrics;
        this.partition = partition;
    }

    /**
     * The batch the calling handler thread is running in, or {@code null} when each record is settled on its own (the
     * caller then commits its own work per record).
     */
    public static RecordBatch current() {
        return CURRENT.get();
    }

    /** Adds {@code participant}, to be committed when the batch is settled (once per batch; the caller tracks that). */
    public void enlist(Participant participant) {
        participants.add(Objects.requireNonNull(participant, "participant"));
    }

    /** Handler thread, as a partition's run begins: the thread's batch until {@link #close()}. */
    static RecordBatch open(ConsumerMetrics metrics, TopicPartition partition) {
        RecordBatch batch = new RecordBatch(metrics, partition);
        CURRENT.set(batch);
        return batch;
    }

    /** As the run ends: drops what was not settled (a bug or a fatal error got here) and leaves the thread. */
    void close() {
        try {
            discard();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * The claims of a record whose handler succeeded, to be completed when the batch is settled: {@code false} when
     * they are better completed at once (no participant is enlisted, and neither store batches its marks).
     */
    boolean defer(DedupClaims recordClaims) {
        if (!recordClaims.eventClaimed && !recordClaims.keyClaimed) {
            return true; // nothing to complete
        }
        boolean batched = !participants.isEmpty() || !claims.isEmpty()
                || (recordClaims.eventClaimed && recordClaims.eventStore().batchesCompletes())
                || (recordClaims.keyClaimed && recordClaims.businessKeyStore().batchesCompletes());
        if (batched) {
            claims.add(recordClaims);
        }
        return batched;
    }

    /**
     * The processor, as a record's handler succeeded in this batch: its attempt in this delivery, counting handler
     * calls only (not the tries a failing store or a claim held elsewhere deferred), for {@link #handlerAttempt()}.
     */
    void handled(int handlerAttemptInDelivery) {
        handlerAttempt = handlerAttemptInDelivery;
    }

    /** What {@link #handled} last said since the batch was last settled, or 0. */
    int handlerAttempt() {
        return handlerAttempt;
    }

    /** The exception of the participant commit that made the last {@link #settle()} return {@link Settled#FAILED}. */
    Throwable failure() {
        return failure;
    }

    /** Records finished and waiting to be settled. */
    int records() {
        return count;
    }

    /** Record {@code index} of the current list (offset {@code offset}) finished; it counts once settled. */
    void done(int index, long offset) {
        if (count == 0) {
            firstIndex = index;
            startedNanos = System.nanoTime();
        }
        count++;
        lastOffset = offset;
    }

    /** Whether to settle now: nothing deferred (only offsets, nothing to wait for), or the batch is full or old. */
    boolean isDue() {
        return (claims.isEmpty() && participants.isEmpty()) || count >= MAX_RECORDS
                || System.nanoTime() - startedNanos >= MAX_AGE_MILLIS * 1_000_000;
    }

    /** Whether records wait to be settled for longer than {@value #MAX_AGE_MILLIS} ms (checked before a handler runs). */
    boolean isOld() {
        return count > 0 && System.nanoTime() - startedNanos >= MAX_AGE_MILLIS * 1_000_000;
    }

    /** Whether finished records wait to be settled. */
    boolean hasRecords() {
        return count > 0;
    }

    boolean holdsClaims() {
        return !claims.isEmpty();
    }

    int firstIndex() {
        return firstIndex;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** Commits the participants, then completes the claims; see the class comment for the failures. */
    Settled settle() {
        if (count == 0 && claims.isEmpty() && participants.isEmpty()) {
            return Settled.NOTHING;
        }
        try {
            if (!commitParticipants()) {
                return Settled.ABANDONED;
            }
        } catch (ParticipantFailed e) {
            return e.released ? Settled.FAILED : Settled.ABANDONED;
        }
        if (!completeClaims()) {
            reset();
            return Settled.ABANDONED;
        }
        if (count == 0) {
            reset();
            return Settled.NOTHING;
        }
        count = 0;
        handlerAttempt = 0;
        return Settled.SETTLED;
    }

    /** Rolls the participants back and releases the claims, once each, as when a run ends without settling. */
    void discard() {
        for (Participant p : participants) {
            rollbackQuietly(p);
        }
        participants.clear();
        for (DedupClaims c : claims) {
            c.releaseOnce();
        }
        reset();
    }

    private boolean commitParticipants() throws ParticipantFailed {
        // finished records are committed also when the run was interrupted (it stops after them); a database driver
        // may refuse to work on an interrupted thread, so the flag is cleared meanwhile and set again afterwards
        boolean interrupted = Thread.interrupted();
        try {
            for (int k = 0; k < participants.size(); k++) {
                try {
                    participants.get(k).commit();
                } catch (Throwable e) {
                    if (Failures.isFatal(e)) {
                        throw (Error) e;
                    }
                    for (Participant rest : participants.subList(k + 1, participants.size())) {
                        rollbackQuietly(rest);
                    }
                    participants.clear();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                        interrupted = false;
                    }
                    boolean released = true;
                    for (DedupClaims c : claims) {
                        released &= c.releaseAll();
                    }
                    if (!Failures.isInterrupt(e)) {
                        metrics.storeFailed(partition);
                        LOG.warn("committing the {} records of {} finished through offset {} failed; they run again"
                                + " after a back-off: {}", count, partition, lastOffset, e.toString());
                    }
                    reset();
                    failure = e;
                    throw new ParticipantFailed(released && !Failures.isInterrupt(e));
                }
            }
            participants.clear();
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean completeClaims() {
        if (claims.isEmpty()) {
            return true;
        }
        DedupClaims any = claims.get(0);
        List<ClaimedId> events = new ArrayList<>(claims.size());
        List<ClaimedId> keys = new ArrayList<>();
        for (DedupClaims c : claims) {
            if (c.eventClaimed) {
                events.add(new ClaimedId(c.eventContext(), c.eventId()));
            }
            if (c.keyClaimed) {
                keys.add(new ClaimedId(c.keyContext(), c.businessKey()));
            }
        }
        if (!events.isEmpty() && !any.settle("marking " + events.size() + " event ids processed",
                () -> any.eventStore().completeAll(events))) {
            return false;
        }
        claims.forEach(c -> c.eventClaimed = false);
        if (!keys.isEmpty() && !any.settle("marking " + keys.size() + " business keys processed",
                () -> any.businessKeyStore().completeAll(keys))) {
            return false;
        }
        claims.clear();
        return true;
    }

    private void reset() {
        claims.clear();
        participants.clear();
        count = 0;
        firstIndex = 0;
        lastOffset = -1;
        handlerAttempt = 0;
    }

    private static void rollbackQuietly(Participant p) {
        try {
            p.rollback();
        } catch (RuntimeException e) {
            LOG.warn("rolling back {} failed: {}", p, e.toString());
        }
    }

    /** A participant's commit failed; {@code released}: the claims were given up (not interrupted meanwhile). */
    private static final class ParticipantFailed extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean released;

        ParticipantFailed(boolean released) {
            super(null, null, false, false);
            this.released = released;
        }
    }
}
