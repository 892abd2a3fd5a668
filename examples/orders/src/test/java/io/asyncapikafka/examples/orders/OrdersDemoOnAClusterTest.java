package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo against a cluster it did not start (here the testkit's broker stands in for a real one), run twice as a
 * user would: the second run finds the topics, the committed group offsets and the first run's dead letter, and must
 * tell the same story about its own events only.
 */
class OrdersDemoOnAClusterTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void runsAgainstTheGivenClusterAndCanBeRunAgain() {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        DemoOutcome one = OrdersDemo.run(DemoSettings.cluster(KAFKA.bootstrapServers()), stream(first));
        OrdersDemoEmbeddedTest.assertOutcome(one);
        assertThat(first.toString(StandardCharsets.UTF_8))
                .contains("Kafka: " + KAFKA.bootstrapServers(), "orders.v1        12 partitions, replicas broker default: created")
                .doesNotContain("embedded", "broker stopped");

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        DemoOutcome two = OrdersDemo.run(DemoSettings.cluster(KAFKA.bootstrapServers()), stream(second));
        OrdersDemoEmbeddedTest.assertOutcome(two);
        assertThat(second.toString(StandardCharsets.UTF_8)).contains("orders.v1        12 partitions, replicas broker default: exists");
        assertThat(two.dlqHeaders().get("dlq.failed-at")).isNotEqualTo(one.dlqHeaders().get("dlq.failed-at"));
    }

    private static PrintStream stream(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
