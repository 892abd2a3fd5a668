package io.asyncapikafka.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.InMemoryConsumerMetrics;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Avro records on the real in-JVM broker in both framings, with the runtime's rules for poison records: an unknown
 * fingerprint or schema id, a body cut short, bytes in the wrong framing are dead-lettered (DESERIALIZATION, the cause
 * in the headers) and later records flow; a registry outage is waited out and the record handled afterwards, never
 * dead-lettered.
 */
class AvroBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(KafkaClientConfig.of(KAFKA.bootstrapServers())).source("urn:test")
                .build();
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static Shipment shipment(String id) {
        return new Shipment(id, 1, AvroCodecTest.SHIPMENT.shippedAt(), null);
    }

    private static ConsumerRunner.Builder runner(String group, String topic) {
        return ConsumerRunner.builder(KafkaClientConfig.of(KAFKA.bootstrapServers())).groupId(group).topics(topic)
                .commitInterval(Duration.ofMillis(100)).shutdownTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofMillis(200)).jitter(0).retryTopicRounds(0).build());
    }

    @Test
    void singleObjectRecordsFlowAndPoisonIsDeadLetteredWithAReason() throws Exception {
        KAFKA.createTopic("ship-so", 1);
        KAFKA.createTopic("ship-so.dlq", 1);
        MessageType<String, Shipment, Void> v1 = Shipment.type(AvroCodec.singleObject(Shipment.class, Shipment.V1,
                List.of(Shipment.V2)));
        MessageType<String, Shipment, Void> v2 = Shipment.type(AvroCodec.singleObject(Shipment.class, Shipment.V2,
                List.of()));
        MessageType<String, Shipment, Void> stranger = Shipment.type(AvroCodec.singleObject(Shipment.class,
                new org.apache.avro.Schema.Parser().parse(Shipment.V1.toString().replace("com.example", "com.other")),
                List.of()));
        List<String> handled = new CopyOnWriteArrayList<>();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        try (ConsumerRunner r = runner("ship-so-g", "ship-so").handle(v1, m -> handled.add(m.payload().id()))
                .metrics(metrics).build().start()) {
            producer.sendAndWait("ship-so", v1, "k", shipment("a"), null);
            producer.sendAndWait("ship-so", v2, "k", shipment("ahead"), null); // a writer one version ahead
            producer.sendAndWait("ship-so", stranger, "k", shipment("unknown-fingerprint"), null);
            ConsumerRecord<byte[], byte[]> good = readAll("ship-so").get(0);
            sendRaw("ship-so", Arrays.copyOf(good.value(), good.value().length - 3), good);
            producer.sendAndWait("ship-so", v1, "k", shipment("b"), null);
            await("good records handled", () -> handled.size() == 3);
            await("poison dead-lettered", () -> readAll("ship-so.dlq").size() == 2);
        }
        assertThat(handled).containsExactly("a", "ahead", "b");
        assertThat(metrics.deadLettersByReason()).isEqualTo(Map.of(DeadLetterReason.DESERIALIZATION, 2L));
        List<ConsumerRecord<byte[], byte[]>> dlq = readAll("ship-so.dlq");
        assertThat(header(dlq.get(0), "dlq.exception.root-cause")).contains("MissingSchemaException");
        assertThat(header(dlq.get(1), "dlq.exception.root-cause")).contains("EOFException");
        assertThat(header(dlq.get(0), "content-type")).isEqualTo("application/vnd.apache.avro");
        byte[] first = readAll("ship-so").get(0).value();
        assertThat(dlq.get(1).value()).isEqualTo(Arrays.copyOf(first, first.length - 3));
    }

    @Test
    void registryFramingLooksUpIdsDeadLettersUnknownOnesAndWaitsOutAnOutage() throws Exception {
        KAFKA.createTopic("ship-reg", 1);
        KAFKA.createTopic("ship-reg.dlq", 1);
        try (RegistryStub registry = RegistryStub.start()) {
            registry.register("ship-reg-value", Shipment.V1.toString());
            SchemaRegistryClient producerSide = SchemaRegistryClient.of(registry.url());
            MessageType<String, Shipment, Void> sending = Shipment.type(AvroCodec.registry(Shipment.class, Shipment.V1,
                    producerSide, false));
            // the consumer has its own client (its own cache), as another service would
            MessageType<String, Shipment, Void> receiving = Shipment.type(AvroCodec.registry(Shipment.class,
                    Shipment.V1, SchemaRegistryClient.of(registry.url()), false));
            List<String> handled = new CopyOnWriteArrayList<>();
            InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
            producer.sendAndWait("ship-reg", sending, "k", shipment("a"), null);
            ConsumerRecord<byte[], byte[]> good = readAll("ship-reg").get(0);
            byte[] unknownId = good.value().clone();
            ByteBuffer.wrap(unknownId, 1, 4).putInt(999);
            sendRaw("ship-reg", unknownId, good);
            sendRaw("ship-reg", "{\"id\":\"json\"}".getBytes(StandardCharsets.UTF_8), good);
            registry.down(true); // the consumer starts while the registry is down
            try (ConsumerRunner r = runner("ship-reg-g", "ship-reg").handle(receiving,
                    m -> handled.add(m.payload().id())).metrics(metrics).build().start()) {
                await("the outage is noticed", () -> metrics.storeFailed() >= 3);
                assertThat(handled).isEmpty();
                assertThat(readAll("ship-reg.dlq")).isEmpty();
                registry.down(false);
                await("the waiting record handled", () -> handled.size() == 1);
                producer.sendAndWait("ship-reg", sending, "k", shipment("b"), null);
                await("later records handled", () -> handled.size() == 2);
                await("poison dead-lettered", () -> readAll("ship-reg.dlq").size() == 2);
            }
            assertThat(handled).containsExactly("a", "b");
            assertThat(metrics.deadLettersByReason()).isEqualTo(Map.of(DeadLetterReason.DESERIALIZATION, 2L));
            List<ConsumerRecord<byte[], byte[]>> dlq = readAll("ship-reg.dlq");
            assertThat(header(dlq.get(0), "dlq.exception.root-cause")).contains("no schema with id 999");
            assertThat(header(dlq.get(1), "dlq.exception.root-cause")).contains("not in the registry framing");
            assertThat(registry.requests).contains("GET /schemas/ids/999");
        }
    }

    // ---- raw broker access ----

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A record with {@code value} and the headers of {@code like} (so it is dispatched as the same message). */
    private static void sendRaw(String topic, byte[] value, ConsumerRecord<byte[], byte[]> like) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : like.headers()) {
            headers.add(h.key(), h.key().equals("ce_id") ? ("raw-" + System.nanoTime()).getBytes() : h.value());
        }
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (var p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, null, like.key(), value, headers)).get();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = List.of(new TopicPartition(topic, 0));
            c.assign(tps);
            c.seekToBeginning(tps);
            long end = c.endOffsets(tps).get(tps.get(0));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.position(tps.get(0)) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
