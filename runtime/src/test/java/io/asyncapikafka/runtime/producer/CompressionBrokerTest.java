package io.asyncapikafka.runtime.producer;

import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.KafkaClientListener;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 13: the typed producer compresses its batches with lz4 unless configured, and what it compresses reads back
 * as sent. The producer's own {@code compression-rate-avg} (compressed over uncompressed batch bytes) tells whether a
 * batch was compressed: 1.0 without compression.
 */
class CompressionBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void batchesAreLz4CompressedByDefaultAndReadBackAsSent() {
        KAFKA.createTopic("compressed", 1);
        double rate = sendAll("compressed", KafkaTypedProducer.builder(config(KAFKA)).source("urn:test"));
        assertThat(rate).isLessThan(0.8);
        assertThat(readAll(KAFKA, "compressed")).extracting(r -> header(r, "ce_id")).containsExactlyElementsOf(ids());
    }

    @Test
    void compressionCanBeTurnedOff() {
        KAFKA.createTopic("uncompressed", 1);
        double rate = sendAll("uncompressed", KafkaTypedProducer.builder(config(KAFKA)).source("urn:test")
                .property(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"));
        assertThat(rate).isEqualTo(1.0);
        assertThat(readAll(KAFKA, "uncompressed")).hasSize(ids().size());
    }

    /** Sends the events asynchronously (so they share batches), waits for the last and returns the producer's rate. */
    private static double sendAll(String topic, KafkaTypedProducer.Builder builder) {
        AtomicReference<Producer<?, ?>> client = new AtomicReference<>();
        builder.clientListener(new KafkaClientListener() {
            @Override
            public void producerCreated(String clientId, Producer<?, ?> producer) {
                client.set(producer);
            }
        });
        try (KafkaTypedProducer producer = builder.build()) {
            List<String> ids = ids();
            for (String id : ids.subList(0, ids.size() - 1)) {
                producer.send(topic, OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            producer.sendAndWait(topic, OrderEvent.TYPE, "k", OrderEvent.of(ids.get(ids.size() - 1)), null);
            return client.get().metrics().entrySet().stream()
                    .filter(e -> e.getKey().group().equals("producer-metrics")
                            && e.getKey().name().equals("compression-rate-avg"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .findFirst().orElseThrow();
        }
    }

    private static List<String> ids() {
        return IntStream.range(0, 300).mapToObj(i -> "event-" + i).toList();
    }
}
