package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The poll-thread side of handing records to handler threads: takes polled records in (straight to a running task
 * when one takes them), starts one {@link PartitionTask} per partition at a time, and acts on the tasks' reports.
 * Poll thread only.
 */
final class Dispatcher {

    static final long ABANDONED_RECHECK_MILLIS = 10;

    private final Partitions partitions;
    private final BatchRunner runner;
    private final ExecutorService workers;
    private final Mailbox mailbox;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    private final Consumer<Throwable> onFatal;
    private long epochs;
    private final int handOffRecords = PartitionTask.configuredHandOffRecords();

    Dispatcher(Partitions partitions, BatchRunner runner, ExecutorService workers, Mailbox mailbox,
            ConsumerRunner.Settings settings, Consumer<Throwable> onFatal) {
        this.partitions = partitions;
        this.runner = runner;
        this.workers = workers;
        this.mailbox = mailbox;
        this.metrics = settings.metrics();
        this.clock = settings.clock();
        this.onFatal = onFatal;
    }

    void accept(ConsumerRecords<byte[], byte[]> polled) {
        for (TopicPartition tp : polled.partitions()) {
            PartitionState st = partitions.getOrCreate(tp);
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
            for (ConsumerRecord<byte[], byte[]> rec : records) {
                st.offsets.delivered(rec.offset());
                metrics.received(tp);
            }
            // A running batch continues with these on its thread, without a round trip through this loop; records
            // already waiting here go first, so then they wait too.
            if (!st.pending.isEmpty() || st.task() == null || !st.task().handOff(records)) {
                st.pending.addAll(records);
            }
        }
    }

    /** Starts a task on every partition with records due and none running. */
    void dispatch() {
        long now = clock.millis();
        for (PartitionState st : partitions.all()) {
            if (!st.inFlight() && !st.pending.isEmpty() && now >= st.notBefore && partitions.mayStart(st.partition)) {
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(st.pending);
                st.pending.clear();
                int attempt = st.headAttempt;
                Outcome.Forward write = st.headWrite;
                st.headAttempt = 1;
                st.headWrite = null;
                PartitionTask task = new PartitionTask(st.partition, ++epochs, handOffRecords);
                st.dispatched(task);
                task.started(workers.submit(() -> runner.run(task, batch, attempt, write)));
            }
        }
    }

    /** Acts on every report handler threads queued. */
    void drainReports() {
        Mailbox.Report r;
        while ((r = mailbox.take()) != null) {
            if (r instanceof Mailbox.Ended ended) {
                ended(ended);
            } else if (r instanceof Mailbox.Fatal fatal) {
                PartitionState st = partitions.get(fatal.task().partition);
                if (st != null && st.task() == fatal.task()) {
                    st.taskEnded();
                }
                onFatal.accept(fatal.error());
            }
        }
    }

    private void ended(Mailbox.Ended e) {
        PartitionState st = partitions.get(e.task().partition);
        if (st == null || st.task() != e.task()) {
            return; // a fenced task (revoked, lost or shut down meanwhile): the new owner starts from the commit
        }
        st.taskEnded();
        List<ConsumerRecord<byte[], byte[]>> rest = e.rest();
        for (int j = rest.size() - 1; j >= 0; j--) {
            st.pending.addFirst(rest.get(j));
        }
        st.headAttempt = rest.isEmpty() ? 1 : e.attempt();
        st.headWrite = rest.isEmpty() ? null : e.write();
        st.notBefore = e.notBefore();
    }

    /**
     * Earliest wall-clock time a waiting partition becomes due, or {@code Long.MAX_VALUE}; a partition waiting for a
     * fenced task to leave is looked at again every {@link #ABANDONED_RECHECK_MILLIS}.
     */
    long nextDue() {
        long at = Long.MAX_VALUE;
        for (PartitionState st : partitions.all()) {
            if (!st.inFlight() && !st.pending.isEmpty()) {
                at = Math.min(at, partitions.mayStart(st.partition) ? st.notBefore
                        : clock.millis() + ABANDONED_RECHECK_MILLIS);
            }
        }
        return at;
    }

    boolean anyInFlight() {
        for (PartitionState st : partitions.all()) {
            if (st.inFlight()) {
                return true;
            }
        }
        return false;
    }
}
