package io.asyncapikafka.examples.orders;

import io.asyncapikafka.examples.orders.billing.ChargePipeline;
import io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer;
import io.asyncapikafka.examples.orders.billing.model.OrderCreated;
import io.asyncapikafka.examples.orders.billing.model.OrderCreatedHeaders;
import io.asyncapikafka.examples.orders.charges.kafka.BillingV1Producer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersHandler;
import io.asyncapikafka.jdbc.JdbcInbox;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ExactlyOnce;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A billing JVM of {@link BillingKillDemo}: the generated billing consumer whose handler writes the ledger row through
 * the transactional inbox's connection, so the row and the event's dedup mark commit together; and beside it billing's
 * exactly-once pipeline ({@link ChargePipeline}'s handler: one {@code OrderCharged} on {@code billing.v1} per order, in
 * a Kafka transaction with the order's offset), so the kill also lands in open transactions of the pipeline.
 *
 * <p>Arguments: bootstrap servers, JDBC URL, {@code slow} (the first JVM: 50 ms per charge, the inbox's consumer
 * commits nothing to Kafka before it is killed, the pipeline's transactions stay open 50 ms per order) or
 * {@code fast}.
 */
public final class KilledBilling {

    static final String SKIPPED = "skipped by the inbox:";

    private KilledBilling() {}

    static Process start(String bootstrap, String url, Path log, boolean slow) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dlog4j2.configurationFile=orders-demo-log4j2.xml", "-cp", classPath(),
                KilledBilling.class.getName(), bootstrap, url, slow ? "slow" : "fast");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The class path this JVM loaded the demo from: under {@code mvn exec:java} that is the project's class loader (a
     * {@link java.net.URLClassLoader}), not {@code java.class.path} (Maven's own launcher); in a test or {@code java
     * -cp}, the system class path.
     */
    static String classPath() {
        java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
        for (ClassLoader l = KilledBilling.class.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof java.net.URLClassLoader u) {
                for (java.net.URL url : u.getURLs()) {
                    try {
                        entries.add(Path.of(url.toURI()).toString());
                    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                        // not a file: the child JVM cannot use it
                    }
                }
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
        return String.join(java.io.File.pathSeparator, entries);
    }

    public static void main(String[] args) throws Exception {
        boolean slow = args[2].equals("slow");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(args[1]);
        ds.setUser("sa");
        JdbcInbox inbox = JdbcInbox.builder(ds).groupId(PublishOrderCreatedConsumer.GROUP_ID)
                .createTableIfMissing(true).build();
        OrdersEdaKafka billing = OrdersEdaKafka.connect(KafkaClientConfig.of(args[0]));
        // the one line that puts billing's handler into the inbox's transaction
        billing.publishOrderCreated(inbox.<Void, OrderCreated, OrderCreatedHeaders>handler((m, connection) -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO billing_ledger VALUES (?, ?, ?)")) {
                ps.setString(1, m.payload().orderId());
                ps.setString(2, m.payload().customerId());
                ps.setBigDecimal(3, m.payload().total());
                ps.executeUpdate();
            }
            if (slow) {
                Thread.sleep(50);
            }
        })::handle, b -> b.commitInterval(slow ? Duration.ofHours(1) : Duration.ofMillis(100)));
        ExactlyOnce eos = ChargeOrdersConsumer.exactlyOnce(KafkaClientConfig.of(args[0]))
                .source("urn:orders-eda:billing").build();
        ChargeOrdersHandler charge = ChargePipeline.handler(new BillingV1Producer(eos.producer()));
        ConsumerRunner pipeline = ChargeOrdersConsumer.runner(KafkaClientConfig.of(args[0]), eos, m -> {
            charge.onOrderCreated(m);
            if (slow) {
                Thread.sleep(50); // the order's charge is sent, its transaction open: where the SIGKILL lands
            }
        }).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            billing.close();
            System.out.println(SKIPPED + " " + inbox.duplicatesSkipped());
            System.out.flush();
            stopped.countDown();
        }));
        billing.start();
        pipeline.start();
        System.out.println("billing started, pid " + ProcessHandle.current().pid());
        stopped.await();
    }
}
