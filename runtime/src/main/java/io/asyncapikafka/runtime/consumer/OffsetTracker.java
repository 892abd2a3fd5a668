package io.asyncapikafka.runtime.consumer;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Offsets of one partition: which delivered records are still unfinished, and so which offset is safe to commit —
 * the lowest unfinished offset, or the last finished + 1 when none is pending. Gaps in offsets (compaction,
 * transaction markers) are fine: only delivered offsets count. A commit never goes below an earlier one.
 * Not thread-safe: owned by the poll thread.
 */
final class OffsetTracker {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long highestFinished = -1;
    private long committed = -1;

    /** A delivered record that must finish before the commit moves past it. */
    void delivered(long offset) {
        unfinished.add(offset);
    }

    /** A record finished: processed, skipped as duplicate, or dead-lettered (DLQ write acknowledged). */
    void finished(long offset) {
        if (unfinished.remove(offset)) {
            highestFinished = Math.max(highestFinished, offset);
        }
    }

    /** The offset to commit now, if it moved beyond the last {@link #committed(long)}. */
    OptionalLong toCommit() {
        if (highestFinished < 0) {
            return OptionalLong.empty();
        }
        long next = unfinished.isEmpty() ? highestFinished + 1 : Math.min(unfinished.first(), highestFinished + 1);
        return next > committed ? OptionalLong.of(next) : OptionalLong.empty();
    }

    /** Records a successful commit of {@code offset}. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    long lastCommitted() {
        return committed;
    }
}
