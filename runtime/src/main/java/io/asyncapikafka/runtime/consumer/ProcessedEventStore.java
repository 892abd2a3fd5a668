package io.asyncapikafka.runtime.consumer;

/**
 * Deduplication store: which event ids (technical dedup) or business keys (functional dedup) were processed, and
 * which are being processed right now. The default ({@link InMemoryProcessedEventStore}) is per process and bounded;
 * a store shared by all instances of a service (a database table with a unique key, see the JDBC module) extends the
 * guarantee across instances and restarts.
 *
 * <h2>Protocol</h2>
 * For each record the runtime calls {@link #claim} <em>before</em> the handler runs, and afterwards exactly one of
 * {@link #complete} (the handler succeeded) or {@link #release} (it failed, the record was dead-lettered, or the
 * attempt was abandoned), with the same context and id:
 * <ul>
 *   <li>{@link ClaimResult#CLAIMED}: the id was neither processed nor claimed; it is now claimed by this attempt and
 *       the handler runs.</li>
 *   <li>{@link ClaimResult#ALREADY_PROCESSED}: {@link #complete} was called for the id (and it is not yet forgotten):
 *       for an event id the record is skipped and committed as a duplicate (if it has a business key, that key is
 *       claimed and completed first unless it is processed already: a crash between the two marks leaves it
 *       claimed); for a business key it is dead-lettered with {@link DeadLetterReason#DUPLICATE_KEY}.</li>
 *   <li>{@link ClaimResult#IN_FLIGHT}: another live attempt holds the claim (a record and its own retry copy, a
 *       re-delivery while the first delivery still runs, another instance sharing the store). Not a duplicate yet:
 *       the record is tried again later, after the retry policy's back-off, without running the handler and without
 *       using up a handler attempt.</li>
 * </ul>
 * {@code claim} must be atomic: of two concurrent claims of one id exactly one gets {@code CLAIMED} (a database store
 * inserts into a table with a unique key on the id and treats a unique-key violation as "already there", never
 * read-then-write). A claim that is never completed nor released (its process crashed) must not block the id for
 * ever: a store takes over a claim older than its <em>lease</em> (and returns {@code CLAIMED}); the lease must be
 * longer than the longest handler run, or a slow handler and a re-delivery can both run.
 *
 * <h2>Identity</h2>
 * An event id is unique per {@link DedupContext#groupId() consumer group} and {@link DedupContext#kind() kind}; a
 * business key per group, kind and {@link DedupContext#messageType() message type}. The topic, partition and offset
 * in the context are for logs and diagnostics, not part of the identity (a retry copy has another topic and offset).
 *
 * <h2>Failures</h2>
 * Any exception from a store call is a store failure, never a silent skip and never a handler failure; each one is
 * counted ({@link ConsumerMetrics#storeFailed}) and logged without a stack trace (a warning on the first failure of
 * a record, then on every tenth):
 * <ul>
 *   <li>{@code claim} throws: the handler does not run; the record is tried again in place after the retry policy's
 *       back-off, however often (a store outage never dead-letters a record, and does not use up handler attempts);
 *       nothing after it on its partition is committed meanwhile.</li>
 *   <li>{@code complete} throws after the handler succeeded: the handler is <em>not</em> run again in this process.
 *       Only {@code complete} is retried, on the handler thread, with the policy's back-off, until it succeeds; the
 *       record's offset is committed only after that. If the thread is interrupted meanwhile (the runner stops), the
 *       attempt is abandoned: the offset is not committed and the claim stays until its lease ends, after which a
 *       re-delivery runs the handler again (the one remaining window of a durable store without a transactional
 *       inbox).</li>
 *   <li>{@code release} throws: it is retried the same way (a claim left behind would hold the retry back until the
 *       lease ends).</li>
 *   <li>A store call that fails because the thread was interrupted (the runner is stopping) abandons the attempt:
 *       nothing is counted, retried or committed, and the interrupt status is kept.</li>
 * </ul>
 * {@code complete} and {@code release} may therefore be called again after an ambiguous failure (a timeout after the
 * database committed) and must be idempotent.
 *
 * <p>A store whose mark must commit together with the handler's own database work (a transactional inbox) can answer
 * {@code claim} from its table (and a lock or lease of its own), write the mark inside the handler's transaction, and
 * make {@code complete} a no-op: the runtime only needs the three answers above and idempotent settling calls.
 *
 * <h2>Batched marks</h2>
 * For a store that {@link #batchesCompletes() batches}, and for every record run inside a
 * {@link RecordBatch.Participant participant}'s transaction (a transactional inbox), the broker loop defers the
 * {@code complete} calls of a run of records a handler thread finished on one partition and makes them in one
 * {@link #completeAll} call per store before any of those offsets counts as finished (after at most
 * {@value RecordBatch#MAX_RECORDS} records or {@value RecordBatch#MAX_AGE_MILLIS} ms, and before a dead letter, a retry
 * or the end of the run). Until then the ids stay claimed: a second delivery of one meanwhile is {@code IN_FLIGHT}.
 *
 * <p>Called from handler threads concurrently; implementations must be thread-safe.
 */
public interface ProcessedEventStore {

    /**
     * Claims {@code id} for the attempt described by {@code context}: atomically, {@link ClaimResult#CLAIMED} if it
     * was neither processed nor claimed by a live attempt.
     */
    ClaimResult claim(DedupContext context, String id);

    /** Marks a claimed {@code id} processed: later claims return {@link ClaimResult#ALREADY_PROCESSED}. Idempotent. */
    void complete(DedupContext context, String id);

    /** Gives a claim of {@code id} up without marking it processed, so a later attempt can claim it. Idempotent. */
    void release(DedupContext context, String id);

    /**
     * Whether the broker loop gathers this store's {@code complete} calls into {@link #completeAll} batches: worth it
     * for a store with a round trip per call (a database). {@code false} (the default): each record is completed as
     * soon as its handler returned, and counts as finished at once.
     */
    default boolean batchesCompletes() {
        return false;
    }

    /**
     * Marks several claimed ids processed at once: the ids of the records a handler thread finished in one run of a
     * partition ({@link RecordBatch}), in offset order. The default calls {@link #complete} for each; a database
     * store overrides it with one batched statement in one transaction. Same failure rules as {@link #complete}: if
     * it throws, the whole call is retried with the policy's back-off (never the handlers), so it must be idempotent
     * and may be called again for ids a failed call already marked. None of the records' offsets is committed before
     * it returned.
     */
    default void completeAll(java.util.List<ClaimedId> claims) {
        for (ClaimedId c : claims) {
            complete(c.context(), c.id());
        }
    }
}
