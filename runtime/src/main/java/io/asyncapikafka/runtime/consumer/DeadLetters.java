package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.HeaderValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter and retry records from a consumed record: raw bytes kept, our headers replaced. */
final class DeadLetters {

    private static final int MAX_MESSAGE_BYTES = 1024;

    private DeadLetters() {}

    static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> rec, String dlqTopic, String group,
            DeadLetterReason reason, Throwable error, int attempts, Instant now) {
        Origin origin = Origin.of(rec);
        Headers headers = copyWithout(rec.headers(), DeadLetterHeaders.PREFIX);
        put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, origin.topic);
        put(headers, DeadLetterHeaders.ORIGINAL_PARTITION, origin.partition);
        put(headers, DeadLetterHeaders.ORIGINAL_OFFSET, origin.offset);
        put(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, origin.timestamp);
        put(headers, DeadLetterHeaders.CONSUMER_GROUP, group);
        put(headers, DeadLetterHeaders.REASON, reason.name());
        put(headers, DeadLetterHeaders.EXCEPTION_CLASS, error.getClass().getName());
        put(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, cap(String.valueOf(error.getMessage()), MAX_MESSAGE_BYTES));
        Throwable root = rootCause(error);
        put(headers, DeadLetterHeaders.EXCEPTION_ROOT_CAUSE,
                cap(root.getClass().getName() + ": " + root.getMessage(), MAX_MESSAGE_BYTES));
        put(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE, cap(stackTrace(error), DeadLetterHeaders.MAX_STACKTRACE_BYTES));
        put(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(attempts));
        put(headers, DeadLetterHeaders.FAILED_AT, now.toString());
        return new ProducerRecord<>(dlqTopic, null, null, rec.key(), rec.value(), headers);
    }

    static ProducerRecord<byte[], byte[]> retry(ConsumerRecord<byte[], byte[]> rec, String retryTopic, String group,
            long dueAtMillis, int round, int attemptsSoFar) {
        Origin origin = Origin.of(rec);
        Headers headers = copyWithout(rec.headers(), RetryHeaders.PREFIX);
        put(headers, RetryHeaders.DUE_AT, String.valueOf(dueAtMillis));
        put(headers, RetryHeaders.COUNT, String.valueOf(round));
        put(headers, RetryHeaders.ATTEMPTS, String.valueOf(attemptsSoFar));
        put(headers, RetryHeaders.ORIGINAL_TOPIC, origin.topic);
        put(headers, RetryHeaders.ORIGINAL_PARTITION, origin.partition);
        put(headers, RetryHeaders.ORIGINAL_OFFSET, origin.offset);
        put(headers, RetryHeaders.CONSUMER_GROUP, group);
        return new ProducerRecord<>(retryTopic, null, null, rec.key(), rec.value(), headers);
    }

    /**
     * The topic whose dead-letter topic a failed record goes to: the topic before the retry topic for retried records,
     * else the topic it was consumed from. Deliberately not {@code dlq.original.topic}: a dead letter consumed from a
     * DLQ and failing again must not be routed back into that same DLQ.
     */
    static String routingTopic(ConsumerRecord<byte[], byte[]> rec) {
        String retried = HeaderValues.getOrNull(rec.headers(), RetryHeaders.ORIGINAL_TOPIC);
        return retried != null ? retried : rec.topic();
    }

    /**
     * Where a record first came from. A dead letter being dead-lettered again keeps its first origin (so replay
     * tooling still finds the main topic); a retried record names the topic before the retry topic.
     */
    private record Origin(String topic, String partition, String offset, String timestamp) {
        static Origin of(ConsumerRecord<byte[], byte[]> rec) {
            Headers h = rec.headers();
            String ts = String.valueOf(rec.timestamp());
            String dlqTopic = HeaderValues.getOrNull(h, DeadLetterHeaders.ORIGINAL_TOPIC);
            if (dlqTopic != null) {
                return new Origin(dlqTopic,
                        HeaderValues.get(h, DeadLetterHeaders.ORIGINAL_PARTITION).orElse("-1"),
                        HeaderValues.get(h, DeadLetterHeaders.ORIGINAL_OFFSET).orElse("-1"),
                        HeaderValues.get(h, DeadLetterHeaders.ORIGINAL_TIMESTAMP).orElse(ts));
            }
            String retryTopic = HeaderValues.getOrNull(h, RetryHeaders.ORIGINAL_TOPIC);
            if (retryTopic != null) {
                return new Origin(retryTopic,
                        HeaderValues.get(h, RetryHeaders.ORIGINAL_PARTITION).orElse("-1"),
                        HeaderValues.get(h, RetryHeaders.ORIGINAL_OFFSET).orElse("-1"), ts);
            }
            return new Origin(rec.topic(), String.valueOf(rec.partition()), String.valueOf(rec.offset()), ts);
        }
    }

    private static Headers copyWithout(Headers source, String prefix) {
        RecordHeaders copy = new RecordHeaders();
        for (Header h : source) {
            if (!h.key().startsWith(prefix)) {
                copy.add(h.key(), h.value());
            }
        }
        return copy;
    }

    private static void put(Headers headers, String name, String value) {
        HeaderValues.set(headers, name, value);
    }

    static Throwable rootCause(Throwable error) {
        Throwable t = error;
        // bounded walk: a cause cycle must not hang the consumer
        for (int i = 0; i < 100 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Cuts {@code s} to at most {@code maxBytes} UTF-8 bytes without splitting a character. */
    static String cap(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut inside a multi-byte character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
