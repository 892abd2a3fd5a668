package io.asyncapikafka.examples.orders;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead letter back the way an operator's tool would: a plain consumer without a group (nothing committed,
 * nothing taken from anyone) scans the dead-letter topic from the beginning for the record with a given {@code ce_id}.
 * Matching on the event id keeps it correct on a shared cluster whose DLQ holds records of earlier runs.
 */
final class DeadLetterReader {

    /** A dead letter: where it is and its {@code dlq.*} headers in record order. */
    record DeadLetter(String topic, int partition, long offset, Map<String, String> dlqHeaders) {}

    private DeadLetterReader() {}

    static DeadLetter find(KafkaClientConfig config, String topic, String eventId, Duration timeout) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "orders-demo-dlq-reader");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (eventId.equals(text(r.headers().lastHeader(CloudEventHeaders.ID)))) {
                        Map<String, String> dlq = new LinkedHashMap<>();
                        for (Header h : r.headers()) {
                            if (h.key().startsWith(DeadLetterHeaders.PREFIX)) {
                                dlq.put(h.key(), text(h));
                            }
                        }
                        return new DeadLetter(r.topic(), r.partition(), r.offset(), dlq);
                    }
                }
            }
        }
        throw new IllegalStateException("no record with ce_id " + eventId + " on " + topic + " within " + timeout);
    }

    private static String text(Header h) {
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
