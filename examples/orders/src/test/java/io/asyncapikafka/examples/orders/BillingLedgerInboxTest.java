package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer;
import io.asyncapikafka.examples.orders.billing.model.OrderCreated;
import io.asyncapikafka.examples.orders.billing.model.OrderCreatedHeaders;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.jdbc.JdbcInbox;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import io.asyncapikafka.testkit.TempFolders;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Billing keeps its ledger in H2 (file mode) through the transactional inbox, chosen with one line on the generated
 * API; a billing consumer dies mid-batch (nothing committed) and the next one still charges each order once.
 */
class BillingLedgerInboxTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void billingChargesEachOrderOnceAcrossAConsumerKilledMidBatch() throws Exception {
        Path dir = TempFolders.create("billing-ledger");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE billing_ledger (order_id VARCHAR(64) NOT NULL, customer_id VARCHAR(64) NOT NULL,"
                    + " amount DECIMAL(12, 2) NOT NULL)"); // no unique key: only the inbox keeps charges single
        }
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        int orders = 30;
        try (OrdersEdaKafka orderSide = OrdersEdaKafka.connect(config)) {
            orderSide.provisionTopics();
            OrderService service = new OrderService(orderSide.ordersV1Producer(), Clock.systemUTC());
            List<CompletableFuture<?>> acks = new ArrayList<>();
            List<io.asyncapikafka.examples.orders.client.model.OrderCreated> sent = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                var order = service.newOrder("o-" + i, "c-" + i, new BigDecimal("10.00"),
                        List.of(new OrderCreatedItem("sku-" + i, 1, new BigDecimal("10.00"))));
                sent.add(order);
                acks.add(service.publish(order));
            }
            for (int i = 0; i < 5; i++) {
                acks.add(service.publish(sent.get(i))); // re-sent, same eventId (a send timeout, say)
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }

        JdbcInbox inbox = JdbcInbox.builder(ds).groupId(PublishOrderCreatedConsumer.GROUP_ID)
                .createTableIfMissing(true).build();
        AtomicInteger chargedByFirst = new AtomicInteger();
        var first = io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka.connect(config);
        // the one line: billing's handler runs in the inbox's transaction, its ledger row and the mark commit together
        ConsumerRunner dying = first.publishOrderCreated(
                inbox.<Void, OrderCreated, OrderCreatedHeaders>handler((m, connection) -> {
                    charge(connection, m.payload());
                    chargedByFirst.incrementAndGet();
                    Thread.sleep(10);
                })::handle,
                b -> b.commitInterval(Duration.ofHours(1))); // it dies before any commit
        first.start();
        // committed charges, not handler calls: the inbox commits a partition's run of records together
        await("the first billing consumer charges some orders", () -> chargedByFirst.get() >= 10
                && countUnchecked(ds, "SELECT COUNT(*) FROM billing_ledger") > 0);
        dying.halt(); // killed mid-batch: no commit, its in-memory dedup gone
        assertThat(committed()).isZero();
        long chargedBeforeCrash = count(ds, "SELECT COUNT(*) FROM billing_ledger");
        assertThat(chargedBeforeCrash).isPositive();

        try (var second = io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka.connect(config)) {
            second.publishOrderCreated(inbox.<Void, OrderCreated, OrderCreatedHeaders>handler(
                    (m, connection) -> charge(connection, m.payload()))::handle,
                    b -> b.commitInterval(Duration.ofMillis(100)));
            second.start();
            await("everything committed", () -> committed() == orders + 5);
        } finally {
            first.close();
        }
        assertThat(count(ds, "SELECT COUNT(*) FROM billing_ledger")).isEqualTo(orders);
        assertThat(count(ds, "SELECT COUNT(DISTINCT order_id) FROM billing_ledger")).isEqualTo(orders);
        // every order charged before the crash came again and was skipped by the inbox's mark (the re-sent events
        // that came after their original in the second consumer were already skipped by its in-memory store)
        assertThat(inbox.duplicatesSkipped()).isGreaterThanOrEqualTo(chargedBeforeCrash);
    }

    private static void charge(Connection connection, OrderCreated order) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO billing_ledger VALUES (?, ?, ?)")) {
            ps.setString(1, order.orderId());
            ps.setString(2, order.customerId());
            ps.setBigDecimal(3, order.total());
            ps.executeUpdate();
        }
    }

    private static long committed() {
        try (Admin admin = KAFKA.admin()) {
            return admin.listConsumerGroupOffsets(PublishOrderCreatedConsumer.GROUP_ID).partitionsToOffsetAndMetadata()
                    .get().entrySet().stream().filter(e -> e.getKey().topic().equals("orders.v1") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countUnchecked(JdbcDataSource ds, String sql) {
        try {
            return count(ds, sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(JdbcDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
