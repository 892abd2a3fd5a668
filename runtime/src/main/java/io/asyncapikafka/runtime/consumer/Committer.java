package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits, poll thread only. What may be committed for a partition is decided by its {@link OffsetTracker}: the
 * offset after the last record up to which every delivered record finished, where finished is reported by a task that
 * was not fenced ({@link PartitionTask#finished}). Periodic commits cover only partitions the consumer still holds;
 * a commit on revocation covers the revoked ones; lost partitions are never committed (see {@link Rebalancer}).
 * A failed commit is logged and its offsets go with the next one (or are delivered again): it never ends the loop.
 */
final class Committer {

    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Partitions partitions;
    private final ConsumerRunner.Settings settings;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    private long lastCommitAt;
    /** Exactly-once: offsets are committed in each record's transaction, never here (see below). */
    private final boolean inTransactions;

    Committer(Consumer<byte[], byte[]> consumer, Partitions partitions, ConsumerRunner.Settings settings) {
        this(consumer, partitions, settings, false);
    }

    Committer(Consumer<byte[], byte[]> consumer, Partitions partitions, ConsumerRunner.Settings settings,
            boolean inTransactions) {
        this.inTransactions = inTransactions;
        this.consumer = consumer;
        this.partitions = partitions;
        this.settings = settings;
        this.metrics = settings.metrics();
        this.clock = settings.clock();
    }

    /** Wall-clock millis of the next periodic commit. */
    long nextCommitAt() {
        return lastCommitAt + settings.commitInterval().toMillis();
    }

    /** Whether finished work waits for a commit. */
    boolean hasUncommitted() {
        for (PartitionState st : partitions.all()) {
            if (st.offsets.hasUncommitted()) {
                return true;
            }
        }
        return false;
    }

    /** The periodic commit of every held partition, with the lag report, once per commit interval. */
    void maybeCommit() {
        long now = clock.millis();
        if (now < nextCommitAt()) {
            return;
        }
        lastCommitAt = now;
        Set<TopicPartition> assigned = consumer.assignment();
        commit(partitions.held().stream().filter(assigned::contains).toList());
        for (TopicPartition tp : assigned) {
            try {
                // the client's lag counts from its position, which runs ahead of the handlers by what waits in the
                // partition's hand-off: those records are not processed either
                PartitionState st = partitions.get(tp);
                if (st == null) {
                    // not held here: just revoked or lost (under the consumer protocol the client's assignment
                    // changes after the callback), so another member reports its lag; reporting it would bring
                    // back the gauge that left with it
                    continue;
                }
                long waiting = st.offsets.unfinishedCount();
                consumer.currentLag(tp).ifPresent(lag -> metrics.lag(tp, lag + waiting));
            } catch (IllegalStateException e) {
                // unassigned meanwhile (the consumer protocol reconciles in the background): no lag to report
            }
        }
    }

    /** Synchronously commits what finished on {@code tps}; {@code false} if the commit failed. */
    boolean commit(Collection<TopicPartition> tps) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : tps) {
            PartitionState st = partitions.get(tp);
            if (st != null) {
                st.takeProgress();
                st.offsets.toCommit().ifPresent(o -> offsets.put(tp, new OffsetAndMetadata(o)));
            }
        }
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            if (!inTransactions) {
                // with exactly-once the record's transaction committed this offset already; committing it again here
                // could race a later transaction and move the group's offset back
                consumer.commitSync(offsets, settings.commitTimeout());
            }
        } catch (KafkaException e) {
            // not committed (rebalance, fenced member, coordinator moving, unassigned meanwhile): the offsets stay
            // pending and go with the next commit, or are delivered again to the next owner
            LOG.info("commit of {} failed, will retry: {}", offsets, e.toString());
            return false;
        }
        offsets.forEach((tp, o) -> {
            PartitionState st = partitions.get(tp);
            if (st != null) {
                st.offsets.committed(o.offset());
            }
        });
        LOG.debug("committed {}", offsets);
        return true;
    }
}
