package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Avro framing is chosen per channel, from the servers it is on: one 3.0 contract, a channel on a server without
 * a registry (single-object encoding), one on a server whose Kafka binding names a {@code schemaRegistryUrl} (registry
 * framing, the id in a header as the message binding's {@code schemaIdLocation} says), and one on that server whose
 * message binding chooses single-object with {@code x-asyncapi-kafka-avro-framing}. Generated, compiled in memory, sent
 * and received through the runtime on the in-JVM broker; the raw records show each framing. The registry is a small
 * HTTP server answering the two calls of Confluent's REST API the codec makes (lookup by subject, schema by id).
 */
class AvroFramingsBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create()
            .withTopic("ship.shipped.v1", 1).withTopic("ship.returned.v1", 1).withTopic("ship.audited.v1", 1)
            .withTopic("ship.versions.v1", 1);

    @TempDir
    Path dir;

    static final String CONTRACT = """
            asyncapi: 3.0.0
            info: {title: Ship, version: '1'}
            servers:
              plain: {host: 'localhost:9092', protocol: kafka}
              confluent:
                host: 'localhost:9093'
                protocol: kafka
                bindings: {kafka: {schemaRegistryUrl: '%s', schemaRegistryVendor: confluent}}
            channels:
              shipped:
                address: ship.shipped.v1
                servers: [{$ref: '#/servers/plain'}]
                messages:
                  OrderShipped: {$ref: '#/components/messages/OrderShipped'}
              returned:
                address: ship.returned.v1
                servers: [{$ref: '#/servers/confluent'}]
                messages:
                  ReturnRequested: {$ref: '#/components/messages/ReturnRequested'}
              audited:
                address: ship.audited.v1
                servers: [{$ref: '#/servers/confluent'}]
                messages:
                  Audited: {$ref: '#/components/messages/Audited'}
            operations:
              sendShipped: {action: send, channel: {$ref: '#/channels/shipped'}}
              sendReturned: {action: send, channel: {$ref: '#/channels/returned'}}
              sendAudited: {action: send, channel: {$ref: '#/channels/audited'}}
            components:
              messages:
                OrderShipped:
                  payload:
                    schemaFormat: application/vnd.apache.avro+json;version=1.9.0
                    schema: {type: record, name: OrderShipped, namespace: x, fields: [{name: orderId, type: string}]}
                ReturnRequested:
                  bindings: {kafka: {schemaIdLocation: header}}
                  payload:
                    schemaFormat: application/vnd.apache.avro+json;version=1.9.0
                    schema: {type: record, name: ReturnRequested, namespace: x, fields: [{name: orderId, type: string},
                      {name: parcels, type: int}]}
                Audited:
                  bindings: {kafka: {x-asyncapi-kafka-avro-framing: single-object}}
                  payload:
                    schemaFormat: application/vnd.apache.avro+json;version=1.9.0
                    schema: {type: record, name: Audited, namespace: x, fields: [{name: by, type: string}]}
            """;

    @Test
    @SuppressWarnings("unchecked")
    void eachChannelGetsTheFramingOfItsServersOnTheBroker() throws Exception {
        HttpServer registry = registry(Map.of(7, "{\"type\":\"record\",\"name\":\"ReturnRequested\",\"namespace\":\"x\","
                + "\"fields\":[{\"name\":\"orderId\",\"type\":\"string\"},{\"name\":\"parcels\",\"type\":\"int\"}]}"));
        try {
            Path contract = dir.resolve("ship.asyncapi.yaml");
            Files.writeString(contract, CONTRACT.formatted("http://127.0.0.1:" + registry.getAddress().getPort()));
            GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                    .generate(Contracts.read(contract));
            assertThat(result.diagnostics()).isEmpty();
            Compiled c = InMemoryCompiler.compile(result.files());
            Class<?> messages = c.load("com.acme.ship.kafka.Messages");
            var shipped = (MessageType<Void, Object, Void>) messages.getField("ORDER_SHIPPED").get(null);
            var returned = (MessageType<Void, Object, Void>) messages.getField("RETURN_REQUESTED").get(null);
            var audited = (MessageType<Void, Object, Void>) messages.getField("AUDITED").get(null);
            assertThat(shipped.payloadFormat().settings()).containsEntry("framing", "single-object");
            assertThat(returned.payloadFormat().settings()).containsEntry("framing", "registry")
                    .containsEntry("schemaIdLocation", "header");
            assertThat(audited.payloadFormat().settings()).containsEntry("framing", "single-object");

            Object ship = c.read("{\"orderId\":\"o-1\"}", shipped.payloadType());
            Object ret = c.read("{\"orderId\":\"o-2\",\"parcels\":3}", returned.payloadType());
            Object audit = c.read("{\"by\":\"ops\"}", audited.payloadType());
            KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
            BlockingQueue<Object> got = new LinkedBlockingQueue<>();
            try (TypedProducer producer = KafkaTypedProducer.builder(config).source("urn:test").build();
                    ConsumerRunner runner = ConsumerRunner.builder(config).groupId("framings")
                            .topics("ship.shipped.v1", "ship.returned.v1", "ship.audited.v1")
                            .handle(shipped, m -> got.add(m.payload())).handle(returned, m -> got.add(m.payload()))
                            .handle(audited, m -> got.add(m.payload())).build().start()) {
                producer.sendAndWait("ship.shipped.v1", shipped, null, ship, null);
                producer.sendAndWait("ship.returned.v1", returned, null, ret, null);
                producer.sendAndWait("ship.audited.v1", audited, null, audit, null);
                List<Object> received = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Object o = got.poll(60, TimeUnit.SECONDS);
                    assertThat(o).as("record %d handled", i).isNotNull();
                    received.add(o);
                }
                assertThat(received).containsExactlyInAnyOrder(ship, ret, audit);
            }
            // single-object: C3 01 + fingerprint; registry with the id in a header: the bare body
            byte[] so = first("ship.shipped.v1").value();
            assertThat(so[0]).isEqualTo((byte) 0xC3);
            assertThat(so[1]).isEqualTo((byte) 0x01);
            ConsumerRecord<byte[], byte[]> reg = first("ship.returned.v1");
            assertThat(ByteBuffer.wrap(reg.headers().lastHeader("apicurio.value.globalId").value()).getLong())
                    .isEqualTo(7);
            assertThat(reg.value()[0]).isEqualTo((byte) 6); // the string "o-2" (zig-zag length 3), no framing bytes
            byte[] audit0 = first("ship.audited.v1").value();
            assertThat(audit0[0]).isEqualTo((byte) 0xC3);
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aMessageOnChannelsWithDifferentFramingsIsAnErrorAndARegistryWithoutUrlAWarning() throws Exception {
        Path contract = dir.resolve("mixed.asyncapi.yaml");
        Files.writeString(contract, CONTRACT.formatted("http://registry:8081")
                .replace("Audited: {$ref: '#/components/messages/Audited'}",
                        "Audited: {$ref: '#/components/messages/OrderShipped'}")
                .replace("bindings: {kafka: {schemaIdLocation: header}}",
                        "bindings: {kafka: {schemaLookupStrategy: TopicIdStrategy}}")
                .replace("servers: [{$ref: '#/servers/confluent'}]\n    messages:\n      ReturnRequested",
                        "servers: [{$ref: '#/servers/plain'}]\n    messages:\n      ReturnRequested"));
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                .generate(Contracts.read(contract));
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactlyInAnyOrder("AKG021", "AKG022");
        assertThat(result.diagnostics()).filteredOn(d -> d.code().equals("AKG022")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("'OrderShipped'").contains("'ship.shipped.v1'")
                        .contains("'ship.audited.v1'").contains("registry framing with http://registry:8081"));
        assertThat(result.diagnostics()).filteredOn(d -> d.code().equals("AKG021")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("'ReturnRequested'")
                        .contains("schemaLookupStrategy"));
    }

    @Test
    void aLookupStrategyTheAvroModuleKnowsNamesTheSubjectAnOtherIsAWarning() throws Exception {
        Path contract = dir.resolve("strategy.asyncapi.yaml");
        Files.writeString(contract, CONTRACT.formatted("http://registry:8081")
                .replace("bindings: {kafka: {schemaIdLocation: header}}",
                        "bindings: {kafka: {schemaLookupStrategy: RecordIdStrategy}}"));
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                .generate(Contracts.read(contract));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.files().stream().filter(f -> f.typeSpec().name().equals("Messages")).findFirst()
                .orElseThrow().toString()).contains("\"schemaLookupStrategy\", \"RecordIdStrategy\"");

        Files.writeString(contract, CONTRACT.formatted("http://registry:8081")
                .replace("bindings: {kafka: {schemaIdLocation: header}}",
                        "bindings: {kafka: {schemaLookupStrategy: MyStrategy}}"));
        GenerationResult other = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                .generate(Contracts.read(contract));
        assertThat(other.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKG023");
            assertThat(d.message()).contains("'ReturnRequested'").contains("'MyStrategy'");
        });
        assertThat(other.files().stream().filter(f -> f.typeSpec().name().equals("Messages")).findFirst()
                .orElseThrow().toString()).doesNotContain("schemaLookupStrategy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordThePreviousVersionWroteIsHandledByTheNewContractsConsumer() throws Exception {
        Files.writeString(dir.resolve("parcel-v1.avsc"), """
                {"type":"record","name":"Parcel","namespace":"x","fields":[{"name":"id","type":"string"}]}""");
        Path contract = dir.resolve("v2.asyncapi.yaml");
        Files.writeString(contract, """
                asyncapi: 2.6.0
                info: {title: Ship, version: '2'}
                channels:
                  ship.versions.v1:
                    publish:
                      operationId: parcelSent
                      message:
                        name: Parcel
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        bindings: {kafka: {x-asyncapi-kafka-avro-writers: [{$ref: 'parcel-v1.avsc'}]}}
                        payload:
                          type: record
                          name: Parcel
                          namespace: x
                          fields:
                            - {name: id, type: string}
                            - {name: grams, type: int, default: 0}
                """);
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                .generate(Contracts.read(contract));
        assertThat(result.diagnostics()).isEmpty();
        Compiled c = InMemoryCompiler.compile(result.files());
        var v2 = (MessageType<Void, Object, Void>) c.load("com.acme.ship.kafka.Messages").getField("PARCEL").get(null);
        // the previous release's producer: the same message written with the version-1 schema
        Schema v1 = new Schema.Parser().parse(Files.readString(dir.resolve("parcel-v1.avsc")));
        var old = v2.withPayloadCodec(io.asyncapikafka.avro.AvroCodec.singleObject((Class<Object>) v2.payloadType(),
                v1, List.of()));
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        try (TypedProducer producer = KafkaTypedProducer.builder(config).source("urn:test").build();
                ConsumerRunner runner = ConsumerRunner.builder(config).groupId("versions").topics("ship.versions.v1")
                        .handle(v2, m -> got.add(m.payload())).build().start()) {
            producer.sendAndWait("ship.versions.v1", old, null, c.read("{\"id\":\"p-1\",\"grams\":0}",
                    v2.payloadType()), null);
            Object handled = got.poll(60, TimeUnit.SECONDS);
            // read with Avro's resolution: the field version 1 did not have takes its default
            assertThat(handled).isEqualTo(c.read("{\"id\":\"p-1\",\"grams\":0}", v2.payloadType()));
        }
        byte[] value = first("ship.versions.v1").value();
        assertThat(ByteBuffer.wrap(value, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(v1));
    }

    /** Answers {@code POST /subjects/{s}} and {@code GET /schemas/ids/{id}} for the schemas given, by id. */
    private static HttpServer registry(Map<Integer, String> schemas) throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Object reply = Map.of("error_code", 40403, "message", "Schema not found");
            int status = 404;
            for (Map.Entry<Integer, String> e : schemas.entrySet()) {
                Schema known = new Schema.Parser().parse(e.getValue());
                if (path.equals("/schemas/ids/" + e.getKey())) {
                    status = 200;
                    reply = Map.of("schema", e.getValue());
                } else if (path.startsWith("/subjects/") && !body.isEmpty()
                        && new Schema.Parser().parse(json.readTree(body).path("schema").asText()).equals(known)) {
                    status = 200;
                    reply = Map.of("subject", path.substring(10), "id", e.getKey(), "version", 1, "schema",
                            e.getValue());
                }
            }
            byte[] bytes = json.writeValueAsBytes(reply);
            ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return server;
    }

    private static ConsumerRecord<byte[], byte[]> first(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no record on " + topic);
    }
}
