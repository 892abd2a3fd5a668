package io.asyncapikafka.runtime.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedup store seen through an exactly-once runner: {@link #complete} of a record handled inside a transaction waits
 * for the transaction's end, marking the id processed after the commit and releasing the claim after an abort, so an
 * aborted record's redelivery runs its handler again instead of being skipped as a duplicate. The claim stays held
 * meanwhile (another delivery of the id waits, as for any claim in flight).
 */
final class TransactionalMarks implements ProcessedEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalMarks.class);

    private final ProcessedEventStore store;

    private TransactionalMarks(ProcessedEventStore store) {
        this.store = store;
    }

    static ProcessedEventStore wrap(ProcessedEventStore store) {
        return store instanceof TransactionalMarks ? store : new TransactionalMarks(store);
    }

    @Override
    public ClaimResult claim(DedupContext context, String id) {
        return store.claim(context, id);
    }

    @Override
    public void complete(DedupContext context, String id) {
        RecordTransaction txn = RecordTransaction.current();
        if (txn == null) {
            store.complete(context, id);
            return;
        }
        txn.settleWith(() -> settle("marking " + id + " processed", () -> store.complete(context, id)),
                () -> settle("releasing " + id, () -> store.release(context, id)));
    }

    @Override
    public void release(DedupContext context, String id) {
        store.release(context, id);
    }

    /** After the transaction ended; a store failure here leaves the claim to the store's lease. */
    private static void settle(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{} after the transaction ended failed; the claim expires with the store's lease: {}", what,
                    e.toString());
        }
    }
}
