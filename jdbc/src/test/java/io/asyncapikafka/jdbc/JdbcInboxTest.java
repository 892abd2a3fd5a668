package io.asyncapikafka.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import io.asyncapikafka.runtime.consumer.HandlerDriver.Status;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The inbox on H2 (file) and PostgreSQL, through the runtime's own processing (HandlerDriver). */
class JdbcInboxTest {

    private record Setup(DataSource ds, String marks, String ledger, JdbcInbox inbox) {}

    private static Setup setup(String db) {
        DataSource ds = Databases.named(db);
        String marks = Databases.freshTable();
        String ledger = "ledger_" + marks;
        Databases.execute(ds, "CREATE TABLE " + ledger + " (event_id VARCHAR(64) NOT NULL, order_id VARCHAR(64)"
                + " NOT NULL, cents BIGINT NOT NULL)"); // no unique key: only the inbox keeps rows single
        JdbcInbox inbox = JdbcInbox.builder(ds).groupId("billing").table(marks).createTableIfMissing(true).build();
        return new Setup(ds, marks, ledger, inbox);
    }

    private static void writeLedger(Connection c, String ledger, Charge charge) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?, ?)")) {
            ps.setString(1, charge.eventId());
            ps.setString(2, charge.orderId());
            ps.setLong(3, charge.cents());
            ps.executeUpdate();
        }
    }

    /** A fresh in-memory event-id store per driver: as after a crash, only the database remembers. */
    private static HandlerDriver driver(Setup s, AtomicInteger calls, int failFirst) {
        return HandlerDriver.builder().groupId("billing")
                .processedEventStore(InMemoryProcessedEventStore.create())
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1)).jitter(0)
                        .retryTopicRounds(0).build())
                .handle(Charge.BY_EVENT_ID, s.inbox().handler((m, c) -> {
                    writeLedger(c, s.ledger(), m.payload());
                    if (calls.incrementAndGet() <= failFirst) {
                        throw new IllegalStateException("boom after the ledger write");
                    }
                }))
                .build();
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void aDuplicateDeliveryWritesOneLedgerRow(String db) {
        Setup s = setup(db);
        AtomicInteger calls = new AtomicInteger();
        Charge charge = new Charge("ev-1", "order-1", 1250);
        assertThat(driver(s, calls, 0).deliver("orders", Charge.BY_EVENT_ID, "order-1", charge, null).status())
                .isEqualTo(Status.PROCESSED);
        // redelivered after a "crash": a new process, whose in-memory store knows nothing
        assertThat(driver(s, calls, 0).deliver("orders", Charge.BY_EVENT_ID, "order-1", charge, null).status())
                .isEqualTo(Status.PROCESSED);
        assertThat(calls).hasValue(1);
        assertThat(s.inbox().duplicatesSkipped()).isEqualTo(1);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.ledger())).isEqualTo(1);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.marks() + " WHERE state = 'PROCESSED'"
                + " AND group_id = 'billing' AND kind = 'EVENT_ID' AND id = 'ev-1'")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void aHandlerThatThrowsAfterWritingLeavesNoRowAndNoMark(String db) {
        Setup s = setup(db);
        AtomicInteger calls = new AtomicInteger();
        Charge charge = new Charge("ev-2", "order-2", 990);
        // every attempt writes, then throws: dead-lettered, and the database holds neither the row nor the mark
        var result = driver(s, calls, Integer.MAX_VALUE).deliver("orders", Charge.BY_EVENT_ID, "order-2", charge,
                null);
        assertThat(result.status()).isEqualTo(Status.DEAD_LETTERED);
        assertThat(result.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        assertThat(calls).hasValue(3);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.ledger())).isZero();
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.marks())).isZero();

        // fails twice, then succeeds in place: exactly one row, one mark
        calls.set(0);
        AtomicInteger again = new AtomicInteger();
        assertThat(driver(s, again, 2).deliver("orders", Charge.BY_EVENT_ID, "order-2", charge, null).status())
                .isEqualTo(Status.PROCESSED);
        assertThat(again).hasValue(3);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.ledger())).isEqualTo(1);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.marks())).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void concurrentDeliveriesOfOneEventInTwoProcessesWriteOneRow(String db) throws Exception {
        Setup s = setup(db);
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                Charge charge = new Charge("ev-c" + round, "order-c" + round, 100);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Status>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    HandlerDriver d = driver(s, calls, 0); // its own in-memory store: another process
                    results.add(pool.submit(() -> {
                        go.await();
                        return d.deliver("orders", Charge.BY_EVENT_ID, charge.orderId(), charge, null).status();
                    }));
                }
                go.countDown();
                for (Future<Status> f : results) {
                    // a lock wait that times out is a handler failure, retried in place; all end processed
                    assertThat(f.get()).isEqualTo(Status.PROCESSED);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.ledger())).isEqualTo(10);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(DISTINCT event_id) FROM " + s.ledger())).isEqualTo(10);
        assertThat(calls).hasValue(10);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void composesWithTheJdbcStoreOnTheSameTable(String db) {
        Setup s = setup(db);
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(s.ds()).table(s.marks())
                .createTableIfMissing(true).build();
        AtomicInteger calls = new AtomicInteger();
        HandlerDriver driver = HandlerDriver.builder().groupId("billing").processedEventStore(store)
                .handle(Charge.BY_EVENT_ID, s.inbox().handler((m, c) -> {
                    calls.incrementAndGet();
                    writeLedger(c, s.ledger(), m.payload());
                }))
                .build();
        Charge charge = new Charge("ev-3", "order-3", 5);
        assertThat(driver.deliver("orders", Charge.BY_EVENT_ID, "k", charge, null).status())
                .isEqualTo(Status.PROCESSED);
        // the store's claim row became the inbox's mark; a second delivery is skipped by the store itself
        assertThat(driver.deliver("orders", Charge.BY_EVENT_ID, "k", charge, null).status())
                .isEqualTo(Status.DUPLICATE);
        assertThat(calls).hasValue(1);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.marks() + " WHERE state = 'PROCESSED'"))
                .isEqualTo(1);
        assertThat(Databases.count(s.ds(), "SELECT COUNT(*) FROM " + s.ledger())).isEqualTo(1);
    }
}
