package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.consumer.LoopHarness.P0;
import static io.asyncapikafka.runtime.consumer.LoopHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Settling a {@link RecordBatch} whose {@link RecordBatch.Participant} fails to commit, on the MockConsumer loop: the
 * batch's records run again one at a time, so a record whose own commit keeps failing uses up its attempts and follows
 * the retry policy (here: dead-lettered), while the others commit; nothing is lost and nothing is skipped.
 */
class BatchSettlementMockTest {

    private static final RetryPolicy THREE = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(20)).jitter(0).retryTopicRounds(0).build();

    /** The ids each committed transaction held, in commit order. */
    private final List<List<String>> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedCommits = new AtomicInteger();
    /** Per payload id, the attempt of every handler call. */
    private final Map<String, List<Integer>> attempts = new ConcurrentHashMap<>();
    private final ThreadLocal<Transaction> open = new ThreadLocal<>();

    /**
     * A participant like the JDBC inbox's transaction: holds the ids of the records that ran in the batch; its commit
     * fails when {@code refuses} says so (as a database refusing a transaction for what one record wrote).
     */
    private final class Transaction implements RecordBatch.Participant {
        final List<String> ids = new ArrayList<>();
        final Predicate<List<String>> refuses;

        Transaction(Predicate<List<String>> refuses) {
            this.refuses = refuses;
        }

        @Override
        public void commit() throws Exception {
            open.remove();
            if (refuses.test(ids)) {
                failedCommits.incrementAndGet();
                throw new IllegalStateException("commit refused (test) for " + ids);
            }
            committed.add(List.copyOf(ids));
        }

        @Override
        public void rollback() {
            open.remove();
        }
    }

    /** A handler that runs in the batch's transaction, enlisting it once per batch. */
    private MessageHandler<String, OrderEvent, Void> handler(Predicate<List<String>> refuses) {
        return m -> {
            String id = m.payload().id();
            attempts.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(m.attempt());
            RecordBatch batch = RecordBatch.current();
            assertThat(batch).as("the loop runs handlers in a batch").isNotNull();
            Transaction tx = open.get();
            if (tx == null) {
                tx = new Transaction(refuses);
                open.set(tx);
                batch.enlist(tx);
            }
            tx.ids.add(id);
        };
    }

    private List<String> committedIds() {
        List<String> all = new ArrayList<>();
        committed.forEach(all::addAll);
        return all;
    }

    @Test
    void aRecordWhoseCommitAlwaysFailsUsesUpItsAttemptsAndIsDeadLetteredWhileTheOthersCommit() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().retryPolicy(THREE).deadLetterTopic("t.dlq")
                    .handle(OrderEvent.TYPE, handler(ids -> ids.contains("poison"))), P0);
            h.send(P0, "a0", "a1", "poison", "a3", "a4");
            await("all five committed to Kafka", () -> Long.valueOf(5).equals(h.committed(P0)));
            h.stop();

            List<ProducerRecord<byte[], byte[]>> dlq = h.producer.history();
            assertThat(dlq).hasSize(1);
            assertThat(dlq.get(0).topic()).isEqualTo("t.dlq");
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("2");
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED.name());
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                    .contains("commit refused (test)");
        }
        // the batch of five failed as a whole (not counted against any of them), then each ran alone: poison's own
        // commit failed at attempts 1, 2 and 3, so it was dead-lettered; the others committed exactly once
        assertThat(committedIds()).containsExactly("a0", "a1", "a3", "a4");
        assertThat(attempts.get("poison")).containsExactly(1, 1, 2, 3);
        assertThat(attempts.get("a0")).containsExactly(1, 1);
        assertThat(attempts.get("a4")).containsExactly(1, 1);
        assertThat(failedCommits).hasValue(4);
    }

    @Test
    void triesDeferredByAFailingStoreBeforeARecordsOwnFailedCommitsUseUpNoAttempt() throws Exception {
        InMemoryProcessedEventStore memory = InMemoryProcessedEventStore.create();
        AtomicInteger poisonClaims = new AtomicInteger();
        ProcessedEventStore store = new ProcessedEventStore() {
            @Override
            public ClaimResult claim(DedupContext context, String id) {
                // poison's second claim (its first run alone) fails: that try never runs the handler
                if (id.equals("poison") && poisonClaims.incrementAndGet() == 2) {
                    throw new IllegalStateException("store down (test)");
                }
                return memory.claim(context, id);
            }

            @Override
            public void complete(DedupContext context, String id) {
                memory.complete(context, id);
            }

            @Override
            public void release(DedupContext context, String id) {
                memory.release(context, id);
            }
        };
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().retryPolicy(THREE).deadLetterTopic("t.dlq").processedEventStore(store)
                    .handle(OrderEvent.TYPE, handler(ids -> ids.contains("poison"))), P0);
            h.send(P0, "a0", "poison", "a2");
            await("all three committed to Kafka", () -> Long.valueOf(3).equals(h.committed(P0)));
            h.stop();
            assertThat(h.producer.history()).hasSize(1);
            assertThat(HeaderValues.getOrNull(h.producer.history().get(0).headers(), DeadLetterHeaders.ATTEMPTS))
                    .isEqualTo("3");
        }
        // the deferred try is not a handler attempt: alone, poison still had three that failed in their commit
        assertThat(attempts.get("poison")).containsExactly(1, 1, 2, 3);
        assertThat(committedIds()).containsExactly("a0", "a2");
    }

    @Test
    void aBatchWhoseCommitFailsOnceRunsAgainRecordByRecordAndThenBatchesAgain() throws Exception {
        AtomicInteger refusals = new AtomicInteger(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().retryPolicy(THREE).deadLetterTopic("t.dlq")
                    .handle(OrderEvent.TYPE, handler(ids -> refusals.getAndDecrement() > 0)), P0);
            h.send(P0, "a0", "a1", "a2");
            await("the first three committed to Kafka", () -> Long.valueOf(3).equals(h.committed(P0)));
            h.send(P0, "b0", "b1", "b2");
            await("all six committed to Kafka", () -> Long.valueOf(6).equals(h.committed(P0)));
            h.stop();
            assertThat(h.producer.history()).as("nothing dead-lettered").isEmpty();
            assertThat(h.metrics.storeFailed()).isEqualTo(1);
        }
        assertThat(failedCommits).hasValue(1);
        // after the refused batch its records commit one at a time; past it, records share a transaction again
        assertThat(committed).containsExactly(List.of("a0"), List.of("a1"), List.of("a2"), List.of("b0", "b1", "b2"));
    }
}
