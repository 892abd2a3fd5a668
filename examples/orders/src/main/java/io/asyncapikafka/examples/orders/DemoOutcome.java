package io.asyncapikafka.examples.orders;

import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the demo observed, for its summary and its tests.
 *
 * @param received records billing polled (orders.v1 and orders.retry.v1; redeliveries count again)
 * @param processed records billing's handler finished successfully
 * @param deduplicated records skipped because their event id was processed before
 * @param retried failed attempts that were scheduled again (in place or through the retry topic)
 * @param deadLettered records written to the dead-letter topic
 * @param deadLettersByReason dead letters per reason
 * @param chargedOrders order ids billing charged, in order
 * @param failedAttempts "topic#attempt" of every failed attempt of the failing order, in order
 * @param retryTopicSightings "topic#attempt" of the failing order as the order service saw it on the retry topic
 * @param dlqTopic the topic the dead letter was read back from
 * @param dlqHeaders the {@code dlq.*} headers of that record
 * @param rejectedBeforeSend the contract violations of the invalid order, as the producer reported them
 */
public record DemoOutcome(long received, long processed, long deduplicated, long retried, long deadLettered,
        Map<DeadLetterReason, Long> deadLettersByReason, List<String> chargedOrders, List<String> failedAttempts,
        List<String> retryTopicSightings, String dlqTopic, Map<String, String> dlqHeaders, String rejectedBeforeSend) {

    public DemoOutcome {
        deadLettersByReason = Map.copyOf(deadLettersByReason);
        chargedOrders = List.copyOf(chargedOrders);
        failedAttempts = List.copyOf(failedAttempts);
        retryTopicSightings = List.copyOf(retryTopicSightings);
        // Kept in the order the record carried them, so the printed list reads like the record.
        dlqHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(dlqHeaders));
    }
}
