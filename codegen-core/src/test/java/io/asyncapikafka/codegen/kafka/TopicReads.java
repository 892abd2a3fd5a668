package io.asyncapikafka.codegen.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading back what generated code wrote (dead letters), for the broker tests of this package. */
final class TopicReads {

    private TopicReads() {}

    /** A header's value as UTF-8 text, or {@code null}. */
    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of {@code topic}: polls until the first arrives, then 2 s longer to see that nothing follows. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
        return readAll(Map.of("bootstrap.servers", bootstrapServers), topic);
    }

    /** As {@link #readAll(String, String)} with client properties (a secured broker's admin settings). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> clientProperties, String topic) {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.putAll(Map.of("group.id", "dlq-reader", "auto.offset.reset", "earliest", "enable.auto.commit", "false"));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                if (!out.isEmpty() && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return out;
    }
}
