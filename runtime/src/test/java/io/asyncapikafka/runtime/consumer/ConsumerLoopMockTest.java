package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.consumer.LoopHarness.P0;
import static io.asyncapikafka.runtime.consumer.LoopHarness.P1;
import static io.asyncapikafka.runtime.consumer.LoopHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.OrderEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop on kafka-clients' MockConsumer: each test forces one interleaving of rebalances, handler
 * threads, commits and writes that a broker test can only hope to hit.
 */
class ConsumerLoopMockTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicInteger> concurrent = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();

    /** Records the call; fails the test's overlap check if another call on the same partition is running. */
    private void enter(ReceivedMessage<?, ?, ?> m) {
        int now = concurrent.computeIfAbsent(m.partition(), p -> new AtomicInteger()).incrementAndGet();
        if (now > 1) {
            overlaps.add(m.partition() + "@" + m.offset());
        }
    }

    private void leave(ReceivedMessage<?, ?, ?> m) {
        concurrent.get(m.partition()).decrementAndGet();
    }

    /** A handler that does not stop when interrupted (the fence interrupts it): the worst case for overlap. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void rebalanceMidBatchCommitsTheRecordsFinishedBeforeIt() throws Exception {
        CountDownLatch inThird = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().revokeTimeout(Duration.ofSeconds(5)).handle(OrderEvent.TYPE, m -> {
                if (m.payload().id().equals("a2")) {
                    inThird.countDown();
                    release.await();
                }
                handled.add(m.payload().id());
            }), P0, P1);
            h.send(P0, "a0", "a1", "a2", "a3", "a4");
            assertThat(inThird.await(10, TimeUnit.SECONDS)).isTrue();
            // the revocation waits for the record in progress, which finishes inside the wait
            h.onPollThread(() -> h.consumer.rebalance(List.of(P1)));
            Thread.sleep(100);
            release.countDown();
            await("revoked", () -> !h.consumer.assignmentSnapshot().contains(P0));
            assertThat(h.committed(P0)).as("a0..a2 finished, a3 and a4 not started").isEqualTo(3L);
            assertThat(handled).containsExactly("a0", "a1", "a2");
            assertThat(h.metrics.revoked()).isEqualTo(1);
            h.stop();
        }
        assertThat(handled).containsExactly("a0", "a1", "a2");
    }

    @Test
    void aHandlerOutlivingTheRevokeTimeoutIsFencedAndNeverOverlapsTheNextOwnerOfItsPartition() throws Exception {
        CountDownLatch inSlow = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowCalls = new AtomicInteger();
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().revokeTimeout(Duration.ofMillis(300)).handle(OrderEvent.TYPE, m -> {
                enter(m);
                try {
                    if (m.payload().id().equals("slow") && slowCalls.incrementAndGet() == 1) {
                        inSlow.countDown();
                        awaitIgnoringInterrupts(release); // outlives the revoke timeout, and its interrupt
                    }
                    handled.add(m.payload().id() + "@" + m.offset());
                } finally {
                    leave(m);
                }
            }), P0);
            h.send(P0, "a", "slow", "b");
            assertThat(inSlow.await(10, TimeUnit.SECONDS)).isTrue();
            long before = System.nanoTime();
            CountDownLatch revoked = new CountDownLatch(1);
            h.onPollThread(() -> {
                h.consumer.rebalance(List.of());
                revoked.countDown();
            });
            assertThat(revoked.await(10, TimeUnit.SECONDS)).isTrue();
            Duration revokeTook = Duration.ofNanos(System.nanoTime() - before);
            assertThat(revokeTook).as("the wait is bounded by the revoke timeout").isLessThan(Duration.ofSeconds(3));
            assertThat(h.committed(P0)).as("only 'a' finished").isEqualTo(1L);

            // the partition comes back while the fenced handler still runs: no second thread starts on it
            h.onPollThread(() -> h.consumer.rebalance(List.of(P0)));
            await("assigned again", () -> h.consumer.assignmentSnapshot().contains(P0));
            h.redeliver(P0, 1, "slow", "b");
            Thread.sleep(300);
            assertThat(slowCalls).as("the new owner waits for the fenced task").hasValue(1);
            release.countDown();
            await("b handled by the new task", () -> handled.size() == 3);
            await("committed after the new task", () -> Long.valueOf(3).equals(h.committed(P0)));
            // the fenced attempt finished late: its offset was not committed by it, the new task started only after
            // it ended, found 'slow' already processed (dedup) and went on in order
            assertThat(h.metrics.deduplicated()).isEqualTo(1);
            h.stop();
        }
        assertThat(overlaps).isEmpty();
        assertThat(handled).containsExactly("a@0", "slow@1", "b@2");
        assertThat(slowCalls).hasValue(1);
    }

    @Test
    void lostPartitionsAreNeverCommittedAndAStaleAssignmentDoesNotEndThePollThread() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().commitInterval(Duration.ofHours(1))
                    .handle(OrderEvent.TYPE, m -> handled.add(m.payload().id())), P0, P1);
            h.send(P0, "a0", "a1");
            await("handled", () -> handled.size() == 2);
            // P0 is lost (no commit), and the consumer protocol's background thread has not caught up: the next
            // assignment() still names P0, whose pause/resume then throws "No current assignment for partition"
            h.onPollThread(() -> {
                h.consumer.loseNextRevocation = true;
                h.consumer.rebalance(List.of(P1));
                h.consumer.staleAssignmentOnce = Set.of(P0, P1);
            });
            await("lost", () -> h.metrics.lost() == 1);
            h.send(P1, "b0", "b1");
            await("the loop goes on", () -> handled.size() == 4);
            assertThat(h.thread().isAlive()).isTrue();
            assertThat(h.loop().failure()).isNull();
            h.stop();
            assertThat(h.committed(P0)).as("lost: never committed").isNull();
            assertThat(h.committed(P1)).as("finished work committed on shutdown").isEqualTo(2L);
        }
    }

    @Test
    void aFailedCommitIsRetriedWithTheNextOne() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.consumer.commitFailure = new CommitFailedException("rebalance in progress");
            h.consumer.commitFailures = 3;
            h.start(h.builder().handle(OrderEvent.TYPE, m -> handled.add(m.payload().id())), P0);
            h.send(P0, "a0", "a1", "a2");
            await("committed despite three failed commits", () -> Long.valueOf(3).equals(h.committed(P0)));
            assertThat(h.consumer.commitFailures).isZero();
            assertThat(h.loop().failure()).isNull();
            h.stop();
        }
    }

    @Test
    void shutdownDuringABackOffIsPromptAndCommitsNothingPastTheWaitingRecord() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(30))
                    .maxBackoff(Duration.ofSeconds(30)).jitter(0).retryTopicRounds(0).build()).handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().equals("fails")) {
                            attempts.incrementAndGet();
                            throw new IllegalStateException("down");
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "a", "fails", "b");
            await("first attempt failed", () -> attempts.get() == 1);
            long before = System.nanoTime();
            h.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
            assertThat(h.thread().isAlive()).isFalse();
            assertThat(h.committed(P0)).isEqualTo(1L);
            assertThat(h.producer.history()).as("nothing dead-lettered").isEmpty();
        }
        assertThat(handled).containsExactly("a");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void closeWhileAHandlerOutlivesTheShutdownTimeoutNeitherDeadLettersNorCommitsItsRecord() throws Exception {
        CountDownLatch inSlow = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().shutdownTimeout(Duration.ofMillis(200)).retryPolicy(RetryPolicy.noRetries())
                    .handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().equals("slow")) {
                            inSlow.countDown();
                            Thread.sleep(60_000); // interrupted by the shutdown
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "a", "slow", "b");
            assertThat(inSlow.await(10, TimeUnit.SECONDS)).isTrue();
            h.stop();
            assertThat(h.thread().isAlive()).isFalse();
            assertThat(h.committed(P0)).as("'a' only").isEqualTo(1L);
            assertThat(h.producer.history()).as("the interrupted record is not dead-lettered").isEmpty();
            assertThat(h.metrics.deadLettered()).isZero();
        }
        assertThat(handled).containsExactly("a");
    }

    @Test
    void aPollFailureDuringShutdownDoesNotSkipTheFinalCommit() throws Exception {
        CountDownLatch inSlow = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().commitInterval(Duration.ofHours(1)).shutdownTimeout(Duration.ofSeconds(2))
                    .handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().equals("slow")) {
                            inSlow.countDown();
                            Thread.sleep(60_000);
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "a0", "a1", "slow");
            assertThat(inSlow.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(h.committed(P0)).isNull();
            h.consumer.pollFailure = new org.apache.kafka.common.KafkaException("broker gone");
            h.stop();
            assertThat(h.thread().isAlive()).isFalse();
            assertThat(h.committed(P0)).as("a0 and a1 finished before the poll failed").isEqualTo(2L);
        }
    }

    @Test
    void haltCommitsNothingNewAndWritesNoDeadLetter() throws Exception {
        CountDownLatch inSlow = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().commitInterval(Duration.ofHours(1)).retryPolicy(RetryPolicy.noRetries())
                    .handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().equals("slow")) {
                            inSlow.countDown();
                            Thread.sleep(60_000);
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "a", "slow");
            assertThat(inSlow.await(10, TimeUnit.SECONDS)).isTrue();
            h.loop().halt();
            h.thread().join(10_000);
            assertThat(h.thread().isAlive()).isFalse();
            assertThat(h.committed(P0)).as("halt commits nothing").isNull();
            assertThat(h.producer.history()).isEmpty();
        }
    }

    @Test
    void aFatalErrorStopsTheLoopAndCommitsOnlyWhatFinishedBeforeIt() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().handle(OrderEvent.TYPE, m -> {
                if (m.payload().id().equals("oom")) {
                    throw new OutOfMemoryError("test");
                }
                handled.add(m.payload().id());
            }), P0);
            h.send(P0, "a", "oom", "b");
            h.thread().join(20_000);
            assertThat(h.thread().isAlive()).as("the loop stopped by itself").isFalse();
            assertThat(h.fatal.get()).isInstanceOf(OutOfMemoryError.class);
            assertThat(h.loop().failure()).isInstanceOf(OutOfMemoryError.class);
            assertThat(h.committed(P0)).isEqualTo(1L);
            assertThat(h.producer.history()).isEmpty();
        }
        assertThat(handled).containsExactly("a");
    }

    @Test
    void aDeadLetterTooLargeForTheTopicIsWrittenWithoutItsStackTraceThenAsAReference() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.producer.failure = new RecordTooLargeException("too large");
            h.producer.failWhen = r -> r.value() != null && r.value().length > 100
                    || r.headers().lastHeader(DeadLetterHeaders.EXCEPTION_STACKTRACE) != null;
            h.start(h.builder().deadLetterTopic("t.dlq").retryPolicy(RetryPolicy.noRetries())
                    .handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().startsWith("bad")) {
                            throw new IllegalStateException("bad");
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "bad-small", "bad-" + "x".repeat(200), "ok");
            await("both dead-lettered and the partition moved on", () -> Long.valueOf(3).equals(h.committed(P0)));
            List<ProducerRecord<byte[], byte[]>> dlq = h.producer.history();
            assertThat(dlq).hasSize(2);
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.FALLBACK))
                    .isEqualTo(DeadLetterHeaders.FALLBACK_NO_STACKTRACE);
            assertThat(dlq.get(0).value()).isNotNull();
            assertThat(HeaderValues.getOrNull(dlq.get(0).headers(), DeadLetterHeaders.REASON))
                    .isEqualTo("RETRIES_EXHAUSTED");
            assertThat(HeaderValues.getOrNull(dlq.get(1).headers(), DeadLetterHeaders.FALLBACK))
                    .isEqualTo(DeadLetterHeaders.FALLBACK_REFERENCE_ONLY);
            assertThat(dlq.get(1).value()).isNull();
            assertThat(HeaderValues.getOrNull(dlq.get(1).headers(), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1");
            assertThat(HeaderValues.getOrNull(dlq.get(1).headers(), DeadLetterHeaders.VALUE_SIZE)).isNotNull();
            assertThat(h.metrics.forwardPermanentFailures()).isEqualTo(3);
            assertThat(h.metrics.deadLettered()).isEqualTo(2);
            h.stop();
        }
        assertThat(handled).containsExactly("ok");
    }

    @Test
    void anUnauthorizedDeadLetterTopicIsCountedAsPermanentAndWaitsWithoutLoss() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.producer.failure = new TopicAuthorizationException(Set.of("t.dlq"));
            h.producer.failWhen = r -> true;
            h.start(h.builder().deadLetterTopic("t.dlq").retryPolicy(RetryPolicy.noRetries())
                    .handle(OrderEvent.TYPE, m -> {
                        if (m.payload().id().equals("bad")) {
                            throw new IllegalStateException("bad");
                        }
                        handled.add(m.payload().id());
                    }), P0);
            h.send(P0, "a", "bad", "b");
            await("several failed writes", () -> h.metrics.forwardPermanentFailures() >= 3);
            assertThat(h.committed(P0)).as("nothing past the record whose dead letter is not written").isEqualTo(1L);
            assertThat(handled).containsExactly("a");
            assertThat(h.metrics.forwardOutages()).isZero();
            h.producer.failWhen = r -> false; // the operator granted the ACL
            await("written and committed", () -> Long.valueOf(3).equals(h.committed(P0)));
            assertThat(h.producer.history()).hasSize(1);
            h.stop();
        }
        assertThat(handled).containsExactly("a", "b");
    }

    /**
     * The lag of a partition that left (revoked, then lost) is no longer reported — not even while the client still
     * lists the partition, as the consumer protocol's client does until its background thread catches up — so a lag
     * gauge does not outlive the partition's move to another member.
     */
    @Test
    void aPartitionThatLeavesStopsReportingItsLagEvenWhileTheClientStillListsIt() throws Exception {
        try (LoopHarness h = new LoopHarness()) {
            h.consumer.updateEndOffsets(Map.of(P0, 1L, P1, 1L));
            h.start(h.builder().handle(OrderEvent.TYPE, m -> handled.add(m.payload().id())), P0, P1);
            h.send(P0, "a");
            h.send(P1, "b");
            await("lag of both reported", () -> h.metrics.lag().keySet().containsAll(Set.of(P0, P1)));

            h.onPollThread(() -> {
                h.consumer.lingering = Set.of(P0);
                h.consumer.rebalance(List.of(P1));
            });
            await("revoked", () -> h.metrics.revoked() == 1);
            Thread.sleep(200); // ten commit intervals, each with a lag report
            assertThat(h.metrics.lag()).as("revoked P0 no longer reported").containsOnlyKeys(P1);

            h.onPollThread(() -> {
                h.consumer.lingering = Set.of(P0, P1);
                h.consumer.loseNextRevocation = true;
                h.consumer.rebalance(List.of());
            });
            await("lost", () -> h.metrics.lost() == 1);
            Thread.sleep(200);
            assertThat(h.metrics.lag()).as("lost P1 no longer reported").isEmpty();
            assertThat(h.loop().failure()).as("pausing the lingering partitions did not end the loop").isNull();
            h.consumer.lingering = Set.of();
            h.stop();
        }
        assertThat(handled).containsExactlyInAnyOrder("a", "b");
    }
}
