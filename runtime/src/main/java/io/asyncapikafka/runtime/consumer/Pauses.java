package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses partitions with records waiting in memory and resumes the others; poll thread only.
 *
 * <p>Only partitions the consumer currently holds are touched, and a partition that goes away between reading the
 * assignment and pausing it is skipped: under {@code group.protocol=consumer} the assignment is reconciled by the
 * client's background thread, so {@code pause}/{@code resume} can meet a partition that was just lost or revoked
 * and throw {@code IllegalStateException: No current assignment for partition}. That must not end the poll thread.
 */
final class Pauses {

    private static final Logger LOG = LoggerFactory.getLogger(Pauses.class);
    /** {@link #apply} result: the assignment changed while pausing; poll at once, its callbacks come with it. */
    static final int ASSIGNMENT_CHANGED = -2;

    private final Consumer<byte[], byte[]> consumer;
    private final Partitions partitions;

    Pauses(Consumer<byte[], byte[]> consumer, Partitions partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /**
     * Pauses busy partitions (all of them if {@code pauseAll}), resumes the others; returns how many assigned
     * partitions can fetch, -1 when nothing is assigned (joining, or everything revoked: a normal poll then drives
     * the group protocol), or {@link #ASSIGNMENT_CHANGED}.
     */
    int apply(boolean pauseAll) {
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : assigned) {
            PartitionState st = partitions.get(tp);
            if (pauseAll || (st != null && st.busy())) {
                pause.add(tp);
            } else {
                resume.add(tp);
            }
        }
        boolean paused = set(pause, true);
        boolean resumed = set(resume, false);
        if (!paused || !resumed) {
            return ASSIGNMENT_CHANGED;
        }
        return assigned.isEmpty() ? -1 : resume.size();
    }

    /** {@code false} if some partition was no longer assigned (the others are still set). */
    private boolean set(List<TopicPartition> tps, boolean pause) {
        if (tps.isEmpty()) {
            return true;
        }
        try {
            call(tps, pause);
            return true;
        } catch (IllegalStateException e) {
            // one of them went away meanwhile: set the rest one by one
            LOG.debug("assignment changed while {} {}: {}", pause ? "pausing" : "resuming", tps, e.toString());
        }
        for (TopicPartition tp : tps) {
            try {
                call(List.of(tp), pause);
            } catch (IllegalStateException e) {
                // no longer assigned: nothing to pause or resume
            }
        }
        return false;
    }

    private void call(List<TopicPartition> tps, boolean pause) {
        if (pause) {
            consumer.pause(tps);
        } else {
            consumer.resume(tps);
        }
    }
}
