package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka transaction a handler thread is handling records in (a run of one partition's records, see
 * {@link TransactionalRuns}), for the sends of {@link TransactionalSends} and the deferred dedup marks of
 * {@link TransactionalMarks}. Bound to the handler thread by {@link TransactionalProcessing} while a record's
 * processing runs, and only then; used by that thread only.
 */
final class RecordTransaction {

    private static final ThreadLocal<RecordTransaction> CURRENT = new ThreadLocal<>();

    final Producer<byte[], byte[]> producer;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> afterAbort = new ArrayList<>();
    /** Sends made in this transaction so far; tells whether a failed attempt left output in it. */
    private int sends;

    RecordTransaction(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** The transaction of the record this thread is handling, or {@code null}. */
    static RecordTransaction current() {
        return CURRENT.get();
    }

    void bind() {
        CURRENT.set(this);
    }

    static void unbind() {
        CURRENT.remove();
    }

    /** A handler sent a record in this transaction. */
    void sent() {
        sends++;
    }

    int sends() {
        return sends;
    }

    /** Runs {@code onCommit} once the transaction committed, {@code onAbort} if it aborted. */
    void settleWith(Runnable onCommit, Runnable onAbort) {
        afterCommit.add(onCommit);
        afterAbort.add(onAbort);
    }

    List<Runnable> afterCommit() {
        return afterCommit;
    }

    List<Runnable> afterAbort() {
        return afterAbort;
    }
}
