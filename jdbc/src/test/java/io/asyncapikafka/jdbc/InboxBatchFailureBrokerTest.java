package io.asyncapikafka.jdbc;

import static io.asyncapikafka.jdbc.KafkaSupport.await;
import static io.asyncapikafka.jdbc.KafkaSupport.committedSum;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ClaimResult;
import io.asyncapikafka.runtime.consumer.ClaimedId;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.InMemoryConsumerMetrics;
import io.asyncapikafka.runtime.consumer.ProcessedEventStore;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18's inbox crash-test stall, reproduced without a crash: a record whose handler fails inside an inbox batch
 * must follow the runtime's retry and dead-letter rules like any other (each failure one attempt, the records before
 * it committed, no batch-wide back-off), and nothing the inbox does inside a batch may make the runner's own claims
 * wait. PostgreSQL, the database of the crash test; the runner set up as there (event ids claimed in a
 * {@link JdbcProcessedEventStore} on the inbox's own table, business keys in another).
 */
class InboxBatchFailureBrokerTest {

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

    /** Sent before the consumer starts, on one partition: its first poll hands the handler thread one long run. */
    private static void send(String topic, List<Charge> charges) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Charge c : charges) {
            acks.add(producer.send(topic, Charge.TYPE, "one-key", c, null));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private static ConsumerRunner.Builder runner(String topic, InMemoryConsumerMetrics metrics) {
        return ConsumerRunner.builder(KafkaClientConfig.of(KAFKA.bootstrapServers())).groupId(topic + "-g")
                .clientId(topic + "-c").topics(topic).retryPolicy(FAST).metrics(metrics)
                .commitInterval(Duration.ofMillis(100));
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

    @Test
    void aRecordFailingInsideABatchUsesOneAttemptPerFailureAndTheRecordsBeforeItCommitWithoutABackOff() {
        String topic = "fails-in-batch";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(topic + ".dlq", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        String table = Databases.freshTable();
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId(topic + "-g").table(table).createTableIfMissing(true).build();
        JdbcProcessedEventStore events = JdbcProcessedEventStore.builder(pg).table(table).createTableIfMissing(true)
                .build();
        JdbcProcessedEventStore keys = JdbcProcessedEventStore.builder(pg).table(Databases.freshTable())
                .createTableIfMissing(true).build();
        // every 7th order fails its first attempt (as often as the crash test's failing events meet on a partition),
        // and one always fails
        Set<String> transientOrders = ConcurrentHashMap.newKeySet();
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Charge c = new Charge(topic + "-ev-" + i, topic + "-order-" + i, 100 + i);
            charges.add(c);
            if (i % 7 == 3) {
                transientOrders.add(c.orderId());
            }
        }
        String permanent = topic + "-order-60";
        Map<String, List<Integer>> failedAttempts = new ConcurrentHashMap<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        send(topic, charges);
        try (ConsumerRunner r = runner(topic, metrics).processedEventStore(events).businessKeyStore(keys)
                .handle(Charge.TYPE, inbox.handler((m, c) -> {
                    String order = m.payload().orderId();
                    charge(c, ledger, m.payload());
                    if (order.equals(permanent) || (transientOrders.contains(order) && m.attempt() == 1)) {
                        failedAttempts.computeIfAbsent(order, k -> new CopyOnWriteArrayList<>()).add(m.attempt());
                        throw new IllegalStateException("fails attempt " + m.attempt() + ", after its ledger write");
                    }
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == 120);
        }
        // the failures, as the runtime's rules say: each one attempt, counted 1, 2, ... (a handler that succeeded may
        // run again when its batch's transaction is redone; its first run's writes were rolled back)
        for (String order : transientOrders) {
            assertThat(failedAttempts.get(order)).as(order).containsExactly(1);
        }
        assertThat(failedAttempts.get(permanent)).containsExactly(1, 2, 3);
        List<ConsumerRecord<byte[], byte[]>> dlq = KafkaSupport.readAll(KAFKA, topic + ".dlq");
        assertThat(dlq).hasSize(1);
        assertThat(KafkaSupport.header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(KafkaSupport.header(dlq.get(0), DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
        // a record's failure is its own: the batch around it is no store failure, run again after a back-off
        assertThat(metrics.storeFailed()).isZero();
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(119);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(119);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger + " WHERE order_id = '" + permanent + "'"))
                .isZero();
    }

    @Test
    void everyKindOfFailureInsideABatchEndsInTheDeadLetterTopicAndThePartitionMovesOn() {
        String topic = "all-failures";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(topic + ".dlq", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId(topic + "-g").table(Databases.freshTable())
                .createTableIfMissing(true).build();
        JdbcProcessedEventStore keys = JdbcProcessedEventStore.builder(pg).table(Databases.freshTable())
                .createTableIfMissing(true).build();
        String permanent = topic + "-order-30";
        String tooLong = "x".repeat(300); // longer than the mark's id column (VARCHAR(255)): the mark write fails
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            charges.add(new Charge(i == 50 ? tooLong : topic + "-ev-" + i, topic + "-order-" + i, 100 + i));
        }
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        Map<String, Object> raw = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> poison = new KafkaProducer<>(raw, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < charges.size(); i++) {
                Charge c = charges.get(i);
                producer.send(topic, Charge.TYPE, "one-key", c, null).join();
                if (i == 20) { // a business-key duplicate three records after its original, in the same batch
                    producer.send(topic, Charge.TYPE, "one-key", new Charge(topic + "-dup", topic + "-order-17", 1),
                            null).join();
                }
                if (i == 40) {
                    poison.send(new ProducerRecord<>(topic, "one-key".getBytes(StandardCharsets.UTF_8),
                            "{not json".getBytes(StandardCharsets.UTF_8))).get();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (ConsumerRunner r = runner(topic, metrics).businessKeyStore(keys)
                .handle(Charge.TYPE, inbox.handler((m, c) -> {
                    String order = m.payload().orderId();
                    charge(c, ledger, m.payload());
                    if (order.equals(permanent)) {
                        throw new IllegalStateException("always fails, after its ledger write");
                    }
                    if (order.endsWith("4") && m.attempt() == 1) {
                        throw new IllegalStateException("fails its first attempt, after its ledger write");
                    }
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == 82);
        }
        Map<String, Long> reasons = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : KafkaSupport.readAll(KAFKA, topic + ".dlq")) {
            reasons.merge(KafkaSupport.header(r, DeadLetterHeaders.REASON), 1L, Long::sum);
        }
        assertThat(reasons).isEqualTo(Map.of("RETRIES_EXHAUSTED", 2L, "DESERIALIZATION", 1L, "DUPLICATE_KEY", 1L));
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(78);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(78);
    }

    @Test
    void anExactDuplicateAfterItsOriginalInTheSameBatchWaitsOnNoLockOfTheInbox() {
        String topic = "dup-in-batch";
        KAFKA.createTopic(topic, 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        String table = Databases.freshTable();
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId(topic + "-g").table(table).createTableIfMissing(true).build();
        JdbcProcessedEventStore store = JdbcProcessedEventStore.builder(pg).table(table)
                .createTableIfMissing(true).queryTimeout(Duration.ofSeconds(3)).build();
        AtomicInteger claimFailures = new AtomicInteger();
        ProcessedEventStore events = new CountingClaims(store, claimFailures);
        // a record failing its first attempt first (so what follows runs after a failed batch), then originals each
        // followed by their exact duplicate (the same event id) a few records later
        List<Charge> charges = new ArrayList<>();
        charges.add(new Charge(topic + "-ev-first", topic + "-order-first", 1));
        for (int i = 0; i < 20; i++) {
            charges.add(new Charge(topic + "-ev-" + i, topic + "-order-" + i, 100 + i));
            if (i >= 2) {
                int original = i - 2;
                charges.add(new Charge(topic + "-ev-" + original, topic + "-order-" + original, 100 + original));
            }
        }
        Map<String, AtomicInteger> charged = new ConcurrentHashMap<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        send(topic, charges);
        long t0 = System.nanoTime();
        try (ConsumerRunner r = runner(topic, metrics).processedEventStore(events)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> {
                    if (m.payload().orderId().endsWith("-first") && m.attempt() == 1) {
                        throw new IllegalStateException("fails its first attempt");
                    }
                    charge(c, ledger, m.payload());
                    charged.computeIfAbsent(m.payload().orderId(), k -> new AtomicInteger()).incrementAndGet();
                })).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == charges.size());
        }
        assertThat(claimFailures).as("claims that timed out behind the inbox's own transaction").hasValue(0);
        assertThat(metrics.storeFailed()).isZero();
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(21);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(21);
        assertThat(metrics.deduplicated()).isEqualTo(18);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void marksAlreadyCommittedByAKilledConsumerAreSkippedInsideTheBatchWithoutFailingIt() {
        String topic = "redelivered";
        KAFKA.createTopic(topic, 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        String table = Databases.freshTable();
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId(topic + "-g").table(table).createTableIfMissing(true).build();
        List<Charge> charges = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            charges.add(new Charge(topic + "-ev-" + i, topic + "-order-" + i, 100 + i));
        }
        // a consumer killed after its inbox transaction committed and before its offsets did: the first 25 records'
        // effects and marks are in the database, and they are delivered again (the default in-memory event store of
        // a new process knows none of them)
        for (int i = 0; i < 25; i++) {
            Databases.execute(pg, "INSERT INTO " + ledger + " VALUES ('" + charges.get(i).orderId() + "', 1)");
        }
        Databases.execute(pg, JdbcProcessedEventStore.builder(pg).table(table).build().ddl());
        for (int i = 0; i < 25; i++) {
            Databases.execute(pg, "INSERT INTO " + table + " VALUES ('" + topic + "-g', 'EVENT_ID', '', '"
                    + charges.get(i).eventId() + "', 'PROCESSED', 1, 1)");
        }
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        send(topic, charges);
        try (ConsumerRunner r = runner(topic, metrics)
                .handle(Charge.BY_EVENT_ID, inbox.handler((m, c) -> charge(c, ledger, m.payload()))).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, topic + "-g", topic) == 60);
        }
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(60);
        assertThat(Databases.count(pg, "SELECT COUNT(DISTINCT order_id) FROM " + ledger)).isEqualTo(60);
        assertThat(inbox.duplicatesSkipped()).isEqualTo(25);
        assertThat(metrics.storeFailed()).as("batches failed by a mark already there").isZero();
    }

    @Test
    void aBusinessKeyLeftClaimedByAConsumerKilledAfterItsInboxCommitStillMakesTheNextEventADuplicate() {
        String topic = "key-window";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(topic + ".dlq", 1);
        DataSource pg = Databases.postgres();
        String ledger = ledger(pg);
        String table = Databases.freshTable();
        String keyTable = Databases.freshTable();
        String group = topic + "-g";
        Databases.execute(pg, JdbcProcessedEventStore.builder(pg).table(table).build().ddl());
        Databases.execute(pg, JdbcProcessedEventStore.builder(pg).table(keyTable).build().ddl());
        // a consumer killed between its inbox commit (the effect and the event's mark) and the business key's mark:
        // the key is left claimed, long ago (its lease is over), and the event's offset was not committed
        Charge original = new Charge(topic + "-ev-1", topic + "-order-1", 100);
        Databases.execute(pg, "INSERT INTO " + ledger + " VALUES ('" + original.orderId() + "', 100)");
        Databases.execute(pg, "INSERT INTO " + table + " VALUES ('" + group + "', 'EVENT_ID', '', '"
                + original.eventId() + "', 'PROCESSED', 1, 1)");
        Databases.execute(pg, "INSERT INTO " + keyTable + " VALUES ('" + group + "', 'BUSINESS_KEY', 'OrderCharged', '"
                + original.orderId() + "', 'CLAIMED', 1, NULL)");
        JdbcInbox inbox = JdbcInbox.builder(pg).groupId(group).table(table).build();
        JdbcProcessedEventStore events = JdbcProcessedEventStore.builder(pg).table(table).build();
        JdbcProcessedEventStore keys = JdbcProcessedEventStore.builder(pg).table(keyTable)
                .claimLease(Duration.ofSeconds(15)).build();
        // the original delivered again, then a functional duplicate of it (another event id, the same order)
        send(topic, List.of(original, new Charge(topic + "-ev-2", original.orderId(), 100),
                new Charge(topic + "-ev-3", topic + "-order-3", 300)));
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner r = runner(topic, metrics).processedEventStore(events).businessKeyStore(keys)
                .handle(Charge.TYPE, inbox.handler((m, c) -> charge(c, ledger, m.payload()))).build().start()) {
            await("everything committed", WAIT, () -> committedSum(KAFKA, group, topic) == 3);
        }
        List<ConsumerRecord<byte[], byte[]>> dlq = KafkaSupport.readAll(KAFKA, topic + ".dlq");
        assertThat(dlq).hasSize(1);
        assertThat(KafkaSupport.header(dlq.get(0), DeadLetterHeaders.REASON)).isEqualTo("DUPLICATE_KEY");
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger + " WHERE order_id = '"
                + original.orderId() + "'")).as("the order charged once").isEqualTo(1);
        assertThat(Databases.count(pg, "SELECT COUNT(*) FROM " + ledger)).isEqualTo(2);
    }

    /** The runner's event-id store, counting the claims that failed (a statement timeout, say). */
    private record CountingClaims(ProcessedEventStore store, AtomicInteger failures) implements ProcessedEventStore {

        @Override
        public ClaimResult claim(DedupContext context, String id) {
            try {
                return store.claim(context, id);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void complete(DedupContext context, String id) {
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
            store.completeAll(claims);
        }
    }
}
