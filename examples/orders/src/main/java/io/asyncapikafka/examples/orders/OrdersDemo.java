package io.asyncapikafka.examples.orders;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The orders example's main program. With no configuration it starts an embedded single-node KRaft broker, tells the
 * story of {@link OrdersStory} on it, prints a summary and stops everything it started (exit status 0, no threads
 * left). With {@code -Dorders.bootstrap.servers=host:9092} (or {@code ORDERS_BOOTSTRAP_SERVERS}) it uses that cluster
 * instead and starts no broker.
 */
public final class OrdersDemo {

    private OrdersDemo() {}

    public static void main(String[] args) throws Exception {
        quietLogging();
        DemoSettings settings = DemoSettings.from(System.getProperties(), System.getenv());
        run(settings, System.out);
        if (settings.bootstrapServers().isEmpty()) {
            // the crash step needs a broker and a database of its own, both started here (BillingKillDemo)
            System.out.println();
            if (!BillingKillDemo.run(40, System.out).eachOrderChargedOnce()) {
                System.exit(1);
            }
        }
    }

    /** Runs the demo, printing to {@code out}; throws when a step does not complete in time. */
    public static DemoOutcome run(DemoSettings settings, PrintStream out) {
        long start = System.nanoTime();
        out.println("asyncapi-kafka orders demo: contract src/main/asyncapi/orders.asyncapi.yaml (the seed, verbatim)");
        KafkaBroker broker = null;
        try {
            KafkaClientConfig config;
            if (settings.bootstrapServers().isPresent()) {
                config = KafkaClientConfig.of(settings.bootstrapServers().get());
                out.println("Kafka: " + settings.describe());
            } else {
                long t = System.nanoTime();
                broker = KafkaBroker.start();
                config = KafkaClientConfig.of(broker.bootstrapServers());
                out.printf(Locale.ROOT, "Kafka: embedded single-node KRaft broker at %s, started in %.1f s%n",
                        broker.bootstrapServers(), seconds(t));
            }
            DemoOutcome outcome = new OrdersStory(config, settings.stepTimeout(), out).play();
            out.printf(Locale.ROOT, "%nDone in %.1f s: consumers closed (finished offsets committed), producer flushed%s.%n",
                    seconds(start), broker != null ? ", broker stopped" : "");
            return outcome;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /**
     * The printed story should not drown in broker logs. slf4j-simple reads {@code simplelogger.properties} (warn,
     * Kafka at error); the broker's log4j2 would otherwise pick the INFO {@code log4j2.yaml} shipped inside
     * kafka-test-common-runtime, so point it at ours unless the user chose one.
     */
    static void quietLogging() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "orders-demo-log4j2.xml");
        }
    }
}
