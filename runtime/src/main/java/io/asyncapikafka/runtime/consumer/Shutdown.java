package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a consumer thread ends; poll thread only.
 *
 * <p>Graceful ({@code close()}, a fatal error, a failure of the poll thread): every task is asked to stop after its
 * record in progress; the loop keeps polling with everything paused, so the member stays in the group, until they
 * finished or {@code shutdownTimeout} passed; then — separately, so a failing poll never skips it — what finished is
 * committed. Tasks still running are then fenced before their threads are interrupted, so nothing an interrupted
 * handler does counts: its record is neither committed nor dead-lettered, and is delivered again to the next owner.
 * Halt: every task is fenced at once, handler threads are interrupted, nothing more is committed.
 */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final ConsumerRunner.Settings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final Partitions partitions;
    private final Dispatcher dispatcher;
    private final Pauses pauses;
    private final Committer committer;
    private final Mailbox mailbox;
    private final ExecutorService workers;
    private final SharedAssignment assignmentView;

    Shutdown(ConsumerRunner.Settings settings, Consumer<byte[], byte[]> consumer, Partitions partitions,
            Dispatcher dispatcher, Pauses pauses, Committer committer, Mailbox mailbox, ExecutorService workers,
            SharedAssignment assignmentView) {
        this.settings = settings;
        this.consumer = consumer;
        this.partitions = partitions;
        this.dispatcher = dispatcher;
        this.pauses = pauses;
        this.committer = committer;
        this.mailbox = mailbox;
        this.workers = workers;
        this.assignmentView = assignmentView;
    }

    void graceful() {
        partitions.all().forEach(st -> {
            if (st.task() != null) {
                st.task().cancel();
            }
        });
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        try {
            // Keep polling (everything paused) while handlers finish, so the member stays in the group and can commit.
            while (partitions.anyTaskRunning() && System.nanoTime() < deadline
                    && !Thread.currentThread().isInterrupted()) {
                dispatcher.drainReports();
                pauses.apply(true);
                dispatcher.accept(consumer.poll(Duration.ZERO));
                // short: a task reports just before its future completes, so re-check soon
                mailbox.await(settings.clock().millis() + 10, () -> false);
            }
        } catch (RuntimeException e) {
            LOG.warn("consumer {} stopped polling on shutdown: {}", settings.clientId(), e.toString());
        }
        try {
            dispatcher.drainReports();
            committer.commit(partitions.held());
        } catch (RuntimeException e) {
            LOG.warn("consumer {} could not commit on shutdown: {}", settings.clientId(), e.toString());
        }
        // What has not finished by now is abandoned: fenced first, so an interrupted handler cannot count
        partitions.fenceAll();
        stopWorkers(deadline);
        close(settings.commitTimeout());
    }

    void halt() {
        partitions.fenceAll();
        workers.shutdownNow();
        try {
            // interrupted handlers normally end at once; do not leave threads behind a halted runner
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(Duration.ofSeconds(2));
        partitions.clear();
    }

    private void close(Duration timeout) {
        try {
            consumer.close(CloseOptions.timeout(timeout));
        } catch (RuntimeException e) {
            LOG.warn("closing consumer {} failed: {}", settings.clientId(), e.toString());
        }
        assignmentView.clear();
    }

    private void stopWorkers(long deadlineNanos) {
        workers.shutdownNow(); // abandon what did not finish in time; its records are delivered again
        try {
            long wait = Math.max(deadlineNanos - System.nanoTime(), TimeUnit.SECONDS.toNanos(2));
            if (!workers.awaitTermination(wait, TimeUnit.NANOSECONDS)) {
                LOG.warn("handler threads of {} did not stop", settings.clientId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
