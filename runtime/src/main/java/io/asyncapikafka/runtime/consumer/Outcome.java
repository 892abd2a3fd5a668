package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What became of one attempt at a record; produced by {@link RecordProcessor}, acted on by the caller. */
sealed interface Outcome {

    /** Finished: handled, or skipped as a duplicate. The offset may be committed. */
    record Done(boolean duplicate) implements Outcome {}

    /** A retry-topic record that is not due yet: wait until {@code dueAtMillis}, then try again. */
    record NotDue(long dueAtMillis) implements Outcome {}

    /** Failed; try the same record again in place after {@code backoff}. */
    record RetryInPlace(Duration backoff, Throwable error) implements Outcome {}

    /** Write {@code record} (the dead letter or the retry-topic copy); once acknowledged the offset may be committed. */
    record Forward(ProducerRecord<byte[], byte[]> record, DeadLetterReason reason, Throwable error, int attempts)
            implements Outcome {
        /** {@code true} for a dead letter, {@code false} for a retry-topic copy. */
        boolean deadLetter() {
            return reason != null;
        }
    }

    /**
     * The attempt was abandoned, not failed: the handler was interrupted because the runner is stopping, halting or
     * has given the partition up. Not a failure (not counted, never retried or dead-lettered) and not finished: the
     * offset must not be committed, so the record is delivered again to whoever owns the partition next.
     */
    record Abandoned(Throwable cause) implements Outcome {}

    /**
     * The handler threw an error the JVM cannot be trusted to survive ({@link VirtualMachineError}). The runner stops:
     * nothing past the last finished record is committed and it reports not running, with this as its failure.
     */
    record Fatal(Error error) implements Outcome {}
}
