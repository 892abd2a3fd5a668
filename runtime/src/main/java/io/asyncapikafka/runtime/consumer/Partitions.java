package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions one consumer thread holds, and the tasks it gave up on that still run. Owned by the poll thread.
 *
 * <p>The rule that a partition is never handled by two threads lives here: when a partition is revoked, lost or shut
 * down while its task still runs, the task is fenced (nothing it does afterwards counts, see {@link PartitionTask})
 * and kept in {@link #abandoned} until its handler thread leaves it; if the partition comes back to this consumer
 * meanwhile, {@link #mayStart} keeps a new task from starting on it until then.
 */
final class Partitions {

    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private final Map<TopicPartition, PartitionTask> abandoned = new HashMap<>();

    PartitionState get(TopicPartition tp) {
        return states.get(tp);
    }

    PartitionState getOrCreate(TopicPartition tp) {
        PartitionState st = states.get(tp);
        if (st == null) {
            st = new PartitionState(tp);
            states.put(tp, st);
        }
        return st;
    }

    Collection<PartitionState> all() {
        return states.values();
    }

    List<TopicPartition> held() {
        return new ArrayList<>(states.keySet());
    }

    /** Whether a new task may start on {@code tp}: no fenced task of an earlier assignment still runs on it. */
    boolean mayStart(TopicPartition tp) {
        if (abandoned.isEmpty()) {
            return true;
        }
        PartitionTask old = abandoned.get(tp);
        if (old == null) {
            return true;
        }
        if (old.isRunning()) {
            return false;
        }
        abandoned.remove(tp);
        return true;
    }

    /**
     * Fences the task on {@code tp}, if any (its progress before the fence is kept; the state stays), and interrupts
     * its handler if it still runs: its work no longer counts, and stopping it soon shortens the time the record is
     * handled here and by the partition's next owner at once.
     */
    void fence(TopicPartition tp) {
        PartitionState st = states.get(tp);
        if (st != null) {
            PartitionTask left = st.fenceTask();
            if (left != null) {
                abandoned.put(tp, left);
                left.interrupt();
            }
        }
    }

    void fenceAll() {
        for (TopicPartition tp : held()) {
            fence(tp);
        }
    }

    /** Fences and forgets {@code partitions}. */
    void remove(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            fence(tp);
            states.remove(tp);
        }
    }

    void clear() {
        remove(held());
    }

    /** Whether any handler thread is still inside a task of this consumer, fenced or not. */
    boolean anyTaskRunning() {
        for (PartitionState st : states.values()) {
            if (st.task() != null && st.task().isRunning()) {
                return true;
            }
        }
        for (Iterator<PartitionTask> it = abandoned.values().iterator(); it.hasNext(); ) {
            if (it.next().isRunning()) {
                return true;
            }
            it.remove();
        }
        return false;
    }

    /** Partitions with a fenced task still running, for logs. */
    Set<TopicPartition> abandonedPartitions() {
        return Set.copyOf(abandoned.keySet());
    }
}
