package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.examples.orders.billing.PaymentGatewayTimeoutException;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo exactly as {@code main} runs it with no configuration: its own embedded broker. */
class OrdersDemoEmbeddedTest {

    @Test
    void theDemoTellsTheWholeStoryAndLeavesNoThreads() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        DemoOutcome o = OrdersDemo.run(DemoSettings.embedded(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertOutcome(o);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("embedded single-node KRaft broker", "orders.v1        12 partitions",
                "orders.dlq.v1     6 partitions", "dlq.reason                 RETRIES_EXHAUSTED",
                "deduplicated    1", "dead-lettered   1", "broker stopped")
                .doesNotContain("Formatting metadata directory");
        System.out.println(text); // the printed story in the test report
        // issue 16: the end of the demo shows the Micrometer figures and o-1001's trace across both services
        assertThat(text).contains("6. What Micrometer counted", "7. The trace of o-1001")
                .containsPattern("asyncapi\\.kafka\\.consumer\\.processed +message\\.type=OrderCreated"
                        + " topic=orders\\.v1 +3\\n")
                .containsPattern("asyncapi\\.kafka\\.template .*outcome=success topic=orders\\.v1 +count 5,")
                .containsPattern("asyncapi\\.kafka\\.producer\\.rejected +message\\.type=OrderCreated"
                        + " topic=orders\\.v1 +1\\n")
                .containsPattern("\\+ [1-9][0-9]* kafka-clients meters bound")
                .containsPattern("\\n   send orders\\.v1 +PRODUCER +order-service .*\\n"
                        + "     process orders\\.v1 +CONSUMER +billing ");
        assertNoThreadsLeft(before);
    }

    /** What every run of the demo must show, embedded or on an existing cluster. */
    static void assertOutcome(DemoOutcome o) {
        assertThat(o.chargedOrders()).containsExactlyInAnyOrder("o-1001", "o-1002", "o-1003");
        assertThat(o.processed()).isEqualTo(3);
        assertThat(o.deduplicated()).isEqualTo(1);
        assertThat(o.deadLettered()).isEqualTo(1);
        assertThat(o.deadLettersByReason()).isEqualTo(Map.of(DeadLetterReason.RETRIES_EXHAUSTED, 1L));
        // 2 attempts in place on orders.v1, then one round through orders.retry.v1 (2 attempts), then the DLQ.
        assertThat(o.failedAttempts())
                .containsExactly("orders.v1#1", "orders.v1#2", "orders.retry.v1#3", "orders.retry.v1#4");
        assertThat(o.retried()).isEqualTo(3);
        // 4 orders + the re-sent duplicate on orders.v1, the failing order once more on orders.retry.v1.
        assertThat(o.received()).isGreaterThanOrEqualTo(6);
        // The order service's own consumer group saw the retry on the retry topic: it really went through Kafka.
        assertThat(o.retryTopicSightings()).containsExactly("orders.retry.v1#3");
        assertThat(o.dlqTopic()).isEqualTo("orders.dlq.v1");
        assertThat(o.dlqHeaders())
                .containsEntry(DeadLetterHeaders.ORIGINAL_TOPIC, "orders.v1")
                .containsEntry(DeadLetterHeaders.REASON, "RETRIES_EXHAUSTED")
                .containsEntry(DeadLetterHeaders.ATTEMPTS, "4")
                .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, "orders-eda.orders.v1") // contract title + topic
                .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, PaymentGatewayTimeoutException.class.getName())
                .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "payment gateway timed out for c-dan")
                .containsKeys(DeadLetterHeaders.ORIGINAL_PARTITION, DeadLetterHeaders.ORIGINAL_OFFSET,
                        DeadLetterHeaders.ORIGINAL_TIMESTAMP, DeadLetterHeaders.EXCEPTION_STACKTRACE,
                        DeadLetterHeaders.FAILED_AT);
        assertThat(o.rejectedBeforeSend()).contains("$.total", "-5.00");
    }

    /** Threads started by the run must all be gone shortly after it returns (exec:java would wait for them). */
    private static void assertNoThreadsLeft(Set<Thread> before) throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .sorted()
                    .collect(Collectors.toList());
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(left).as("threads still running after the demo").isEmpty();
    }
}
