package io.asyncapikafka.examples.orders;

import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.examples.orders.charges.kafka.Topics;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.TopicProvisioner;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.h2.tools.Server;

/**
 * The orders demo's crash step: billing keeps its ledger in H2 through the transactional inbox, in a JVM of its own
 * ({@link KilledBilling}), and is killed with SIGKILL mid-batch, before it committed anything to Kafka. A second
 * billing JVM gets every order again and charges none of those the first had charged: each order is charged once.
 * The same JVMs run billing's exactly-once pipeline ({@code OrderCharged} on {@code billing.v1} per order, see
 * {@link io.asyncapikafka.examples.orders.billing.ChargePipeline}); the kill lands in its open transactions too, and a
 * {@code read_committed} reader of {@code billing.v1} sees one charge per order.
 *
 * <p>The database is an H2 TCP server in this JVM (the kill does not touch it), the broker the embedded one. Run it
 * with {@code mvn -B -q -pl examples/orders exec:java -Dorders.mainClass=io.asyncapikafka.examples.orders.BillingKillDemo}.
 * Exits 1 if an order was charged twice or not at all.
 */
public final class BillingKillDemo {

    /** What the step showed. */
    public record Outcome(int orders, long chargedBeforeKill, long committedAtKill, long ledgerRows,
            long distinctOrders, long skippedByInbox, Pipeline pipeline) {

        public boolean eachOrderChargedOnce() {
            return ledgerRows == orders && distinctOrders == orders && pipeline.eachOrderChargedOnce(orders);
        }
    }

    /**
     * The pipeline's side: orders whose charge the first JVM had committed at the kill; {@code OrderCharged} records a
     * {@code read_committed} reader of {@code billing.v1} sees and the orders they name; records in the log (aborted
     * ones included, as a {@code read_uncommitted} reader sees them).
     */
    public record Pipeline(long committedAtKill, long charges, long distinctOrders, long recordsInLog) {

        public boolean eachOrderChargedOnce(int orders) {
            return charges == orders && distinctOrders == orders;
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
            out.println("8. Billing killed mid-batch (SIGKILL): its ledger in H2 through the transactional inbox and its"
                    + " exactly-once pipeline, billing in a JVM of its own");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE billing_ledger (order_id VARCHAR(64) NOT NULL, customer_id VARCHAR(64)"
                        + " NOT NULL, amount DECIMAL(12, 2) NOT NULL)"); // no unique key: only the inbox keeps it single
            }
            try (OrdersEdaKafka orderSide = OrdersEdaKafka.connect(config)) {
                orderSide.provisionTopics();
                try (TopicProvisioner p = TopicProvisioner.create(config)) {
                    p.ensure(Topics.all()); // billing.v1, the pipeline's output
                }
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
            long committed = committed(broker.bootstrapServers(), PublishOrderCreatedConsumer.GROUP_ID);
            long pipelineCommitted = committed(broker.bootstrapServers(), ChargeOrdersConsumer.GROUP_ID);
            out.printf(Locale.ROOT, "  billing JVM 1 (pid %d) SIGKILLed after charging %d orders; offsets committed to"
                    + " Kafka: %d%n", first.pid(), charged, committed);

            Process second = KilledBilling.start(broker.bootstrapServers(), url, dir.resolve("billing-2.log"), false);
            await("the second billing JVM commits every order",
                    () -> committed(broker.bootstrapServers(), PublishOrderCreatedConsumer.GROUP_ID) == orders
                            && committed(broker.bootstrapServers(), ChargeOrdersConsumer.GROUP_ID) == orders);
            second.destroy(); // SIGTERM: its shutdown hook closes the runner and prints what the inbox skipped
            second.waitFor(30, TimeUnit.SECONDS);
            long skipped = skipped(dir.resolve("billing-2.log"));
            List<String> seen = chargedOrders(broker.bootstrapServers(), "read_committed");
            Pipeline pipeline = new Pipeline(pipelineCommitted, seen.size(), new HashSet<>(seen).size(),
                    chargedOrders(broker.bootstrapServers(), "read_uncommitted").size());
            Outcome outcome = new Outcome(orders, charged, committed, count(url, "SELECT COUNT(*) FROM billing_ledger"),
                    count(url, "SELECT COUNT(DISTINCT order_id) FROM billing_ledger"), skipped, pipeline);
            out.printf(Locale.ROOT, "  billing JVM 2 got all %d orders again: %d skipped by the inbox's marks, the"
                    + " rest charged%n", orders, skipped);
            out.printf(Locale.ROOT, "  ledger: %d rows for %d orders -> %s%n", outcome.ledgerRows(),
                    outcome.distinctOrders(), outcome.eachOrderChargedOnce() ? "each order charged once"
                            : "WRONG: charged twice or not at all");
            out.printf(Locale.ROOT, "  the exactly-once pipeline in the same JVMs (OrderCharged on billing.v1): %d orders'"
                    + " charges committed at the kill, %d charges left in aborted transactions%n",
                    pipeline.committedAtKill(), pipeline.recordsInLog() - pipeline.charges());
            out.printf(Locale.ROOT, "  billing.v1 (read_committed): %d OrderCharged for %d orders -> %s%n", pipeline.charges(),
                    pipeline.distinctOrders(), pipeline.eachOrderChargedOnce(orders) ? "no duplicate downstream"
                            : "WRONG: a charge duplicated or missing");
            return outcome;
        } finally {
            h2.stop();
            io.asyncapikafka.testkit.TempFolders.delete(dir); // the ledger database and both billing JVMs' logs
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

    /** The order ids of the {@code OrderCharged} records on {@code billing.v1}, as a reader with {@code isolation} sees them. */
    private static List<String> chargedOrders(String bootstrap, String isolation) throws IOException {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> ids = new java.util.ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(Topics.BILLING_V1.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    ids.add(Json.mapper().readTree(new String(r.value(), StandardCharsets.UTF_8)).get("orderId")
                            .asText());
                }
            }
        }
        return ids;
    }

    private static long committed(String bootstrap, String group) {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
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
