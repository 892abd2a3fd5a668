package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.HeaderValues;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters and retry-topic copies from handler threads and waits for the broker's acknowledgement: only
 * then may the source offset be committed.
 *
 * <p>A failed write is either an <em>outage</em> (a retriable error, a timeout, the broker or topic not there yet):
 * the partition waits {@code forwardRetryBackoff} and tries again, losing nothing; or <em>permanent</em> (a
 * non-retriable broker answer such as {@code RecordTooLargeException}, {@code TopicAuthorizationException},
 * {@code InvalidTopicException}): counted through {@link ConsumerMetrics#forwardFailed} with {@code permanent=true}
 * and logged at ERROR once per partition until a write on it succeeds again. For a record too large the fallback
 * keeps the partition moving: the dead letter is written again without the stack-trace header, and if that is still
 * too large, without the key, the value and the original headers, carrying {@link DeadLetterHeaders#VALUE_SIZE} and
 * the {@code dlq.original.*} reference instead (the original stays in its topic until retention). A retry copy that
 * is too large becomes such a dead letter. Every other permanent failure (authorization, invalid topic) keeps
 * waiting: dropping the record would lose it, and those are fixed by the operator (see the runtime README).
 */
final class ForwardWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardWriter.class);

    private final Producer<byte[], byte[]> producer;
    private final ConsumerRunner.Settings settings;
    private final ConsumerMetrics metrics;
    private final Clock clock;
    /** Partitions whose current permanent failure was already logged; any thread. */
    private final Set<TopicPartition> loggedPermanent = ConcurrentHashMap.newKeySet();

    ForwardWriter(Producer<byte[], byte[]> producer, ConsumerRunner.Settings settings) {
        this.producer = producer;
        this.settings = settings;
        this.metrics = settings.metrics();
        this.clock = settings.clock();
    }

    /** Writes {@code forward} for {@code rec} and waits for the acknowledgement; {@code false} if it failed. */
    boolean write(PartitionTask task, ConsumerRecord<byte[], byte[]> rec, Outcome.Forward forward) {
        Outcome.Forward attempt = forward;
        while (true) {
            if (task.isFenced()) {
                return false; // the partition was given up: whoever holds it now writes its own copy
            }
            Throwable cause = send(attempt.record());
            if (cause == null) {
                loggedPermanent.remove(task.partition);
                if (attempt.deadLetter()) {
                    metrics.deadLettered(task.partition, attempt.reason());
                    LOG.warn("dead-lettered {}-{}@{} to {}: {} ({})", rec.topic(), rec.partition(), rec.offset(),
                            attempt.record().topic(), attempt.reason(), String.valueOf(attempt.error()));
                }
                return true;
            }
            if (cause instanceof InterruptedException || cause instanceof InterruptException) {
                Thread.currentThread().interrupt();
                return false;
            }
            boolean permanent = isPermanent(cause);
            metrics.forwardFailed(task.partition, attempt.record().topic(), permanent);
            Outcome.Forward smaller = permanent && isTooLarge(cause) ? smaller(rec, attempt) : null;
            if (smaller != null) {
                LOG.warn("{} of {}-{}@{} is too large for {} ({}); writing it again {}",
                        attempt.deadLetter() ? "dead letter" : "retry copy", rec.topic(), rec.partition(), rec.offset(),
                        attempt.record().topic(), cause, describe(smaller));
                attempt = smaller;
                continue;
            }
            if (permanent && loggedPermanent.add(task.partition)) {
                LOG.error("could not write {}-{}@{} to {}: {} will not succeed until it is fixed; partition {} waits "
                        + "(nothing after it is committed) and retries every {} ms", rec.topic(), rec.partition(),
                        rec.offset(), attempt.record().topic(), cause, task.partition,
                        settings.forwardRetryBackoff().toMillis());
            } else if (!permanent) {
                LOG.warn("could not write {}-{}@{} to {} ({}); the offset is not committed, partition {} retries in {} ms",
                        rec.topic(), rec.partition(), rec.offset(), attempt.record().topic(), String.valueOf(cause),
                        task.partition, settings.forwardRetryBackoff().toMillis());
            }
            return false;
        }
    }

    /** {@code null} if acknowledged, else why not. */
    private Throwable send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(settings.forwardTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            return e;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (TimeoutException | KafkaException e) {
            return e;
        }
    }

    /** A broker answer that the same write will always get again; anything else is an outage. */
    static boolean isPermanent(Throwable cause) {
        return cause instanceof ApiException && !(cause instanceof RetriableException);
    }

    private static boolean isTooLarge(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException;
    }

    /** The next smaller form of a write that was too large, or {@code null} if there is none. */
    private Outcome.Forward smaller(ConsumerRecord<byte[], byte[]> rec, Outcome.Forward forward) {
        if (!forward.deadLetter()) {
            // a retry copy carries the whole record; what cannot go to the retry topic goes to the dead-letter topic
            Function<String, String> dlq = settings.deadLetterTopic();
            String topic = dlq.apply(DeadLetters.routingTopic(rec));
            Throwable error = forward.error() != null ? forward.error()
                    : new IllegalStateException("retry copy too large");
            ProducerRecord<byte[], byte[]> dead = DeadLetters.deadLetter(rec, topic, settings.groupId(),
                    DeadLetterReason.RETRIES_EXHAUSTED, error, forward.attempts(), clock.instant());
            return new Outcome.Forward(withoutStackTrace(dead), DeadLetterReason.RETRIES_EXHAUSTED, error,
                    forward.attempts());
        }
        String fallback = HeaderValues.getOrNull(forward.record().headers(), DeadLetterHeaders.FALLBACK);
        ProducerRecord<byte[], byte[]> next;
        if (fallback == null) {
            next = withoutStackTrace(forward.record());
        } else if (fallback.equals(DeadLetterHeaders.FALLBACK_NO_STACKTRACE)) {
            next = referenceOnly(forward.record());
        } else {
            return null;
        }
        return new Outcome.Forward(next, forward.reason(), forward.error(), forward.attempts());
    }

    private static ProducerRecord<byte[], byte[]> withoutStackTrace(ProducerRecord<byte[], byte[]> r) {
        Headers headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!h.key().equals(DeadLetterHeaders.EXCEPTION_STACKTRACE)) {
                headers.add(h.key(), h.value());
            }
        }
        HeaderValues.set(headers, DeadLetterHeaders.FALLBACK, DeadLetterHeaders.FALLBACK_NO_STACKTRACE);
        return new ProducerRecord<>(r.topic(), null, null, r.key(), r.value(), headers);
    }

    private static ProducerRecord<byte[], byte[]> referenceOnly(ProducerRecord<byte[], byte[]> r) {
        Headers headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (h.key().startsWith(DeadLetterHeaders.PREFIX) && !h.key().equals(DeadLetterHeaders.FALLBACK)) {
                headers.add(h.key(), h.value());
            }
        }
        HeaderValues.set(headers, DeadLetterHeaders.FALLBACK, DeadLetterHeaders.FALLBACK_REFERENCE_ONLY);
        HeaderValues.set(headers, DeadLetterHeaders.VALUE_SIZE, String.valueOf(r.value() == null ? 0 : r.value().length));
        return new ProducerRecord<>(r.topic(), null, null, null, null, headers);
    }

    private static String describe(Outcome.Forward f) {
        String how = HeaderValues.getOrNull(f.record().headers(), DeadLetterHeaders.FALLBACK);
        return "to " + f.record().topic() + " as " + how;
    }
}
