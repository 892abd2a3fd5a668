package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Must-show item 3: members joining and leaving repeatedly, under both group protocols. */
class RebalanceBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final int RECORDS = 300;

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void churnLosesNothingAndCommittedOffsetsNeverGoBackwards(GroupProtocol protocol) throws Exception {
        String topic = "churn-" + protocol.name().toLowerCase();
        String group = topic + "-g";
        KAFKA.createTopic(topic, 4);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<String> regressions = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);

        Thread sampler = new Thread(() -> {
            Map<Integer, Long> last = new ConcurrentHashMap<>();
            try (Admin admin = KAFKA.admin()) {
                while (sampling.get()) {
                    committed(admin, group, topic).forEach((p, o) -> {
                        Long before = last.put(p, o);
                        if (before != null && o < before) {
                            regressions.add("partition " + p + ": " + before + " -> " + o);
                        }
                    });
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "offset-sampler");
        sampler.start();

        Thread feeder = new Thread(() -> {
            try (TypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build()) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(topic, OrderEvent.TYPE, "k" + i, OrderEvent.of(topic + "-" + i), null);
                    Thread.sleep(15);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feeder");
        feeder.start();

        List<ConsumerRunner> runners = new ArrayList<>();
        ConsumerRunner stable = runner(protocol, group, topic, "stable", handled).start();
        runners.add(stable);
        try {
            for (int cycle = 0; cycle < 3; cycle++) {
                ConsumerRunner joiner = runner(protocol, group, topic, "joiner-" + cycle, handled).start();
                runners.add(joiner);
                await("joiner gets partitions", Duration.ofSeconds(30), () -> !joiner.assignment().isEmpty());
                await("joiner makes progress", Duration.ofSeconds(30), () -> handled.size() > 0);
                joiner.close();
            }
            feeder.join();
            await("every record handled", Duration.ofSeconds(60), () -> handled.size() == RECORDS);
            await("everything committed", Duration.ofSeconds(30), () -> committed(KAFKA, group, topic).values()
                    .stream().mapToLong(Long::longValue).sum() == RECORDS);
        } finally {
            runners.forEach(ConsumerRunner::close);
            sampling.set(false);
            sampler.join();
        }
        assertThat(regressions).isEmpty();
        assertThat(stable.failure()).isEmpty();
    }

    private static ConsumerRunner runner(GroupProtocol protocol, String group, String topic, String name,
            Set<String> handled) {
        return ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId(group + "-" + name).topics(topic)
                .groupProtocol(protocol).commitInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(5))
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(2);
                    handled.add(m.payload().id());
                })
                .build();
    }
}
