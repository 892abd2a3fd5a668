package io.asyncapikafka.examples.orders;

import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.h2.tools.Server;

/**
 * The orders demo's crash step: billing keeps its ledger in H2 through the transactional inbox, in a JVM of its own
 * ({@link KilledBilling}), and is killed with SIGKILL mid-batch, before it committed anything to Kafka. A second
 * billing JVM gets every order again and charges none of those the first had charged: each order is charged once.
 *
 * <p>The database is an H2 TCP server in this JVM (the kill does not touch it), the broker the embedded one. Run it
 * with {@code mvn -B -q -pl examples/orders exec:java -Dorders.mainClass=io.asyncapikafka.examples.orders.BillingKillDemo}.
 * Exits 1 if an order was charged twice or not at all.
 */
public final class BillingKillDemo {

    /** What the step showed. */
    public record Outcome(int orders, long chargedBeforeKill, long committedAtKill, long ledgerRows,
            long distinctOrders, long skippedByInbox) {

        public boolean eachOrderChargedOnce() {
            return ledgerRows == orders && distinctOrders == orders;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(120);

    private BillingKillDemo() {}

    public static void main(String[] args) throws Exception {
        OrdersDemo.quietLogging();
        Outcome outcome = run(40, System.out);
        System.exit(outcome.eachOrderChargedOnce() ? 0 : 1);
    }

    /** Plays the step with {@code orders} orders, printing to {@code out}. */
    public static Outcome run(int orders, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("billing-kill-demo");
        Server h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/billing";
        try (KafkaBroker broker = KafkaBroker.start()) {
            KafkaClientConfig config = KafkaClientConfig.of(broker.bootstrapServers());
            out.println("8. Billing killed mid-batch (SIGKILL): its ledger in H2 through the transactional inbox, billing in a JVM of its own");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE billing_ledger (order_id VARCHAR(64) NOT NULL, customer_id VARCHAR(64)"
                        + " NOT NULL, amount DECIMAL(12, 2) NOT NULL)"); // no unique key: only the inbox keeps it single
            }
            try (OrdersEdaKafka orderSide = OrdersEdaKafka.connect(config)) {
                orderSide.provisionTopics();
                OrderService service = new OrderService(orderSide.ordersV1Producer(), Clock.systemUTC());
                for (int i = 0; i < orders; i++) {
                    // one at a time: the story needs every order on the topic, not producer throughput
                    service.publish(service.newOrder("k-" + i, "c-" + i, new BigDecimal("10.00"),
                            List.of(new OrderCreatedItem("sku-" + i, 1, new BigDecimal("10.00"))))).get(60, TimeUnit.SECONDS);
                }
            }
            out.printf(Locale.ROOT, "  %d orders published%n", orders);

            Process first = KilledBilling.start(broker.bootstrapServers(), url, dir.resolve("billing-1.log"), true);
            await("the first billing JVM charges some orders", () -> count(url, "SELECT COUNT(*) FROM billing_ledger") >= 8);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, its in-memory dedup gone
            first.waitFor(30, TimeUnit.SECONDS);
            long charged = count(url, "SELECT COUNT(*) FROM billing_ledger");
            long committed = committed(broker.bootstrapServers());
            out.printf(Locale.ROOT, "  billing JVM 1 (pid %d) SIGKILLed after charging %d orders; offsets committed to"
                    + " Kafka: %d%n", first.pid(), charged, committed);

            Process second = KilledBilling.start(broker.bootstrapServers(), url, dir.resolve("billing-2.log"), false);
            await("the second billing JVM commits every order", () -> committed(broker.bootstrapServers()) == orders);
            second.destroy(); // SIGTERM: its shutdown hook closes the runner and prints what the inbox skipped
            second.waitFor(30, TimeUnit.SECONDS);
            long skipped = skipped(dir.resolve("billing-2.log"));
            Outcome outcome = new Outcome(orders, charged, committed, count(url, "SELECT COUNT(*) FROM billing_ledger"),
                    count(url, "SELECT COUNT(DISTINCT order_id) FROM billing_ledger"), skipped);
            out.printf(Locale.ROOT, "  billing JVM 2 got all %d orders again: %d skipped by the inbox's marks, the"
                    + " rest charged%n", orders, skipped);
            out.printf(Locale.ROOT, "  ledger: %d rows for %d orders -> %s%n", outcome.ledgerRows(),
                    outcome.distinctOrders(), outcome.eachOrderChargedOnce() ? "each order charged once"
                            : "WRONG: charged twice or not at all");
            return outcome;
        } finally {
            h2.stop();
        }
    }

    private static long skipped(Path log) throws IOException {
        long n = -1;
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith(KilledBilling.SKIPPED)) {
                n = Long.parseLong(line.substring(KilledBilling.SKIPPED.length()).strip());
            }
        }
        return n;
    }

    private static long count(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long committed(String bootstrap) {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(PublishOrderCreatedConsumer.GROUP_ID).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getKey().topic().equals("orders.v1") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + WAIT + " waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
