package io.asyncapikafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The broker and the clients print one start line, then only warnings and errors, under slf4j-simple at its default
 * INFO level (this module's simplelogger.properties), while everything else still logs at INFO.
 */
class QuietBrokerTest {

    @Test
    void oneLineOnStartThenOnlyWarningsAndErrors() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic("quiet.v1", 1);
            Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("quiet.v1", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "quiet",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("quiet.v1"));
                int seen = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (seen == 0 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        seen++;
                    }
                }
                assertThat(seen).isEqualTo(1);
            }
            LoggerFactory.getLogger("kafka.server.QuietBrokerTest").warn("a broker warning still shows");
            LoggerFactory.getLogger("com.acme.Service").info("the service's own INFO still shows");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> lines = log.lines().toList();
        assertThat(lines.stream().filter(l -> l.contains("INFO") && (l.contains(" kafka.")
                || l.contains(" org.apache.kafka.") || l.contains("state.change.logger"))))
                .as("Kafka INFO lines in:%n%s", log).isEmpty();
        assertThat(lines.stream().filter(l -> l.contains("INFO io.asyncapikafka.testkit.KafkaBroker - embedded Kafka")))
                .singleElement().asString().contains("started in", "Kafka logs at WARN");
        assertThat(log).contains("WARN kafka.server.QuietBrokerTest - a broker warning still shows");
        assertThat(log).contains("INFO com.acme.Service - the service's own INFO still shows");
    }

    @Test
    void handledWaitsForTheHandlerAndSaysWhatArrived() throws Exception {
        Handled<String> handled = Handled.around(m -> {
            if (m.startsWith("bad")) {
                throw new IllegalStateException("cannot handle " + m);
            }
        });
        CompletableFuture.runAsync(() -> {
            sleep(100);
            handled.handle("first");
            try {
                handled.handle("bad one");
            } catch (IllegalStateException expected) {
                // rethrown to the runtime, as the real handler's failure would be
            }
            handled.handle("second");
        });
        assertThat(handled.await(2, Duration.ofSeconds(10))).containsExactly("first", "second");
        assertThat(handled.failures()).singleElement().asString().contains("cannot handle bad one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handled.await(3, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 3 handled messages within 50 ms, got 2")
                .hasMessageContaining("1 call(s) that threw");
    }

    @Test
    void publishedReturnsTheAcknowledgementAndRethrowsARefusalUnwrapped() {
        RecordMetadata md = new RecordMetadata(new org.apache.kafka.common.TopicPartition("t", 0), 0, 0, 0, 1, 1);
        assertThat(Published.await(CompletableFuture.completedFuture(md))).isSameAs(md);
        CompletableFuture<RecordMetadata> refused = CompletableFuture.failedFuture(
                new IllegalArgumentException("$.total: must be >= 0"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Published.await(refused))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("$.total: must be >= 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Published.await(new CompletableFuture<RecordMetadata>(), Duration.ofMillis(20)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not acknowledge");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
