package io.asyncapikafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A broker in its own JVM: SIGKILLed, started again on the same port and data, and cleaned up. */
class KafkaBrokerProcessTest {

    @Test
    void aKilledBrokerComesBackOnTheSamePortWithItsRecordsAndCommittedOffsets() throws Exception {
        Path folder;
        long firstPid;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            folder = broker.folder();
            String bootstrap = broker.bootstrapServers();
            broker.createTopic("crash", 2);
            send(broker, "crash", "a", "b", "c");
            TopicPartition p0 = new TopicPartition("crash", 0);
            try (var admin = broker.admin()) {
                admin.alterConsumerGroupOffsets("g", Map.of(p0, new OffsetAndMetadata(1))).all().get();
            }
            firstPid = broker.pid();

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(accepts(bootstrap)).as("nothing listens on %s after the kill", bootstrap).isFalse();

            broker.startAgain();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            send(broker, "crash", "d");
            assertThat(readAll(broker, "crash", 4)).containsExactlyInAnyOrder("a", "b", "c", "d");
            try (var admin = broker.admin()) {
                assertThat(admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get().get(p0).offset())
                        .isEqualTo(1);
            }
        }
        assertThat(Files.exists(folder)).as("close() deletes %s", folder).isFalse();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static boolean accepts(String hostPort) {
        String[] hp = hostPort.split(":");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(KafkaBrokerProcess broker, String topic, String... values) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v, v)).get();
            }
        }
    }

    private static List<String> readAll(KafkaBrokerProcess broker, String topic, int expected) {
        List<String> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "reader"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
