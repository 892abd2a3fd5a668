package io.asyncapikafka.runtime;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.consumer.ConsumerHealth;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.ProducerObserver;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: the producer observer, the kafka-clients objects handed out, and a runner's health, on the broker. */
class ObservationBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void theProducerObserverSeesEachSendItsAcknowledgementItsFailureAndEveryContractRejection() {
        KAFKA.createTopic("observed", 1);
        List<String> events = new CopyOnWriteArrayList<>();
        List<Producer<?, ?>> created = new CopyOnWriteArrayList<>();
        List<Producer<?, ?>> closed = new CopyOnWriteArrayList<>();
        ProducerObserver observer = new ProducerObserver() {
            @Override
            public Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
                record.headers().add("x-observed", "yes".getBytes(StandardCharsets.UTF_8)); // headers still writable
                events.add("sending " + messageType + " to " + record.topic());
                return new Send() {
                    @Override
                    public void acknowledged(RecordMetadata metadata) {
                        events.add("acknowledged at " + metadata.topic() + "-" + metadata.partition() + "@"
                                + metadata.offset());
                    }

                    @Override
                    public void failed(Throwable error) {
                        events.add("failed " + error.getClass().getSimpleName());
                    }
                };
            }

            @Override
            public void rejected(String topic, String messageType, ContractViolationException violation) {
                events.add("rejected " + messageType + " to " + topic + ": " + violation.violations());
            }
        };
        ProducerObserver broken = new ProducerObserver() { // a failing observer changes nothing about the send
            @Override
            public Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
                throw new IllegalStateException("metrics backend down");
            }

            @Override
            public void rejected(String topic, String messageType, ContractViolationException violation) {
                throw new IllegalStateException("metrics backend down");
            }
        };
        KafkaTypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).observer(broken).observer(observer)
                .clientListener(new KafkaClientListener() {
                    @Override
                    public void producerCreated(String clientId, Producer<?, ?> p) {
                        created.add(p);
                    }

                    @Override
                    public void producerClosed(String clientId, Producer<?, ?> p) {
                        closed.add(p);
                    }
                })
                .build();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).metrics()).isNotEmpty(); // what KafkaClientMetrics reads

        producer.sendAndWait("observed", OrderEvent.TYPE, "k", OrderEvent.of("a"), null);
        assertThatThrownBy(() -> producer.send("observed", OrderEvent.TYPE, "k", new OrderEvent("b", "r", -1), null))
                .isInstanceOf(ContractViolationException.class);
        producer.close();
        assertThat(closed).containsExactly(created.get(0));
        assertThatThrownBy(() -> producer.sendAndWait("observed", OrderEvent.TYPE, "k", OrderEvent.of("c"), null))
                .isInstanceOf(IllegalStateException.class);

        assertThat(events).containsExactly("sending OrderCreated to observed", "acknowledged at observed-0@0",
                "rejected OrderCreated to observed: [$.qty: must be >= 0 but was -1]",
                "sending OrderCreated to observed", "failed IllegalStateException");
        assertThat(BrokerSupport.header(BrokerSupport.readAll(KAFKA, "observed").get(0), "x-observed"))
                .isEqualTo("yes");
    }

    @Test
    void aRunnerHandsOutItsConsumersAndDeadLetterProducerAndReportsLagAboveTheThresholdInItsHealth()
            throws Exception {
        KAFKA.createTopic("health-lag", 1);
        List<String> clients = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        KafkaClientListener listener = new KafkaClientListener() {
            @Override
            public void consumerCreated(String clientId, Consumer<?, ?> consumer) {
                clients.add("consumer " + clientId + " " + !consumer.metrics().isEmpty());
            }

            @Override
            public void consumerClosed(String clientId, Consumer<?, ?> consumer) {
                clients.add("consumer closed " + clientId);
            }

            @Override
            public void producerCreated(String clientId, Producer<?, ?> producer) {
                clients.add("producer " + clientId);
            }

            @Override
            public void producerClosed(String clientId, Producer<?, ?> producer) {
                clients.add("producer closed " + clientId);
            }
        };
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build()) {
            ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("lagging").topics("health-lag")
                    .clientListener(listener).commitInterval(Duration.ofMillis(100))
                    .consumerProperty("max.poll.records", 1)
                    .handle(OrderEvent.TYPE, m -> release.await(60, TimeUnit.SECONDS))
                    .build();
            ConsumerHealth before = runner.health(5);
            assertThat(before.state()).isEqualTo(ConsumerRunner.State.NEW);
            assertThat(before.healthy()).isFalse();
            // a backlog before start: the first fetch sees the end offset while the handler holds the first record
            // (a busy partition is paused, so lag is measured as of its last fetch)
            for (int i = 0; i < 20; i++) {
                producer.sendAndWait("health-lag", OrderEvent.TYPE, "k", OrderEvent.of("e" + i), null);
            }
            runner.start();
            TopicPartition tp = new TopicPartition("health-lag", 0);
            await("assigned", WAIT, () -> runner.assignment().contains(tp));
            await("lag above 5 reported", WAIT, () -> !runner.health(5).laggingPartitions().isEmpty());
            ConsumerHealth lagging = runner.health(5);
            assertThat(lagging.state()).isEqualTo(ConsumerRunner.State.RUNNING);
            assertThat(lagging.assignment()).containsExactly(tp);
            assertThat(lagging.failure()).isEmpty();
            assertThat(lagging.lag().get(tp)).isGreaterThan(5);
            assertThat(lagging.healthy()).isFalse();
            assertThat(runner.health(1_000).healthy()).isTrue(); // the same lag under a higher threshold

            release.countDown();
            await("caught up", WAIT, () -> runner.health(0).healthy());
            runner.close();
            assertThat(runner.health(0).state()).isEqualTo(ConsumerRunner.State.STOPPED);
        }
        assertThat(clients).containsExactly("producer lagging-forwarder", "consumer lagging-0 true",
                "consumer closed lagging-0", "producer closed lagging-forwarder");
    }
}
