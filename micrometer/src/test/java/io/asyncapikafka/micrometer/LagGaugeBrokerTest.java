package io.asyncapikafka.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17: a partition's lag gauge leaves with its partition. Two members of one group, each with its own registry
 * (as two processes would have): while the partitions move between them, each registry holds lag gauges exactly for
 * the partitions its member holds, never a stale one frozen at its last value; a closed member holds none.
 */
class LagGaugeBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void aLagGaugeIsRemovedWhenItsPartitionMovesToAnotherMember(GroupProtocol protocol) throws Exception {
        String topic = "lag-moves-" + protocol.name().toLowerCase(Locale.ROOT);
        String group = "lag-" + protocol.name().toLowerCase(Locale.ROOT);
        KAFKA.createTopic(topic, 4);
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        SimpleMeterRegistry registryA = new SimpleMeterRegistry();
        SimpleMeterRegistry registryB = new SimpleMeterRegistry();
        ConsumerRunner a = runner(config, topic, group, protocol, registryA).start();
        try {
            await("A reports the lag of every partition", () -> lagGauges(registryA).size() == 4
                    && a.assignment().size() == 4);
            ConsumerRunner b = runner(config, topic, group, protocol, registryB).start();
            try {
                await("the partitions are shared out and each registry has the gauges of its member's only",
                        () -> !a.assignment().isEmpty() && !b.assignment().isEmpty()
                                && a.assignment().size() + b.assignment().size() == 4
                                && lagGauges(registryA).equals(a.assignment())
                                && lagGauges(registryB).equals(b.assignment()));
                Thread.sleep(COMMIT_INTERVAL.toMillis() * 10); // ten lag reports later: still so
                assertThat(lagGauges(registryA)).isEqualTo(a.assignment());
                assertThat(lagGauges(registryB)).isEqualTo(b.assignment());
                assertThat(a.assignment()).doesNotContainAnyElementsOf(b.assignment());
            } finally {
                b.close();
            }
            assertThat(lagGauges(registryB)).as("a closed member reports no lag").isEmpty();
            await("A holds and reports all again", () -> lagGauges(registryA).size() == 4
                    && a.assignment().size() == 4);
        } finally {
            a.close();
        }
        assertThat(lagGauges(registryA)).isEmpty();
    }

    private static ConsumerRunner runner(KafkaClientConfig config, String topic, String group, GroupProtocol protocol,
            SimpleMeterRegistry registry) {
        return ConsumerRunner.builder(config).groupId(group).topics(topic).groupProtocol(protocol)
                .metrics(KafkaMicrometer.of(registry).consumerMetrics(group)).commitInterval(COMMIT_INTERVAL)
                .handle(Payment.TYPE, m -> {})
                .build();
    }

    /** The partitions with a lag gauge in {@code registry}. */
    private static Set<TopicPartition> lagGauges(SimpleMeterRegistry registry) {
        return registry.find(KafkaMeterNames.LAG).gauges().stream().map(Gauge::getId)
                .map(id -> new TopicPartition(id.getTag("topic"), Integer.parseInt(id.getTag("partition"))))
                .collect(Collectors.toSet());
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
