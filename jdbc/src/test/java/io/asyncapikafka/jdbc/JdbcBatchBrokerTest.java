package io.asyncapikafka.jdbc;

import static io.asyncapikafka.jdbc.KafkaSupport.await;
import static io.asyncapikafka.jdbc.KafkaSupport.committedSum;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ClaimResult;
import io.asyncapikafka.runtime.consumer.ClaimedId;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.InMemoryConsumerMetrics;
import io.asyncapikafka.runtime.consumer.ProcessedEventStore;
import io.asyncapikafka.runtime.consumer.RecordBatch;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batched marks (issue 18's cost goal) under a real ConsumerRunner on PostgreSQL: the records a handler thread runs
 * on a partition in one go share one inbox transaction and one batched mark statement, and a failing batch commit
 * neither loses a record nor charges one twice.
 */
class JdbcBatchBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(300)).jitter(0).retryTopicRounds(0).build();
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(KafkaClientConfig.of(KAFKA.bootstrapServers())).build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static void send(String topic, int n) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Charge c = new Charge(topic + "-ev-" + i, topic + "-order-" + i, 100 + i);
            acks.add(producer.send(topic, Charge.TYPE, c.orderId(), c, null));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static ConsumerRunner.Builder runner(String topic) {
        return ConsumerRunner.builder(KafkaClientConfig.of(KAFKA.bootstrapServers())).groupId(topic + "-g")
                .clientId(topic + "-c").topics(topic).retryPolicy(FAST).commitInterval(Duration.ofMillis(100));
    }

    private static String ledger(DataSource ds) {
        String ledger = "ledger_" + Databases.freshTable();
        Databases.execute(ds, "CREATE TABLE " + ledger + " (order_id VARCHAR(64) NOT NULL, cents BIGINT NOT NULL)");
        return ledger;
    }

    private static void charge(Connection c, String ledger, Charge charge) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?)")) {
            ps.setString(1, charge.orderId());
            ps.setLong(2, charge.cents());
            ps.executeUpdate();
        }
    }

    /** The data source, counting the transactions committed through it; the first {@code failing} commits fail. */
    private static final class CountingDataSource {
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger failedCommits = new AtomicInteger();
        final DataSource dataSource;

        CountingDataSource(DataSource target, int failing) {
            this.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (p, m, args) -> {
                        Object result = invoke(m, target, args);
                        if (!m.getName().equals("getConnection")) {
                            return result;
                        }
                        Connection c = (Connection) result;
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (cp, cm, cargs) -> {
                                    if (cm.getName().equals("commit")) {
                                        if (failedCommits.get() < failing) {
                                            failedCommits.incrementAndGet();
                                            c.rollback(); // as a commit the database refused
                                            throw new SQLException("commit refused (test)", "40001");
                                        }
                                        commits.incrementAndGet();
                                    }
                                    return invoke(cm, c, cargs);
                                });
                    });
        }

        private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void theInboxCommitsARunOfRecordsInOneTransactionNotOnePerRecord(String db) {
        String topic = "batched-" + db;
        KAFKA.createTopic(topic, 1);
        DataSource pg = Databases.named(db);
        String ledger = ledger(pg);
        CountingDataSource counting = new CountingDataSource(pg, 0);
        String marks = Databases.freshTable();
        JdbcInbox inbox = JdbcInbox.builder(counting.dataSource).groupId(topic + "-g").table(marks)
                .createTableIfMissing(true).build();
        send(topic, 400); // sent before the consumer starts: its polls hand over long runs
        try (ConsumerRunner r = runner(topic)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> charge(c, ledger, m.payload()))).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == 400);
        }
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(400);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(400);
        // each batch's marks in multi-row inserts: every event marked once
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + marks + " WHERE state = 'PROCESSED'")).isEqualTo(400);
        // one transaction per record before; a run of records shares one now (at most 64 records per batch)
        assertThat(counting.commits.get()).isBetween(4, 100);
    }

    @ParameterizedTest
    @MethodSource("io.asyncapikafka.jdbc.Databases#all")
    void marksAlreadyThereFailTheMultiRowInsertAndThoseRecordsAreSkipped(String db) {
        // a re-delivery after a crash: 10 of 200 events were processed (their marks committed) before
        String topic = "remarked-" + db;
        KAFKA.createTopic(topic, 1);
        DataSource ds = Databases.named(db);
        String ledger = ledger(ds);
        String marks = Databases.freshTable();
        JdbcProcessedEventStore earlier = JdbcProcessedEventStore.builder(ds).table(marks).createTableIfMissing(true)
                .build();
        DedupContext events = new DedupContext(topic + "-g", Charge.TYPE.name(), DedupContext.Kind.EVENT_ID, topic, 0,
                0);
        for (int i = 0; i < 200; i += 20) {
            assertThat(earlier.claim(events, topic + "-ev-" + i)).isEqualTo(ClaimResult.CLAIMED);
            earlier.complete(events, topic + "-ev-" + i);
        }
        JdbcInbox inbox = JdbcInbox.builder(ds).groupId(topic + "-g").table(marks).build();
        send(topic, 200);
        try (ConsumerRunner r = runner(topic)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> charge(c, ledger, m.payload()))).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == 200);
        }
        assertThat(inbox.duplicatesSkipped()).isEqualTo(10);
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(190);
        assertThat(Databases.count(ds, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(190);
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + marks + " WHERE state = 'PROCESSED'")).isEqualTo(200);
    }

    @Test
    void withTheJdbcStoreOnTheSameTableTheInboxPromotesItsClaimsInBatches() {
        // the inbox inserts its marks without first looking for claims until it meets one: the first batch finds
        // the runner's claims in the way, is redone checked (promoting them), and the batches after it promote
        KAFKA.createTopic("shared", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        String marks = Databases.freshTable();
        CountingDataSource counting = new CountingDataSource(pg, 0);
        JdbcInbox inbox = JdbcInbox.builder(counting.dataSource).groupId("shared-g").table(marks)
                .createTableIfMissing(true).build();
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(pg).table(marks).createTableIfMissing(true)
                .build();
        AtomicInteger calls = new AtomicInteger();
        send("shared", 400);
        try (ConsumerRunner r = runner("shared").processedEventStore(store)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    calls.incrementAndGet();
                    charge(c, ledger, m.payload());
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "shared-g", "shared") == 400);
        }
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(400);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(400);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + marks + " WHERE state = 'PROCESSED'")).isEqualTo(400);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + marks + " WHERE state <> 'PROCESSED'")).isZero();
        // the first batch ran twice (optimistic, then checked); the others once
        assertThat(calls.get()).isLessThanOrEqualTo(400 + RecordBatch.MAX_RECORDS);
        assertThat(counting.commits.get()).isBetween(4, 100);
    }

    @Test
    void aBatchWhoseCommitFailsRunsAgainAndChargesEachOrderOnce() {
        KAFKA.createTopic("refused", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        CountingDataSource counting = new CountingDataSource(pg, 2);
        JdbcInbox inbox = JdbcInbox.builder(counting.dataSource).groupId("refused-g").table(Databases.freshTable())
                .createTableIfMissing(true).build();
        AtomicInteger calls = new AtomicInteger();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        send("refused", 150);
        try (ConsumerRunner r = runner("refused").metrics(metrics)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    calls.incrementAndGet();
                    charge(c, ledger, m.payload());
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "refused-g", "refused") == 150);
        }
        assertThat(counting.failedCommits).hasValue(2);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(150);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(150);
        assertThat(calls.get()).isGreaterThan(150); // the refused batches ran again: their rows had been rolled back
        assertThat(metrics.storeFailed()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.deadLettered()).isZero();
    }

    @Test
    void aHandlerFailingMidBatchIsRolledBackAndEachOrderIsChargedOnce() {
        KAFKA.createTopic("midbatch", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId("midbatch-g").table(Databases.freshTable())
                .createTableIfMissing(true).build();
        AtomicInteger failures = new AtomicInteger();
        send("midbatch", 120);
        try (ConsumerRunner r = runner("midbatch")
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    charge(c, ledger, m.payload());
                    // every 10th order fails its first attempt after writing its row
                    if (m.offset() % 10 == 5 && m.attempt() == 1) {
                        failures.incrementAndGet();
                        throw new IllegalStateException("transient, after the ledger write");
                    }
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "midbatch-g", "midbatch") == 120);
        }
        // each of the 12 fails its first attempt once: the inbox redoes the records before it checked, at once, and
        // the failing one alone is retried (attempt 2) by the runtime
        assertThat(failures.get()).isEqualTo(12);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(120);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(120);
    }

    @Test
    void theStoreMarksARunOfRecordsWithOneBatchedStatement() {
        KAFKA.createTopic("marks", 1);
        DataSource pg = Databases.postgres();
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(pg).table(Databases.freshTable())
                .createTableIfMissing(true).build();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        AtomicInteger singleCompletes = new AtomicInteger();
        ProcessedEventStore watched = new ProcessedEventStore() {
            @Override
            public ClaimResult claim(DedupContext context, String id) {
                return store.claim(context, id);
            }

            @Override
            public void complete(DedupContext context, String id) {
                singleCompletes.incrementAndGet();
                store.complete(context, id);
            }

            @Override
            public void release(DedupContext context, String id) {
                store.release(context, id);
            }

            @Override
            public boolean batchesCompletes() {
                return store.batchesCompletes();
            }

            @Override
            public void completeAll(List<ClaimedId> claims) {
                batchSizes.add(claims.size());
                store.completeAll(claims);
            }
        };
        AtomicInteger handled = new AtomicInteger();
        send("marks", 300);
        try (ConsumerRunner r = runner("marks").processedEventStore(watched)
                .handle(Charge.BY_EVENT_ID, m -> handled.incrementAndGet()).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "marks-g", "marks") == 300);
        }
        assertThat(handled).hasValue(300);
        assertThat(singleCompletes).hasValue(0);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(batchSizes.size()).isLessThan(75);
        DedupContext ctx = new DedupContext("marks-g", "OrderCharged", DedupContext.Kind.EVENT_ID, "marks", 0, 0);
        for (int i = 0; i < 300; i += 37) {
            assertThat(store.claim(ctx, "marks-ev-" + i)).isEqualTo(ClaimResult.ALREADY_PROCESSED);
        }
    }
}
