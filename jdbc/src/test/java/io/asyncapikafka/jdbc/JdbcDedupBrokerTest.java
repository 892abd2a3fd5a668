package io.asyncapikafka.jdbc;

import static io.asyncapikafka.jdbc.KafkaSupport.await;
import static io.asyncapikafka.jdbc.KafkaSupport.committedSum;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.InMemoryConsumerMetrics;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store and inbox under a real ConsumerRunner on the in-JVM broker, with PostgreSQL. */
class JdbcDedupBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(300)).jitter(0).retryTopicRounds(0).build();
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config()).build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    private static KafkaClientConfig config() {
        return KafkaClientConfig.of(KAFKA.bootstrapServers());
    }

    private static void send(String topic, List<Charge> charges) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Charge c : charges) {
            acks.add(producer.send(topic, Charge.TYPE, c.orderId(), c, null));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static List<Charge> charges(String prefix, int n) {
        List<Charge> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Charge(prefix + "-ev-" + i, prefix + "-order-" + i, 100 + i));
        }
        return out;
    }

    @Test
    void aDatabaseOutageIsRetriedWithBackOffLosingNothingAndNotRerunningAHandlerThatSucceeded() {
        KAFKA.createTopic("outage", 1);
        List<Charge> charges = charges("o", 30);
        send("outage", charges);
        Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (RestartablePostgres pg = new RestartablePostgres()) {
            JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(pg.dataSource())
                    .createTableIfMissing(true).build();
            try (ConsumerRunner runner = ConsumerRunner.builder(config()).groupId("outage-g").topics("outage")
                    .processedEventStore(store).retryPolicy(FAST).metrics(metrics)
                    .commitInterval(Duration.ofMillis(100))
                    .handle(Charge.BY_EVENT_ID, m -> {
                        int n = sideEffects.values().stream().mapToInt(AtomicInteger::get).sum();
                        sideEffects.computeIfAbsent(m.payload().eventId(), k -> new AtomicInteger())
                                .incrementAndGet();
                        if (n == 9) {
                            // the database goes down right after the 10th side effect, before its mark
                            pg.stop();
                        }
                    })
                    .build().start()) {
                await("store failures while the database is down", WAIT, () -> metrics.storeFailed() >= 5);
                int doneWhileDown = sideEffects.size();
                assertThat(doneWhileDown).isEqualTo(10); // nothing ran without its claim
                assertThat(committedSum(KAFKA, "outage-g", "outage")).isLessThanOrEqualTo(9);
                pg.start();
                await("every record handled", WAIT, () -> sideEffects.size() == 30);
                await("everything committed", WAIT, () -> committedSum(KAFKA, "outage-g", "outage") == 30);
            }
            assertThat(sideEffects.keySet()).hasSize(30);
            // the 10th record's mark failed: only the mark was retried, its handler ran once
            assertThat(sideEffects.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(metrics.deadLettered()).isZero();
            assertThat(metrics.processed()).isEqualTo(30);
            assertThat(Databases.count(pg.dataSource(), "SELECT COUNT(*) FROM " + store.table()
                    + " WHERE state = 'PROCESSED'")).isEqualTo(30);
        }
    }

    @Test
    void anEventIdTooLongForItsColumnIsDeadLetteredNonRetryableAndThePartitionMovesOn() {
        KAFKA.createTopic("long-ids", 1);
        KAFKA.createTopic("long-ids.dlq", 1);
        List<Charge> charges = charges("l", 6);
        String tooLong = "x".repeat(300); // the id column is VARCHAR(255): the claim is refused for the value
        charges.set(2, new Charge(tooLong, "l-order-2", 102));
        send("long-ids", charges);
        Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(Databases.postgres())
                .table(Databases.freshTable()).createTableIfMissing(true).build();
        try (ConsumerRunner runner = ConsumerRunner.builder(config()).groupId("long-ids-g").topics("long-ids")
                .processedEventStore(store).retryPolicy(FAST).metrics(metrics)
                .commitInterval(Duration.ofMillis(100))
                .handle(Charge.BY_EVENT_ID, m -> sideEffects.computeIfAbsent(m.payload().eventId(),
                        k -> new AtomicInteger()).incrementAndGet())
                .build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "long-ids-g", "long-ids") == 6);
        }
        assertThat(sideEffects.keySet()).hasSize(5).doesNotContain(tooLong);
        assertThat(sideEffects.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        List<ConsumerRecord<byte[], byte[]>> dlq = KafkaSupport.readAll(KAFKA, "long-ids.dlq");
        assertThat(dlq).singleElement().satisfies(r -> {
            assertThat(KafkaSupport.header(r, DeadLetterHeaders.REASON)).isEqualTo("NON_RETRYABLE");
            assertThat(KafkaSupport.header(r, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("SQLSTATE 22")
                    .contains("300 characters");
        });
    }

    @Test
    void aBusinessKeyDuplicateGoesToTheDlqAcrossTwoRunnersAndAfterARestart() {
        KAFKA.createTopic("charges", 3);
        KAFKA.createTopic("charges.dlq", 1);
        DataSource ds = Databases.postgres();
        String table = Databases.freshTable();
        List<Charge> originals = charges("b", 30);
        Map<String, AtomicInteger> charged = new ConcurrentHashMap<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();

        // two instances of one group, each with its own store object on the shared table
        List<ConsumerRunner> runners = new ArrayList<>();
        for (String client : List.of("a", "b")) {
            JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(ds).table(table)
                    .createTableIfMissing(true).build();
            runners.add(ConsumerRunner.builder(config()).groupId("charges-g").clientId("charges-" + client)
                    .topics("charges").processedEventStore(store).businessKeyStore(store).metrics(metrics)
                    .retryPolicy(FAST).commitInterval(Duration.ofMillis(100))
                    .handle(Charge.TYPE, m -> charged.computeIfAbsent(m.payload().orderId(),
                            k -> new AtomicInteger()).incrementAndGet())
                    .build().start());
        }
        send("charges", originals);
        await("originals charged", WAIT, () -> charged.size() == 30);
        // functional duplicates (new event ids, same orders) while both run, keyed elsewhere so another instance
        // than the original's may get them
        List<Charge> duplicates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Charge c = new Charge("b-dup-ev-" + i, "b-order-" + i, 1);
            duplicates.add(c);
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Charge c : duplicates) {
            acks.add(producer.send("charges", Charge.TYPE, "other-key-" + c.eventId(), c, null));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        await("duplicates dead-lettered", WAIT, () -> metrics.deadLettered() == 10);
        runners.forEach(ConsumerRunner::close);

        // a restart: a new instance with a new store object, and more duplicates
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(ds).table(table).build();
        List<Charge> late = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            late.add(new Charge("b-late-ev-" + i, "b-order-" + i, 1));
        }
        try (ConsumerRunner restarted = ConsumerRunner.builder(config()).groupId("charges-g").clientId("charges-c")
                .topics("charges").processedEventStore(store).businessKeyStore(store).metrics(metrics)
                .retryPolicy(FAST).commitInterval(Duration.ofMillis(100))
                .handle(Charge.TYPE, m -> charged.computeIfAbsent(m.payload().orderId(), k -> new AtomicInteger())
                        .incrementAndGet())
                .build().start()) {
            send("charges", late);
            await("late duplicates dead-lettered", WAIT, () -> metrics.deadLettered() == 15);
            await("everything committed", WAIT, () -> committedSum(KAFKA, "charges-g", "charges") == 45);
        }
        assertThat(charged).hasSize(30);
        assertThat(charged.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        List<ConsumerRecord<byte[], byte[]>> dlq = KafkaSupport.readAll(KAFKA, "charges.dlq");
        assertThat(dlq).hasSize(15);
        assertThat(dlq).allSatisfy(r -> assertThat(KafkaSupport.header(r, DeadLetterHeaders.REASON))
                .isEqualTo("DUPLICATE_KEY"));
    }

    @Test
    void anInboxDatabaseOutageIsWaitedOutNothingDeadLetteredEachOrderChargedOnce() {
        // the database goes down inside a batch, right after the 10th charge: that batch and every try while it is
        // down fail as an outage (StoreUnavailableException), which uses up no attempt; before, each record used up
        // its 3 attempts and was dead-lettered RETRIES_EXHAUSTED
        KAFKA.createTopic("inbox-outage", 1);
        List<Charge> charges = charges("io", 30);
        send("inbox-outage", charges);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        AtomicInteger calls = new AtomicInteger();
        try (RestartablePostgres pg = new RestartablePostgres()) {
            String ledger = "ledger_" + Databases.freshTable();
            Databases.execute(pg.dataSource(), "CREATE TABLE " + ledger
                    + " (order_id VARCHAR(64) NOT NULL, cents BIGINT NOT NULL)");
            JdbcInbox inbox = JdbcInbox.builder(pg.dataSource()).groupId("inbox-outage-g")
                    .table(Databases.freshTable()).createTableIfMissing(true).build();
            try (ConsumerRunner runner = ConsumerRunner.builder(config()).groupId("inbox-outage-g")
                    .topics("inbox-outage").retryPolicy(FAST).metrics(metrics).commitInterval(Duration.ofMillis(100))
                    .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger
                                + " VALUES (?, ?)")) {
                            ps.setString(1, m.payload().orderId());
                            ps.setLong(2, m.payload().cents());
                            ps.executeUpdate();
                        }
                        if (calls.incrementAndGet() == 10) {
                            pg.stop();
                        }
                    }))
                    .build().start()) {
                await("store failures while the database is down", WAIT, () -> metrics.storeFailed() >= 5);
                assertThat(metrics.deadLettered()).isZero();
                pg.start();
                await("everything committed", WAIT, () -> committedSum(KAFKA, "inbox-outage-g", "inbox-outage")
                        == 30);
            }
            assertThat(metrics.deadLettered()).isZero();
            assertThat(metrics.failed()).isZero(); // an outage is not the records' failure
            assertThat(Databases.count(pg.dataSource(), "SELECT COUNT(*) FROM " + ledger)).isEqualTo(30);
            assertThat(Databases.count(pg.dataSource(), "SELECT COUNT(DISTINCT order_id) FROM " + ledger))
                    .isEqualTo(30);
        }
    }

    @Test
    void theInboxChargesEachOrderOnceAcrossAConsumerCrashMidBatch() {
        KAFKA.createTopic("inbox", 2);
        DataSource ds = Databases.postgres();
        String ledger = "ledger_" + Databases.freshTable();
        Databases.execute(ds, "CREATE TABLE " + ledger + " (order_id VARCHAR(64) NOT NULL, cents BIGINT NOT NULL)");
        JdbcInbox inbox = JdbcInbox.builder(ds).groupId("inbox-g").table(Databases.freshTable())
                .createTableIfMissing(true).build();
        AtomicInteger handledByFirst = new AtomicInteger();
        List<Charge> charges = charges("i", 40);
        send("inbox", charges);

        ConsumerRunner first = ConsumerRunner.builder(config()).groupId("inbox-g").clientId("inbox-a")
                .topics("inbox").retryPolicy(FAST)
                .commitInterval(Duration.ofHours(1)) // the crash comes before any commit
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?)")) {
                        ps.setString(1, m.payload().orderId());
                        ps.setLong(2, m.payload().cents());
                        ps.executeUpdate();
                    }
                    handledByFirst.incrementAndGet();
                    Thread.sleep(20);
                }))
                .build().start();
        await("some charges made", WAIT, () -> handledByFirst.get() >= 15);
        first.halt(); // a crash: nothing committed, the in-memory event-id store gone with it
        assertThat(committedSum(KAFKA, "inbox-g", "inbox")).isZero();
        // what the first consumer's transactions committed (one in flight at the halt is rolled back: no row, no mark)
        long chargedBeforeCrash = Databases.count(ds, "SELECT COUNT(*) FROM " + ledger);
        assertThat(chargedBeforeCrash).isGreaterThanOrEqualTo(10);

        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner second = ConsumerRunner.builder(config()).groupId("inbox-g").clientId("inbox-b")
                .topics("inbox").processedEventStore(InMemoryProcessedEventStore.create()).metrics(metrics)
                .retryPolicy(FAST).commitInterval(Duration.ofMillis(100))
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + ledger + " VALUES (?, ?)")) {
                        ps.setString(1, m.payload().orderId());
                        ps.setLong(2, m.payload().cents());
                        ps.executeUpdate();
                    }
                }))
                .build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, "inbox-g", "inbox") == 40);
        }
        assertThat(Databases.count(ds, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(40);
        assertThat(Databases.count(ds, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(40);
        // every record came again after the crash; those charged before it were skipped by the inbox
        assertThat(metrics.received()).isEqualTo(40);
        assertThat(inbox.duplicatesSkipped()).isGreaterThanOrEqualTo(chargedBeforeCrash);
    }
}
