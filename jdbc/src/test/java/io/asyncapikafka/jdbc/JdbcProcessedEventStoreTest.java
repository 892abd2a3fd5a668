package io.asyncapikafka.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.consumer.ClaimResult;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.DedupContext.Kind;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store on H2 (file) and PostgreSQL: the SPI's answers, identity, races, leases, retention. */
class JdbcProcessedEventStoreTest {

    private static DedupContext ctx(String group, String type, Kind kind) {
        return new DedupContext(group, type, kind, "orders", 0, 42L);
    }

    private static final DedupContext EVENT = ctx("billing", "OrderCreated", Kind.EVENT_ID);

    private static JdbcProcessedEventStore store(DataSource ds, String table, Databases.ManualClock clock) {
        return JdbcProcessedEventStore.builder(ds).table(table).createTableIfMissing(true)
                .claimLease(Duration.ofSeconds(30)).clock(clock).build();
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void claimCompleteReleaseFollowTheSpi(String db) {
        DataSource ds = Databases.named(db);
        String table = Databases.freshTable();
        var clock = new Databases.ManualClock();
        JdbcProcessedEventStore store = store(ds, table, clock);

        assertThat(store.claim(EVENT, "e1")).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim(EVENT, "e1")).isEqualTo(ClaimResult.IN_FLIGHT);
        store.release(EVENT, "e1");
        store.release(EVENT, "e1"); // idempotent
        assertThat(store.claim(EVENT, "e1")).isEqualTo(ClaimResult.CLAIMED);
        store.complete(EVENT, "e1");
        store.complete(EVENT, "e1"); // idempotent
        assertThat(store.claim(EVENT, "e1")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        store.release(EVENT, "e1"); // a processed mark is not given up by a release
        assertThat(store.claim(EVENT, "e1")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        // a new store on the same table (a restart, another instance) sees the mark
        assertThat(store(ds, table, clock).claim(EVENT, "e1")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + table + " WHERE state = 'PROCESSED'"
                + " AND processed_at IS NOT NULL")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void identityIsGroupAndKindForEventIdsAndAlsoMessageTypeForBusinessKeys(String db) {
        DataSource ds = Databases.named(db);
        JdbcProcessedEventStore store = store(ds, Databases.freshTable(), new Databases.ManualClock());
        store.claim(ctx("billing", "OrderCreated", Kind.EVENT_ID), "x");
        store.complete(ctx("billing", "OrderCreated", Kind.EVENT_ID), "x");
        store.claim(ctx("billing", "OrderCreated", Kind.BUSINESS_KEY), "x");
        store.complete(ctx("billing", "OrderCreated", Kind.BUSINESS_KEY), "x");

        // an event id is one across message types (and topics, offsets: a retry copy)
        assertThat(store.claim(new DedupContext("billing", "OrderCancelled", Kind.EVENT_ID, "orders.retry", 3, 7),
                "x")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        // a business key is per message type
        assertThat(store.claim(ctx("billing", "OrderCancelled", Kind.BUSINESS_KEY), "x"))
                .isEqualTo(ClaimResult.CLAIMED);
        // groups never share
        assertThat(store.claim(ctx("shipping", "OrderCreated", Kind.EVENT_ID), "x")).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim(ctx("shipping", "OrderCreated", Kind.BUSINESS_KEY), "x"))
                .isEqualTo(ClaimResult.CLAIMED);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void ofManyRacingClaimsExactlyOneWins(String db) throws Exception {
        DataSource ds = Databases.named(db);
        String table = Databases.freshTable();
        var clock = new Databases.ManualClock();
        // several stores on one table: as many consumer instances
        List<JdbcProcessedEventStore> stores = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            stores.add(store(ds, table, clock));
        }
        stores.get(0).claim(EVENT, "warm-up"); // creates the table
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ClaimResult>> results = new ArrayList<>();
                for (JdbcProcessedEventStore s : stores) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.claim(EVENT, id);
                    }));
                }
                go.countDown();
                List<ClaimResult> answers = new ArrayList<>();
                for (Future<ClaimResult> f : results) {
                    answers.add(f.get());
                }
                assertThat(answers).filteredOn(r -> r == ClaimResult.CLAIMED).hasSize(1);
                assertThat(answers).filteredOn(r -> r == ClaimResult.IN_FLIGHT).hasSize(7);
            }
            // racing take-overs of one abandoned claim: exactly one wins too
            for (int round = 0; round < 10; round++) {
                String id = "takeover-" + round;
                assertThat(stores.get(0).claim(EVENT, id)).isEqualTo(ClaimResult.CLAIMED);
                clock.advance(31_000); // the claimer died: its lease ran out
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ClaimResult>> results = new ArrayList<>();
                for (JdbcProcessedEventStore s : stores) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return s.claim(EVENT, id);
                    }));
                }
                go.countDown();
                List<ClaimResult> answers = new ArrayList<>();
                for (Future<ClaimResult> f : results) {
                    answers.add(f.get());
                }
                assertThat(answers).filteredOn(r -> r == ClaimResult.CLAIMED).hasSize(1);
                assertThat(answers).filteredOn(r -> r == ClaimResult.IN_FLIGHT).hasSize(7);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void aClaimIsTakenOverOnlyAfterItsLease(String db) {
        DataSource ds = Databases.named(db);
        var clock = new Databases.ManualClock();
        JdbcProcessedEventStore store = store(ds, Databases.freshTable(), clock);
        assertThat(store.claim(EVENT, "slow")).isEqualTo(ClaimResult.CLAIMED);
        clock.advance(29_999);
        assertThat(store.claim(EVENT, "slow")).isEqualTo(ClaimResult.IN_FLIGHT);
        clock.advance(1);
        assertThat(store.claim(EVENT, "slow")).isEqualTo(ClaimResult.CLAIMED);
        // the take-over renewed the lease
        clock.advance(29_999);
        assertThat(store.claim(EVENT, "slow")).isEqualTo(ClaimResult.IN_FLIGHT);
        store.complete(EVENT, "slow");
        clock.advance(10_000_000);
        assertThat(store.claim(EVENT, "slow")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void retentionDeletesOnlyOldEntriesInBoundedBatches(String db) {
        DataSource ds = Databases.named(db);
        String table = Databases.freshTable();
        var clock = new Databases.ManualClock();
        JdbcProcessedEventStore store = store(ds, table, clock);
        for (int i = 0; i < 25; i++) {
            store.claim(EVENT, "old-" + i);
            store.complete(EVENT, "old-" + i);
        }
        store.claim(EVENT, "old-abandoned-claim");
        clock.advance(Duration.ofDays(2).toMillis());
        for (int i = 0; i < 5; i++) {
            store.claim(EVENT, "new-" + i);
            store.complete(EVENT, "new-" + i);
        }
        store.claim(EVENT, "new-claim");

        assertThat(store.purgeOlderThan(Duration.ofDays(1), 4)).isEqualTo(26);
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + table)).isEqualTo(6);
        assertThat(store.claim(EVENT, "old-3")).isEqualTo(ClaimResult.CLAIMED); // forgotten
        assertThat(store.claim(EVENT, "new-3")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        assertThat(store.claim(EVENT, "new-claim")).isEqualTo(ClaimResult.IN_FLIGHT);
        assertThat(store.purgeOlderThan(Duration.ofDays(1), 4)).isZero();
        assertThatThrownBy(() -> store.purgeOlderThan(Duration.ofDays(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void thePurgerRunsOnItsOwnThread(String db) throws Exception {
        DataSource ds = Databases.named(db);
        String table = Databases.freshTable();
        var clock = new Databases.ManualClock();
        JdbcProcessedEventStore store = store(ds, table, clock);
        for (int i = 0; i < 10; i++) {
            store.claim(EVENT, "p-" + i);
            store.complete(EVENT, "p-" + i);
        }
        clock.advance(Duration.ofHours(2).toMillis());
        try (Purger purger = store.startPurger(Duration.ofHours(1), 3, Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (purger.deleted() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(purger.deleted()).isEqualTo(10);
            assertThat(purger.failures()).isZero();
        }
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + table)).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void aValueTheColumnCannotHoldIsRefusedAsNonRetryableNotADuplicateNorAnOutage(String db) {
        DataSource ds = Databases.named(db);
        JdbcProcessedEventStore store = store(ds, Databases.freshTable(), new Databases.ManualClock());
        String tooLong = "x".repeat(300); // the id column is VARCHAR(255)
        // a data exception (SQLSTATE class 22): the same on every try, so the runtime dead-letters the record
        assertThatThrownBy(() -> store.claim(EVENT, tooLong)).isInstanceOf(JdbcDataException.class)
                .isInstanceOf(io.asyncapikafka.runtime.NonRetryableException.class)
                .hasMessageContaining("claim of EVENT_ID").hasMessageContaining("SQLSTATE 22")
                .hasMessageContaining("300 characters");
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void aMissingTableIsAStoreFailureUnlessCreationIsAsked(String db) {
        DataSource ds = Databases.named(db);
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(ds).table(Databases.freshTable()).build();
        assertThatThrownBy(() -> store.claim(EVENT, "e")).isInstanceOf(JdbcStoreException.class);
        assertThatThrownBy(() -> JdbcProcessedEventStore.builder(ds).table("x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain SQL identifier");
    }

    @Test
    void aStatementStuckBehindALockTimesOutAsAStoreFailure() throws Exception {
        DataSource ds = Databases.postgres();
        String table = Databases.freshTable();
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(ds).table(table).createTableIfMissing(true)
                .queryTimeout(Duration.ofSeconds(1)).build();
        assertThat(store.claim(EVENT, "locked")).isEqualTo(ClaimResult.CLAIMED);
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE " + table + " SET claimed_at = claimed_at WHERE id = 'locked'"); // row lock held
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.complete(EVENT, "locked")).isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("complete of EVENT_ID 'locked'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            other.rollback();
        }
        store.complete(EVENT, "locked"); // the lock gone, the retried call succeeds
        assertThat(store.claim(EVENT, "locked")).isEqualTo(ClaimResult.ALREADY_PROCESSED);
    }
}
