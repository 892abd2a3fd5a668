package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryProcessedEventStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    private static final DedupContext EVENTS =
            new DedupContext("g", "OrderCreated", DedupContext.Kind.EVENT_ID, "orders", 0, 7);

    private static ClaimResult claimAndComplete(InMemoryProcessedEventStore store, String id) {
        ClaimResult result = store.claim(EVENTS, id);
        if (result == ClaimResult.CLAIMED) {
            store.complete(EVENTS, id);
        }
        return result;
    }

    @Test
    void remembersCompletedIds() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofMinutes(1), clock);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.CLAIMED);
        store.complete(EVENTS, "a");
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(store.claim(EVENTS, "b")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void aClaimInProgressIsInFlightForOthersUntilReleased() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofMinutes(1), clock);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.CLAIMED);
        // a retry copy of the same event on another topic and offset: same identity
        var retryCopy = new DedupContext("g", "OrderCreated", DedupContext.Kind.EVENT_ID, "orders.retry", 2, 99);
        assertThat(store.claim(retryCopy, "a")).isEqualTo(ClaimResult.IN_FLIGHT);
        store.release(EVENTS, "a");
        assertThat(store.claim(retryCopy, "a")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void releaseAfterCompleteKeepsTheIdProcessed() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofMinutes(1), clock);
        claimAndComplete(store, "a");
        store.release(EVENTS, "a");
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    }

    @Test
    void idsAreScopedByGroupAndKindAndBusinessKeysByMessageType() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofMinutes(1), clock);
        claimAndComplete(store, "a");
        assertThat(store.claim(new DedupContext("other", "OrderCreated", DedupContext.Kind.EVENT_ID, "orders", 0, 7),
                "a")).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim(EVENTS.withKind(DedupContext.Kind.BUSINESS_KEY), "a")).isEqualTo(ClaimResult.CLAIMED);
        // event ids are unique across message types; business keys only within one
        assertThat(store.claim(new DedupContext("g", "OrderCancelled", DedupContext.Kind.EVENT_ID, "orders", 0, 8),
                "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(store.claim(new DedupContext("g", "OrderCancelled", DedupContext.Kind.BUSINESS_KEY, "orders", 0, 8),
                "a")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void anAbandonedClaimIsTakenOverAfterItsLease() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofHours(1), Duration.ofSeconds(10), clock);
        store.claim(EVENTS, "a");
        now.addAndGet(9_999);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.IN_FLIGHT);
        now.addAndGet(1);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void concurrentClaimsOfOneIdHaveExactlyOneWinner() throws Exception {
        var store = InMemoryProcessedEventStore.create();
        int threads = 8;
        for (int round = 0; round < 200; round++) {
            String id = "id-" + round;
            var start = new java.util.concurrent.CountDownLatch(1);
            var wins = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> all = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (store.claim(EVENTS, id) == ClaimResult.CLAIMED) {
                        wins.incrementAndGet();
                    }
                });
                th.start();
                all.add(th);
            }
            start.countDown();
            for (Thread th : all) {
                th.join();
            }
            assertThat(wins).as("winners of %s", id).hasValue(1);
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheBound() {
        var store = InMemoryProcessedEventStore.create(2, Duration.ofMinutes(1), clock);
        claimAndComplete(store, "a");
        claimAndComplete(store, "b");
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED); // b is now the eldest
        claimAndComplete(store, "c");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(store.claim(EVENTS, "c")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(store.claim(EVENTS, "b")).isEqualTo(ClaimResult.CLAIMED); // forgotten
    }

    @Test
    void aLargeBoundIsStripedAndStillKeepsTheMostRecentIds() {
        // 40,000 entries: 8 stripes of 5,000, each its own least-recently-used order
        var store = InMemoryProcessedEventStore.create(40_000, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 50_000; i++) {
            claimAndComplete(store, java.util.UUID.nameUUIDFromBytes(("e" + i).getBytes()).toString());
        }
        assertThat(store.size()).isEqualTo(40_000); // every stripe full: the shares add up to the bound
        for (int i = 50_000 - 30_000; i < 50_000; i++) {
            assertThat(store.claim(EVENTS, java.util.UUID.nameUUIDFromBytes(("e" + i).getBytes()).toString()))
                    .as("recent id %d", i).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        }
        int forgotten = 0;
        for (int i = 0; i < 5_000; i++) {
            String id = java.util.UUID.nameUUIDFromBytes(("e" + i).getBytes()).toString();
            if (store.claim(EVENTS, id) == ClaimResult.CLAIMED) {
                forgotten++;
                store.release(EVENTS, id);
            }
        }
        assertThat(forgotten).as("the oldest 5,000 of 50,000 with a bound of 40,000").isEqualTo(5_000);
    }

    @Test
    void neverEvictsAClaimInProgress() {
        var store = InMemoryProcessedEventStore.create(2, Duration.ofMinutes(1), clock);
        store.claim(EVENTS, "running");
        claimAndComplete(store, "b");
        claimAndComplete(store, "c");
        claimAndComplete(store, "d");
        assertThat(store.claim(EVENTS, "running")).isEqualTo(ClaimResult.IN_FLIGHT);
        assertThat(store.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void forgetsIdsAfterTheirTimeToLive() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofSeconds(30), clock);
        claimAndComplete(store, "a");
        now.addAndGet(29_999);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        now.addAndGet(1);
        assertThat(store.claim(EVENTS, "a")).isEqualTo(ClaimResult.CLAIMED);
    }
}
