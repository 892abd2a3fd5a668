package io.asyncapikafka.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: the Micrometer meters of a producer and a consumer runner on the in-JVM broker. */
class MicrometerBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void consumerAndProducerMetersCountWhatHappenedTaggedByTopicGroupTypeAndOutcome() throws Exception {
        KAFKA.createTopic("payments", 1);
        KAFKA.createTopic("payments.dlq", 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaMicrometer meters = KafkaMicrometer.of(registry);
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        AtomicInteger flakyCalls = new AtomicInteger();
        ConsumerRunner runner = ConsumerRunner.builder(config).groupId("billing").topics("payments")
                .metrics(meters.consumerMetrics("billing")).clientListener(meters.clientListener())
                .commitInterval(Duration.ofMillis(100))
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(10)).build())
                .handle(Payment.TYPE, m -> {
                    switch (m.payload().id()) {
                        case "flaky" -> {
                            if (flakyCalls.incrementAndGet() == 1) {
                                throw new IllegalStateException("once");
                            }
                        }
                        case "poison" -> throw new NonRetryableException("never");
                        default -> Thread.sleep(2);
                    }
                })
                .build().start();
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config).observer(meters.producerObserver())
                .clientListener(meters.clientListener()).build()) {
            for (String id : new String[] {"ok", "flaky", "poison", "ok"}) { // the second "ok" is a duplicate
                producer.sendAndWait("payments", Payment.TYPE, "k", new Payment(id, 100), null);
            }
            assertThatThrownBy(() -> producer.send("payments", Payment.TYPE, "k", new Payment("neg", -1), null))
                    .isInstanceOf(ContractViolationException.class);

            await(() -> count(registry, KafkaMeterNames.DEAD_LETTERED) == 1
                    && count(registry, KafkaMeterNames.DEDUPLICATED) == 1);
            await(() -> registry.find(KafkaMeterNames.LAG).gauge() != null
                    && registry.find(KafkaMeterNames.LAG).gauge().value() == 0);

            assertThat(registry.get(KafkaMeterNames.RECEIVED).tags("topic", "payments", "group", "billing").counter()
                    .count()).isEqualTo(4);
            assertThat(registry.get(KafkaMeterNames.PROCESSED).tags("topic", "payments", "group", "billing",
                    "message.type", "PaymentRequested").counter().count()).isEqualTo(2);
            assertThat(count(registry, KafkaMeterNames.RETRIED)).isEqualTo(1);
            assertThat(count(registry, KafkaMeterNames.FAILED)).isEqualTo(2);
            assertThat(registry.get(KafkaMeterNames.DEAD_LETTERED).tag("reason", "NON_RETRYABLE").counter().count())
                    .isEqualTo(1);

            // handler timer: two successes (ok, flaky's second attempt), one failure of each exception type
            assertThat(registry.get(KafkaMeterNames.LISTENER).tags("group", "billing", "message.type",
                    "PaymentRequested", "outcome", "success", "exception", "none").timer().count()).isEqualTo(2);
            assertThat(registry.get(KafkaMeterNames.LISTENER).tags("outcome", "failure", "exception",
                    "IllegalStateException").timer().count()).isEqualTo(1);
            assertThat(registry.get(KafkaMeterNames.LISTENER).tags("outcome", "failure", "exception",
                    "NonRetryableException").timer().count()).isEqualTo(1);
            assertThat(registry.get(KafkaMeterNames.LISTENER).tag("outcome", "success").timer()
                    .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2);

            // producer: four acknowledged sends, one rejection, nothing failed
            assertThat(registry.get(KafkaMeterNames.TEMPLATE).tags("topic", "payments", "message.type",
                    "PaymentRequested", "outcome", "success", "exception", "none").timer().count()).isEqualTo(4);
            assertThat(registry.find(KafkaMeterNames.TEMPLATE).tag("outcome", "failure").timer()).isNull();
            assertThat(registry.get(KafkaMeterNames.REJECTED).tags("topic", "payments", "message.type",
                    "PaymentRequested").counter().count()).isEqualTo(1);
            assertThat(registry.get(KafkaMeterNames.LAG).tags("topic", "payments", "partition", "0", "group",
                    "billing").gauge().value()).isZero();

            // KafkaClientMetrics bound to the runner's consumer, its dead-letter producer and this producer
            assertThat(names(registry, "kafka.consumer.")).isNotEmpty();
            assertThat(registry.find("kafka.producer.record.send.total").meters()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(((ClientMetricsBinder) meters.clientListener()).boundClients()).isEqualTo(3);
        } finally {
            runner.close();
        }
        assertThat(((ClientMetricsBinder) meters.clientListener()).boundClients()).isZero();
        assertThat(names(registry, "kafka.consumer.")).isEmpty(); // unbound with the closed clients
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        return Search.in(registry).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static java.util.List<String> names(SimpleMeterRegistry registry, String prefix) {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .filter(n -> n.startsWith(prefix)).distinct().toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
