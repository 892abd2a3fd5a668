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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, D3: a member loses its partitions (its poll thread stalls past {@code max.poll.interval.ms}, twice) and
 * the broker restarts, under both group protocols: no consumer thread dies, the runner stays running, nothing is
 * lost, and the group ends up with everything committed.
 */
class LostPartitionsBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int RECORDS = 200;

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void lostPartitionsAndABrokerRestartEndNoConsumerThread(GroupProtocol protocol) throws Exception {
        String topic = "lost-" + protocol.name().toLowerCase();
        String group = topic + "-g";
        KAFKA.createTopic(topic, 3);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger stalls = new AtomicInteger(2);
        AtomicBoolean stallArmed = new AtomicBoolean(false);
        InMemoryConsumerMetrics counts = InMemoryConsumerMetrics.create();
        // The poll thread calls received(); stalling it there is a member that stops polling (a long GC pause).
        ConsumerMetrics stalling = new ConsumerMetrics() {
            @Override
            public void received(TopicPartition partition) {
                counts.received(partition);
                if (stallArmed.get() && stalls.get() > 0 && stallArmed.compareAndSet(true, false)) {
                    stalls.decrementAndGet();
                    sleep(3_000);
                }
            }

            @Override
            public void lost(int partitions) {
                counts.lost(partitions);
            }

            @Override
            public void revoked(int partitions) {
                counts.revoked(partitions);
            }
        };
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add(topic + "-" + i);
        }
        try (TypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build();
                ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId(group).topics(topic)
                        .groupProtocol(protocol).concurrency(2).metrics(stalling)
                        .consumerProperty("max.poll.interval.ms", 1000)
                        .commitInterval(Duration.ofMillis(100))
                        .handle(OrderEvent.TYPE, m -> handled.add(m.payload().id()))
                        .build().start()) {
            await("assigned", WAIT, () -> runner.assignment().size() == 3);
            send(producer, topic, expected.subList(0, 50));
            await("first records handled", WAIT, () -> handled.size() >= 50);

            stallArmed.set(true); // the next delivery stalls its poll thread past max.poll.interval.ms
            send(producer, topic, expected.subList(50, 100));
            await("a member lost its partitions", WAIT, () -> counts.lost() >= 1);

            KAFKA.broker().stopBroker();
            sleep(2_000);
            KAFKA.broker().startBroker();
            stallArmed.set(true); // and once more right after the broker came back
            send(producer, topic, expected.subList(100, RECORDS));

            await("every record handled", WAIT, () -> handled.size() == RECORDS);
            await("everything committed", WAIT, () -> committed(KAFKA, group, topic).values().stream()
                    .mapToLong(Long::longValue).sum() == RECORDS);
            assertThat(runner.failure()).isEmpty();
            assertThat(runner.isRunning()).as("no consumer thread died").isTrue();
            assertThat(runner.state()).isEqualTo(ConsumerRunner.State.RUNNING);
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(stalls).as("both stalls happened").hasValue(0);
    }

    private static void send(TypedProducer producer, String topic, List<String> ids) {
        for (String id : ids) {
            producer.sendAndWait(topic, OrderEvent.TYPE, "k" + id, OrderEvent.of(id), null);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
