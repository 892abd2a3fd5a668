package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler-thread side of a {@link PartitionTask}: processes a partition's records in offset order until they are
 * done, the task is cancelled or fenced, or a record has to wait; goes on with records handed over while it runs;
 * then reports back through the {@link Mailbox} once. It touches nothing of the partition but the task.
 *
 * <p>What an outcome does: {@code Done} moves the task's progress; {@code Forward} writes the copy and, once
 * acknowledged, moves it; {@code RetryInPlace}, {@code NotDue} and a failed write end the task with the record given
 * back and a time before which it is not tried again; {@code Abandoned} (interrupted by a stop or a revocation) ends
 * it with the record given back unfinished and nothing counted; {@code Fatal} — or any {@link Throwable} escaping the
 * processor, which must not put the record back forever — ends it and stops the runner. A fenced task writes no copy,
 * and its progress and report are ignored.
 */
final class BatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRunner.class);

    private final RecordProcessor processor;
    private final ForwardWriter forwards;
    private final Mailbox mailbox;
    private final ConsumerRunner.Settings settings;
    private final Clock clock;
    /** Exactly-once processing of each record, or {@code null} for at-least-once. */
    private final TransactionalProcessing transactions;

    BatchRunner(RecordProcessor processor, ForwardWriter forwards, Mailbox mailbox, ConsumerRunner.Settings settings) {
        this(processor, forwards, mailbox, settings, null);
    }

    BatchRunner(RecordProcessor processor, ForwardWriter forwards, Mailbox mailbox, ConsumerRunner.Settings settings,
            TransactionalProcessing transactions) {
        this.transactions = transactions;
        this.processor = processor;
        this.forwards = forwards;
        this.mailbox = mailbox;
        this.settings = settings;
        this.clock = settings.clock();
    }

    void run(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> firstBatch, int firstAttempt,
            Outcome.Forward firstWrite) {
        task.enter();
        try {
            runBatches(task, firstBatch, firstAttempt, firstWrite);
        } finally {
            task.exit();
            if (task.isFenced()) {
                mailbox.post(Mailbox.WAKE); // its partition may be waiting for it to leave (Partitions.mayStart)
            }
        }
    }

    private void runBatches(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> firstBatch, int firstAttempt,
            Outcome.Forward firstWrite) {
        List<ConsumerRecord<byte[], byte[]>> batch = firstBatch;
        int i = 0;
        int attempt = firstAttempt;
        Outcome.Forward write = firstWrite;
        boolean[] wasFull = new boolean[1];
        try {
            for (; ; i++) {
                if (i == batch.size()) {
                    List<ConsumerRecord<byte[], byte[]>> next = task.nextBatch(wasFull);
                    if (next == null) {
                        break;
                    }
                    batch = next;
                    i = 0;
                    if (wasFull[0]) {
                        // The hand-off had room no more, so its partition is paused: a parked poll thread resumes it
                        // and fetches what follows while this batch runs, instead of only once this task ends.
                        mailbox.post(Mailbox.WAKE);
                    }
                }
                if (task.isCancelled()) {
                    break;
                }
                ConsumerRecord<byte[], byte[]> rec = batch.get(i);
                Outcome.Forward forward = write;
                write = null;
                if (forward == null) {
                    Outcome outcome = transactions == null ? processor.process(rec, attempt, true)
                            : transactions.process(task, rec, attempt);
                    if (outcome instanceof Outcome.Done) {
                        if (!task.finished(rec.offset())) {
                            return; // fenced: it does not count, and nobody listens for this task any more
                        }
                        attempt = 1;
                        continue;
                    } else if (outcome instanceof Outcome.NotDue notDue) {
                        giveBack(task, batch, i, attempt, null, notDue.dueAtMillis());
                        return;
                    } else if (outcome instanceof Outcome.RetryInPlace retry) {
                        giveBack(task, batch, i, attempt + 1, null, clock.millis() + retry.backoff().toMillis());
                        return;
                    } else if (outcome instanceof Outcome.Abandoned abandoned) {
                        LOG.debug("handler of {}-{}@{} abandoned: {}", rec.topic(), rec.partition(), rec.offset(),
                                String.valueOf(abandoned.cause()));
                        giveBack(task, batch, i, attempt, null, clock.millis() + settings.forwardRetryBackoff().toMillis());
                        return;
                    } else if (outcome instanceof Outcome.Fatal fatal) {
                        fatal(task, rec, fatal.error());
                        return;
                    }
                    forward = (Outcome.Forward) outcome;
                }
                if (!forwards.write(task, rec, forward)) {
                    giveBack(task, batch, i, attempt, forward,
                            clock.millis() + settings.forwardRetryBackoff().toMillis());
                    return;
                }
                if (!task.finished(rec.offset())) {
                    return;
                }
                attempt = 1;
            }
            giveBack(task, batch, i, attempt, null, 0);
        } catch (Throwable t) {
            // Whatever escapes the processor on a handler thread is a bug or a broken JVM; giving the record back
            // would try it again forever with nothing after it handled, so the runner stops instead.
            fatal(task, i < batch.size() ? batch.get(i) : null, t);
        }
    }

    private void fatal(PartitionTask task, ConsumerRecord<byte[], byte[]> rec, Throwable error) {
        LOG.error("fatal error handling {}; the consumer stops, the record is not committed",
                rec == null ? task.partition : rec.topic() + "-" + rec.partition() + "@" + rec.offset(), error);
        task.endHandOff(List.of());
        mailbox.post(new Mailbox.Fatal(task, error));
    }

    private void giveBack(PartitionTask task, List<ConsumerRecord<byte[], byte[]>> batch, int from, int attempt,
            Outcome.Forward write, long notBefore) {
        List<ConsumerRecord<byte[], byte[]>> rest = task.endHandOff(batch.subList(from, batch.size()));
        if (task.isFenced()) {
            return;
        }
        mailbox.post(new Mailbox.Ended(task, rest, attempt, write, notBefore));
    }
}
