package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.BrokerSupport;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17, processing half: Errors from handlers (R1), interrupts (R2), failing dedup stores (R4), claims before the
 * handler (D4), retry copies of other groups (R6). Through {@link HandlerDriver} and {@link RecordProcessor}, the
 * processing the broker loop runs.
 */
class ProcessingFaultsTest {

    private static final RetryPolicy QUICK = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5)).jitter(0).retryTopicRounds(0).build();

    private final InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // never leak an interrupt into the next test
    }

    static Supplier<Throwable>[] nonFatalErrors() {
        @SuppressWarnings("unchecked")
        Supplier<Throwable>[] errors = new Supplier[] {
            () -> new AssertionError("assert"),
            () -> new StackOverflowError("deep"),
            () -> new NoClassDefFoundError("com/example/Gone"),
            () -> new ExceptionInInitializerError("static init"),
        };
        return errors;
    }

    @ParameterizedTest
    @MethodSource("nonFatalErrors")
    void aNonFatalErrorIsAHandlerFailureRetriedThenDeadLettered(Supplier<Throwable> error) {
        HandlerDriver driver = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    throw (Error) error.get();
                })
                .build();
        var result = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(result.status()).isEqualTo(HandlerDriver.Status.DEAD_LETTERED);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(calls).hasValue(3);
        assertThat(metrics.failed()).isEqualTo(3);
        assertThat(metrics.retried()).isEqualTo(2);
        assertThat(HeaderValues.getOrNull(result.forwarded().headers(), DeadLetterHeaders.EXCEPTION_CLASS))
                .isEqualTo(error.get().getClass().getName());
    }

    @Test
    void aVirtualMachineErrorOtherThanStackOverflowIsFatalAndReleasesTheClaim() {
        var store = InMemoryProcessedEventStore.create();
        AtomicReference<Error> toThrow = new AtomicReference<>(new OutOfMemoryError("test: heap"));
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .processedEventStore(store)
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    Error e = toThrow.get();
                    if (e != null) {
                        throw e;
                    }
                })
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> rec = record("orders", 0, OrderEvent.of("e1"));
        for (Error fatal : new Error[] {new OutOfMemoryError("heap"), new InternalError("jit"),
                new UnknownError("?")}) {
            toThrow.set(fatal);
            Outcome outcome = processor.process(rec, 1, true);
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Fatal.class, f -> assertThat(f.error()).isSameAs(fatal));
        }
        assertThat(metrics.failed()).isZero();
        toThrow.set(null);
        assertThat(processor.process(rec, 1, true)).isEqualTo(new Outcome.Done(false)); // the claim was given up
        assertThat(calls).hasValue(4);
    }

    @Test
    void aFatalErrorFromTheDriverIsThrownToTheTest() {
        HandlerDriver driver = HandlerDriver.builder().handle(OrderEvent.TYPE, m -> {
            throw new OutOfMemoryError("test");
        }).build();
        assertThatThrownBy(() -> driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null))
                .isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void anInterruptedHandlerIsAbandonedNotFailedAndKeepsItsInterruptStatus() {
        HandlerDriver driver = HandlerDriver.builder().metrics(metrics).retryPolicy(RetryPolicy.noRetries())
                .handle(OrderEvent.TYPE, m -> {
                    if (calls.incrementAndGet() == 1) {
                        Thread.sleep(10_000); // interrupted below, as close() / halt() does after shutdownTimeout
                    }
                })
                .build();
        Thread current = Thread.currentThread();
        CompletableFuture.runAsync(() -> {
            sleep(100);
            current.interrupt();
        });
        var result = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(result.status()).isEqualTo(HandlerDriver.Status.ABANDONED);
        assertThat(result.error()).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status restored").isTrue();
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(metrics.failed()).isZero();
        assertThat(metrics.retried()).isZero();
        // not finished and not marked: the next delivery runs the handler
        var again = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(again.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aWrappedInterruptAndAnInterruptedThreadAreAbandonedToo() {
        HandlerDriver driver = HandlerDriver.builder().metrics(metrics).retryPolicy(RetryPolicy.noRetries())
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    if (m.payload().id().equals("wrapped")) {
                        throw new IllegalStateException("client gave up", new InterruptedException());
                    }
                    Thread.currentThread().interrupt(); // e.g. a library that restored the flag and threw
                    throw new IllegalStateException("aborted");
                })
                .build();
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("wrapped"), null).status())
                .isEqualTo(HandlerDriver.Status.ABANDONED);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("flag"), null).status())
                .isEqualTo(HandlerDriver.Status.ABANDONED);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        // still interrupted: the next record is abandoned before its handler runs
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("next"), null).status())
                .isEqualTo(HandlerDriver.Status.ABANDONED);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(calls).hasValue(2);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(metrics.failed()).isZero();
    }

    /** A store that fails its first {@code failures} calls of each kind it is told to fail. */
    static final class FlakyStore implements ProcessedEventStore {
        final InMemoryProcessedEventStore delegate = InMemoryProcessedEventStore.create();
        final AtomicInteger claimFailures = new AtomicInteger();
        final AtomicInteger completeFailures = new AtomicInteger();
        final AtomicInteger claims = new AtomicInteger();
        final AtomicInteger completes = new AtomicInteger();

        @Override
        public ClaimResult claim(DedupContext context, String id) {
            claims.incrementAndGet();
            if (claimFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            return delegate.claim(context, id);
        }

        @Override
        public void complete(DedupContext context, String id) {
            completes.incrementAndGet();
            if (completeFailures.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            delegate.complete(context, id);
        }

        @Override
        public void release(DedupContext context, String id) {
            delegate.release(context, id);
        }
    }

    @Test
    void aFailingClaimIsRetriedWithBackOffWithoutRunningTheHandlerNorUsingUpItsAttempts() {
        FlakyStore store = new FlakyStore();
        store.claimFailures.set(5);
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .processedEventStore(store)
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("handler down");
                })
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> rec = record("orders", 0, OrderEvent.of("e1"));
        int attempt = 1;
        for (; attempt <= 5; attempt++) {
            Outcome outcome = processor.process(rec, attempt, true);
            assertThat(outcome).isInstanceOfSatisfying(Outcome.RetryInPlace.class, r -> {
                assertThat(r.backoff()).isPositive();
                assertThat(r.error()).isInstanceOf(DeferredAttempt.class).hasMessageContaining("database down");
            });
        }
        assertThat(calls).hasValue(0);
        assertThat(metrics.storeFailed()).isEqualTo(5);
        assertThat(metrics.failed()).isZero();
        // the store is back: the handler gets all of its 3 attempts, numbered from 1
        assertThat(processor.process(rec, attempt++, true)).isInstanceOf(Outcome.RetryInPlace.class);
        assertThat(processor.process(rec, attempt++, true)).isInstanceOf(Outcome.RetryInPlace.class);
        Outcome last = processor.process(rec, attempt, true);
        assertThat(last).isInstanceOfSatisfying(Outcome.Forward.class, f -> {
            assertThat(f.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
            assertThat(f.attempts()).isEqualTo(3);
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    void aHandlerWhoseStoreIsUnavailableIsTriedAgainWithoutUsingUpItsAttemptsNorBeingDeadLettered() {
        AtomicInteger down = new AtomicInteger(7); // more tries than the policy's 3 attempts
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    if (down.getAndDecrement() > 0) {
                        // as the JDBC inbox throws it: the outage wrapped, anywhere in the cause chain
                        throw new IllegalStateException("ledger write", new io.asyncapikafka.runtime
                                .StoreUnavailableException("database down", new java.sql.SQLException("refused")));
                    }
                    if (m.attempt() == 1) {
                        throw new IllegalStateException("a real failure, counted");
                    }
                })
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> rec = record("orders", 0, OrderEvent.of("e1"));
        int attempt = 1;
        for (; attempt <= 7; attempt++) {
            assertThat(processor.process(rec, attempt, true)).isInstanceOfSatisfying(Outcome.RetryInPlace.class,
                    r -> assertThat(r.error()).isInstanceOf(DeferredAttempt.class));
        }
        assertThat(metrics.storeFailed()).isEqualTo(7);
        assertThat(metrics.failed()).isZero();
        // back: the handler's attempts are numbered from 1 (its first real failure is attempt 1, then it succeeds)
        assertThat(processor.process(rec, attempt++, true)).isInstanceOf(Outcome.RetryInPlace.class);
        assertThat(processor.process(rec, attempt, true)).isEqualTo(new Outcome.Done(false));
        assertThat(metrics.failed()).isEqualTo(1);
        assertThat(metrics.deadLettered()).isZero();
        assertThat(calls).hasValue(9);
    }

    @Test
    void aStoreOutageIsLoggedWithoutStackTracesAndNotOnEveryTry() {
        FlakyStore store = new FlakyStore();
        store.claimFailures.set(25);
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .processedEventStore(store)
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> rec = record("orders", 0, OrderEvent.of("e1"));
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err; // slf4j-simple writes to the current System.err
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        Outcome last;
        try {
            int attempt = 1;
            do {
                last = processor.process(rec, attempt++, true);
            } while (last instanceof Outcome.RetryInPlace);
        } finally {
            System.setErr(original);
        }
        assertThat(last).isEqualTo(new Outcome.Done(false));
        assertThat(metrics.storeFailed()).isEqualTo(25);
        List<String> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        // the first failure, then every tenth: one line each, no stack trace, never ERROR
        assertThat(lines).filteredOn(l -> l.contains("claiming event id e1")).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("WARN").contains("database down"));
        assertThat(lines).noneMatch(l -> l.contains("ERROR") || l.startsWith("\tat "));
    }

    @Test
    void aFailingCompleteAfterSuccessIsRetriedAloneAndNeverRerunsTheHandler() {
        FlakyStore store = new FlakyStore();
        store.completeFailures.set(4);
        HandlerDriver driver = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK).processedEventStore(store)
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .build();
        var result = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(result.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(calls).hasValue(1);
        assertThat(store.completes).hasValue(5);
        assertThat(metrics.storeFailed()).isEqualTo(4);
        assertThat(driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).status())
                .isEqualTo(HandlerDriver.Status.DUPLICATE);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCompleteThatNeverSucceedsIsAbandonedWhenTheThreadIsInterrupted() throws Exception {
        FlakyStore store = new FlakyStore();
        store.completeFailures.set(Integer.MAX_VALUE);
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .processedEventStore(store)
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> rec = record("orders", 0, OrderEvent.of("e1"));
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread handlerThread = new Thread(() -> {
            outcome.set(processor.process(rec, 1, true));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        handlerThread.start();
        BrokerSupport.await("three failed completes", Duration.ofSeconds(10), () -> store.completes.get() >= 3);
        handlerThread.interrupt();
        handlerThread.join(5_000);
        assertThat(outcome.get()).isInstanceOf(Outcome.Abandoned.class);
        assertThat(interruptedAfter.get()).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(metrics.failed()).isZero();
        // the claim stays (the side effect happened): another delivery in this process does not run the handler
        assertThat(processor.process(rec, 1, true)).isInstanceOfSatisfying(Outcome.RetryInPlace.class,
                r -> assertThat(r.error()).hasMessageContaining("claimed by another attempt"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void twoDeliveriesOfOneEventNeverRunAtOnce() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .handle(OrderEvent.TYPE, m -> {
                    calls.incrementAndGet();
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    inHandler.countDown();
                    finish.await(10, TimeUnit.SECONDS);
                    concurrent.decrementAndGet();
                })
                .newProcessor(Clock.systemUTC());
        ConsumerRecord<byte[], byte[]> original = record("orders", 0, OrderEvent.of("e1"));
        ConsumerRecord<byte[], byte[]> retryCopy = record("orders.retry", 0, OrderEvent.of("e1"));
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> processor.process(original, 1, true));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        Outcome second = processor.process(retryCopy, 1, true);
        assertThat(second).isInstanceOfSatisfying(Outcome.RetryInPlace.class,
                r -> assertThat(r.error()).isInstanceOf(DeferredAttempt.class));
        assertThat(metrics.claimedElsewhere()).isEqualTo(1);
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome.Done(false));
        assertThat(processor.process(retryCopy, 2, true)).isEqualTo(new Outcome.Done(true));
        assertThat(calls).hasValue(1);
        assertThat(maxConcurrent).hasValue(1);
    }

    @Test
    void aBusinessKeyInFlightWaitsThenIsADuplicateKey() throws Exception {
        var type = OrderEvent.TYPE.withBusinessKey(m -> m.payload().ref());
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        var events = InMemoryProcessedEventStore.create();
        RecordProcessor processor = HandlerDriver.builder().metrics(metrics).retryPolicy(QUICK)
                .processedEventStore(events)
                .handle(type, m -> {
                    calls.incrementAndGet();
                    inHandler.countDown();
                    finish.await(10, TimeUnit.SECONDS);
                })
                .newProcessor(Clock.systemUTC());
        // two events (two ids) with one business key, on two partitions handled at once
        ConsumerRecord<byte[], byte[]> a = record("orders", 0, new OrderEvent("e1", "R", 1));
        ConsumerRecord<byte[], byte[]> b = record("orders", 1, new OrderEvent("e2", "R", 1));
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> processor.process(a, 1, true));
        assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(processor.process(b, 1, true)).isInstanceOf(Outcome.RetryInPlace.class);
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome.Done(false));
        assertThat(processor.process(b, 2, true)).isInstanceOfSatisfying(Outcome.Forward.class,
                f -> assertThat(f.reason()).isEqualTo(DeadLetterReason.DUPLICATE_KEY));
        assertThat(calls).hasValue(1);
        // the duplicate's event id was released, not marked processed (a replay of e2 from the DLQ is judged anew)
        assertThat(events.claim(new DedupContext("test-group", "OrderCreated", DedupContext.Kind.EVENT_ID, "orders", 1,
                0), "e2")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void aGroupSkipsRetryCopiesOfAnotherGroup() {
        HandlerDriver writer = HandlerDriver.builder().groupId("billing")
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).retryTopicRounds(1).build())
                .retryTopic("orders.retry")
                .handle(OrderEvent.TYPE, m -> {
                    throw new IllegalStateException("down");
                })
                .build();
        ProducerRecord<byte[], byte[]> copy =
                writer.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).forwarded();
        assertThat(HeaderValues.getOrNull(copy.headers(), RetryHeaders.CONSUMER_GROUP)).isEqualTo("billing");

        HandlerDriver other = HandlerDriver.builder().groupId("shipping").metrics(metrics).retryTopic("orders.retry")
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .build();
        assertThat(other.deliver(copy).status()).isEqualTo(HandlerDriver.Status.DUPLICATE);
        assertThat(calls).hasValue(0);
        assertThat(metrics.foreignRetrySkipped()).isEqualTo(1);
        assertThat(other.deadLetters()).isEmpty();

        // a consumer of the retry topic as its main topic (no retry topic of its own there) sees every copy
        HandlerDriver audit = HandlerDriver.builder().groupId("audit")
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .build();
        assertThat(audit.deliver(copy).status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(calls).hasValue(1);
        calls.set(0);

        HandlerDriver same = HandlerDriver.builder().groupId("billing")
                .handle(OrderEvent.TYPE, m -> calls.incrementAndGet())
                .build();
        assertThat(same.deliver(copy).status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(calls).hasValue(1);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, OrderEvent event) {
        ProducerRecord<byte[], byte[]> p =
                OutgoingRecords.create("urn:test").encode(topic, OrderEvent.TYPE, "k", event, null);
        return new ConsumerRecord<>(topic, partition, 0, 0, TimestampType.CREATE_TIME, -1, p.value().length, p.key(),
                p.value(), p.headers(), Optional.empty());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
