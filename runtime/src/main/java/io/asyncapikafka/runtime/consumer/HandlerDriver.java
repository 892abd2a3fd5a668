package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Drives handlers without a broker, through exactly the processing of {@link ConsumerRunner}: dispatch on
 * {@code ce_type}, decoding, validation, deduplication, retries and dead-lettering. Backoffs and due times are not
 * waited for: in-place retries run at once, and a record forwarded to the retry topic is only reported (deliver it
 * again with {@link #deliver(ProducerRecord)} to simulate the retry round).
 *
 * <pre>{@code
 * HandlerDriver driver = HandlerDriver.builder().handle(ORDER_CREATED, myHandler).build();
 * HandlerDriver.Result r = driver.deliver("orders.v1", ORDER_CREATED, orderId, payload, headers);
 * assertThat(r.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
 * }</pre>
 * Not thread-safe.
 */
public final class HandlerDriver {

    /** What became of a delivered record. */
    public enum Status {
        PROCESSED,
        /** Skipped and committed: its event id was processed, or it is a retry copy of another consumer group. */
        DUPLICATE,
        DEAD_LETTERED,
        SENT_TO_RETRY_TOPIC,
        /**
         * Interrupted ({@code InterruptedException}, or the thread's interrupt flag): neither failed nor finished,
         * the runner would leave it uncommitted. The interrupt status of the calling thread is set.
         */
        ABANDONED,
        /**
         * Not finished after {@value HandlerDriver#MAX_DEFERRALS} tries in a row that never ran the handler: the dedup store
         * failed each time, or the id stayed claimed by another attempt. A runner would go on trying, with back-off.
         */
        DEFERRED
    }

    /** Tries in a row without a handler call after which {@link Status#DEFERRED} is reported. */
    public static final int MAX_DEFERRALS = 100;

    /**
     * @param status what happened
     * @param attempts handler calls made for this delivery
     * @param reason dead-letter reason, or {@code null}
     * @param error the last failure, or {@code null}
     * @param forwarded the dead-letter or retry-topic record written, or {@code null}
     */
    public record Result(Status status, int attempts, DeadLetterReason reason, Throwable error,
            ProducerRecord<byte[], byte[]> forwarded) {}

    private final RecordProcessor processor;
    private final OutgoingRecords encoder;
    private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> retries = new ArrayList<>();
    private final Map<String, Long> offsets = new HashMap<>();

    private HandlerDriver(RecordProcessor processor, OutgoingRecords encoder) {
        this.processor = processor;
        this.encoder = encoder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Encodes a typed message as a producer would (validation included) and delivers it. */
    public <K, V, H> Result deliver(String topic, MessageType<K, V, H> type, K key, V payload, H headers) {
        return deliver(encoder.encode(topic, type, key, payload, headers));
    }

    /** Delivers a record as produced, e.g. one captured by an {@code InMemoryProducer} or a forwarded retry. */
    public Result deliver(ProducerRecord<byte[], byte[]> record) {
        Objects.requireNonNull(record, "record");
        return deliverRaw(record.topic(), record.key(), record.value(), record.headers());
    }

    /** Delivers raw bytes and headers (for poison records, foreign producers, missing {@code ce_type}). */
    public Result deliverRaw(String topic, byte[] key, byte[] value, Headers headers) {
        Objects.requireNonNull(topic, "topic");
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        Headers copy = new RecordHeaders(headers == null ? new RecordHeaders().toArray() : headers.toArray());
        ConsumerRecord<byte[], byte[]> rec = new ConsumerRecord<>(topic, 0, offset, System.currentTimeMillis(),
                TimestampType.CREATE_TIME, key == null ? -1 : key.length, value == null ? -1 : value.length, key, value,
                copy, Optional.empty());
        int attempt = 1;
        int handlerCalls = 0;
        int deferredInARow = 0;
        while (true) {
            Outcome outcome = processor.process(rec, attempt, false);
            if (outcome instanceof Outcome.RetryInPlace retry && retry.error() instanceof DeferredAttempt) {
                // not a handler call; back-offs are not waited for here
                if (++deferredInARow == MAX_DEFERRALS) {
                    return new Result(Status.DEFERRED, handlerCalls, null, retry.error(), null);
                }
                attempt++;
                continue;
            }
            deferredInARow = 0;
            if (outcome instanceof Outcome.Done done) {
                return new Result(done.duplicate() ? Status.DUPLICATE : Status.PROCESSED, handlerCalls + 1, null,
                        null, null);
            } else if (outcome instanceof Outcome.RetryInPlace) {
                attempt++;
                handlerCalls++;
            } else if (outcome instanceof Outcome.Forward forward) {
                if (forward.deadLetter()) {
                    deadLetters.add(forward.record());
                    return new Result(Status.DEAD_LETTERED, forward.attempts() == 0 ? 0 : handlerCalls + 1,
                            forward.reason(), forward.error(), forward.record());
                }
                retries.add(forward.record());
                return new Result(Status.SENT_TO_RETRY_TOPIC, handlerCalls + 1, null, forward.error(),
                        forward.record());
            } else if (outcome instanceof Outcome.Abandoned abandoned) {
                return new Result(Status.ABANDONED, handlerCalls + 1, null, abandoned.cause(), null);
            } else if (outcome instanceof Outcome.Fatal fatal) {
                throw fatal.error(); // a runner stops on it; so does the test
            } else {
                throw new IllegalStateException("unexpected outcome " + outcome);
            }
        }
    }

    /** Dead letters written so far. */
    public List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Retry-topic records written so far. */
    public List<ProducerRecord<byte[], byte[]>> retries() {
        return List.copyOf(retries);
    }

    /** Builder of {@link HandlerDriver}; same options as {@link ConsumerRunner.Builder} where they apply. */
    public static final class Builder extends ProcessingOptions<Builder> {
        private String source = "urn:asyncapi-kafka:test";

        private Builder() {
            groupId("test-group");
        }

        /** {@code ce_source} of records built by {@link #deliver(String, MessageType, Object, Object, Object)}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public HandlerDriver build() {
            return new HandlerDriver(newProcessor(Clock.systemUTC()), OutgoingRecords.create(source));
        }
    }
}
