package io.asyncapikafka.runtime.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer thread's part of its runner's assignment view ({@link ConsumerRunner#assignment()}): the thread adds
 * and removes only its own partitions, so one thread ending does not hide the partitions of the others. Poll thread
 * only; the view itself is thread-safe.
 */
final class SharedAssignment {

    private final Set<TopicPartition> view;
    private final Set<TopicPartition> mine = new HashSet<>();
    /** Told of every partition that leaves this thread, so per-partition gauges (lag) stop with it. */
    private final ConsumerMetrics metrics;

    SharedAssignment(Set<TopicPartition> view, ConsumerMetrics metrics) {
        this.view = view;
        this.metrics = metrics;
    }

    void add(Collection<TopicPartition> partitions) {
        mine.addAll(partitions);
        view.addAll(partitions);
    }

    /** Revoked or lost. */
    void remove(Collection<TopicPartition> partitions) {
        mine.removeAll(partitions);
        view.removeAll(partitions);
        metrics.unassigned(partitions);
    }

    /** This thread holds nothing any more. */
    void clear() {
        view.removeAll(mine);
        if (!mine.isEmpty()) {
            metrics.unassigned(Set.copyOf(mine));
        }
        mine.clear();
    }
}
