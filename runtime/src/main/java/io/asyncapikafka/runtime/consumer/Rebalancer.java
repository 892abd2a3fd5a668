package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.TopicPartition;

/**
 * The rebalance callbacks; they run on the poll thread inside {@code poll} (and inside {@code close}).
 *
 * <p>Revoked: the tasks on the revoked partitions are asked to stop after their record in progress, and the callback
 * waits for them — only for tasks in flight, and at most the revoke timeout, which the builder keeps well below
 * {@code max.poll.interval.ms} — so that finished work is committed now instead of handled again by the next owner.
 * Then every such task is fenced (a task that outlived the wait no longer counts: no commit, no dead letter, no
 * retry copy from it), what finished is committed, and the partitions are forgotten. A partition that comes back
 * while its fenced task still runs gets no new task until that one has left (see {@link Partitions#mayStart}).
 * Lost: fenced and forgotten without a commit, since another member may own them already. After a halt: fenced and
 * forgotten, nothing committed.
 */
final class Rebalancer implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(Rebalancer.class);

    private final ConsumerRunner.Settings settings;
    private final Partitions partitions;
    private final Dispatcher dispatcher;
    private final Committer committer;
    private final ConsumerMetrics metrics;
    private final SharedAssignment assignmentView;
    private final LoopControl control;

    Rebalancer(ConsumerRunner.Settings settings, Partitions partitions, Dispatcher dispatcher, Committer committer,
            SharedAssignment assignmentView, LoopControl control) {
        this.settings = settings;
        this.partitions = partitions;
        this.dispatcher = dispatcher;
        this.committer = committer;
        this.metrics = settings.metrics();
        this.assignmentView = assignmentView;
        this.control = control;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        for (TopicPartition tp : assigned) {
            partitions.getOrCreate(tp);
        }
        assignmentView.add(assigned);
        if (!assigned.isEmpty()) {
            LOG.info("consumer {} assigned {}", settings.clientId(), assigned);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        if (revoked.isEmpty()) {
            return;
        }
        assignmentView.remove(revoked);
        if (control.halted()) {
            partitions.remove(revoked);
            return;
        }
        metrics.revoked(revoked.size());
        List<PartitionTask> running = new ArrayList<>();
        for (TopicPartition tp : revoked) {
            PartitionState st = partitions.get(tp);
            if (st != null && st.task() != null) {
                st.task().cancel();
                running.add(st.task());
            }
        }
        long deadline = System.nanoTime() + settings.revokeTimeout().toNanos();
        for (PartitionTask task : running) {
            await(task, deadline);
        }
        dispatcher.drainReports();
        for (TopicPartition tp : revoked) {
            partitions.fence(tp);
        }
        committer.commit(revoked);
        partitions.remove(revoked);
        LOG.info("consumer {} revoked {}", settings.clientId(), revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        assignmentView.remove(lost);
        metrics.lost(lost.size());
        // Never commit lost partitions: another member may own them already.
        partitions.remove(lost);
        LOG.warn("consumer {} lost {}; their unfinished records will be re-delivered", settings.clientId(), lost);
    }

    private void await(PartitionTask task, long deadlineNanos) {
        try {
            task.future().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("record in progress on {} did not finish within the revoke timeout ({}); it is fenced and will be "
                    + "delivered again", task.partition, fmt(settings.revokeTimeout()));
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // BatchRunner handles its own failures; nothing to add
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String fmt(Duration d) {
        return d.toMillis() + " ms";
    }
}
