package io.asyncapikafka.runtime.consumer;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Offsets of one partition: which delivered records are still unfinished, and so which offset is safe to commit —
 * the offset after the last record up to which every delivered record finished. Gaps in offsets (compaction,
 * transaction markers) are fine: only delivered offsets count. A commit never goes below an earlier one.
 * Not thread-safe: owned by the poll thread.
 *
 * <p>Records of a partition are handled in offset order, so they normally finish in delivery order: the unfinished
 * offsets are kept in an ascending ring of primitives and finishing pops its head ({@link #finishedThrough(long)}
 * covers a whole run at once), with no boxing or tree nodes per record. A record reported finished ahead of an
 * earlier unfinished one ({@link #finished(long)} out of order) is parked in a small sorted set, created only then,
 * until the records before it finish.
 */
final class OffsetTracker {

    /** Delivered, unfinished offsets in ascending order: {@code ring[(head + i) & (ring.length - 1)]}. */
    private long[] ring = new long[64];
    private int head;
    private int size;
    private long lastDelivered = -1;
    /** Every delivered offset up to and including this one finished; -1 before the first. */
    private long contiguousFinished = -1;
    private long committed = -1;
    /** Offsets in the ring reported finished while an earlier one is not; {@code null} until that first happens. */
    private TreeSet<Long> finishedAhead;

    /** A delivered record that must finish before the commit moves past it. Offsets arrive ascending. */
    void delivered(long offset) {
        if (offset <= lastDelivered) {
            return; // already tracked, or finished: counting it twice could hold the commit back forever
        }
        if (size == ring.length) {
            grow();
        }
        ring[(head + size) & (ring.length - 1)] = offset;
        size++;
        lastDelivered = offset;
    }

    /** A record finished: processed, skipped as duplicate, or dead-lettered (DLQ write acknowledged). Any order. */
    void finished(long offset) {
        if (size == 0 || offset < first()) {
            return; // not delivered, or already finished: a late duplicate report changes nothing
        }
        if (offset == first()) {
            popFirst();
            while (finishedAhead != null && size > 0 && finishedAhead.remove(first())) {
                popFirst();
            }
        } else if (isUnfinished(offset)) {
            if (finishedAhead == null) {
                finishedAhead = new TreeSet<>();
            }
            finishedAhead.add(offset);
        }
    }

    /** Every delivered record up to and including {@code offset} finished (one report for a run in offset order). */
    void finishedThrough(long offset) {
        while (size > 0 && first() <= offset) {
            long popped = popFirst();
            if (finishedAhead != null) {
                finishedAhead.remove(popped);
            }
        }
        while (finishedAhead != null && size > 0 && finishedAhead.remove(first())) {
            popFirst();
        }
    }

    /** The offset to commit now, if it moved beyond the last {@link #committed(long)}. */
    OptionalLong toCommit() {
        return hasUncommitted() ? OptionalLong.of(contiguousFinished + 1) : OptionalLong.empty();
    }

    /** Whether {@link #toCommit()} has a value; allocation-free, for the poll loop's every iteration. */
    boolean hasUncommitted() {
        return contiguousFinished >= 0 && contiguousFinished + 1 > committed;
    }

    /** Records a successful commit of {@code offset}. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    long lastCommitted() {
        return committed;
    }

    /** Delivered records not finished yet. */
    int unfinishedCount() {
        return size - (finishedAhead == null ? 0 : finishedAhead.size());
    }

    private long first() {
        return ring[head];
    }

    private long popFirst() {
        long offset = ring[head];
        head = (head + 1) & (ring.length - 1);
        size--;
        contiguousFinished = offset;
        return offset;
    }

    private boolean isUnfinished(long offset) {
        // the ring is ascending: binary search over its logical positions
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = ring[(head + mid) & (ring.length - 1)];
            if (v < offset) {
                lo = mid + 1;
            } else if (v > offset) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        // capacity stays a power of two so positions wrap with a mask
        long[] bigger = new long[ring.length * 2];
        int firstPart = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, firstPart);
        System.arraycopy(ring, 0, bigger, firstPart, size - firstPart);
        ring = bigger;
        head = 0;
    }
}
