package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.PayloadFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avro messages generate the same kind of Java types as JSON ones (record, builder, validate()), and their
 * {@code Messages} constant carries the Avro schema and framing; the avro module's codec (service-loaded) then writes
 * and reads Avro binary. Compiled in memory and run.
 */
class AvroPayloadsGenerationTest {

    @TempDir
    Path dir;

    private static final String SHIPPED = """
            {"orderId":"9b2d3c1e-1f4a-4c5e-9e6f-0a1b2c3d4e5f","shippedAt":"2026-01-02T03:04:05.678Z",
             "carrier":"UPS","parcels":[{"weightGrams":1200,"label":"fragile"},{"weightGrams":300}],
             "trackingUrl":"https://t.example/1","attributes":{"gate":"7"}}""";

    private static GenerationResult generate(Path contract) {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship"))
                .generate(Contracts.read(contract));
        assertThat(result.diagnostics()).isEmpty();
        return result;
    }

    private static String source(List<JavaFile> files, String name) {
        return files.stream().filter(f -> f.typeSpec().name().equals(name)).findFirst().orElseThrow().toString();
    }

    @Test
    void withoutARegistryTheMessageIsAvroSingleObjectEncodedAndReadBackEqual() throws Exception {
        Path contract = dir.resolve("ship.asyncapi.yaml");
        Files.copy(Contracts.MODEL_GOOD.resolve("avro/shipment.avsc"), dir.resolve("shipment.avsc"));
        Files.writeString(contract, """
                asyncapi: 2.6.0
                info: {title: Ship, version: '1'}
                channels:
                  shipments.v1:
                    publish:
                      operationId: shipmentSent
                      message:
                        name: OrderShipped
                        schemaFormat: application/vnd.apache.avro+json;version=1.12.0
                        payload: {$ref: 'shipment.avsc'}
                """);
        GenerationResult result = generate(contract);
        Compiled c = InMemoryCompiler.compile(result.files());
        Class<?> shippedType = c.load("com.acme.ship.model.OrderShipped");
        Object shipped = c.read(SHIPPED, shippedType);
        assertThat(Compiled.violations(shipped)).isEmpty();
        assertThat(Compiled.call(shippedType, "builder")).isNotNull();

        @SuppressWarnings("unchecked")
        MessageType<Void, Object, Void> type = (MessageType<Void, Object, Void>) c.load("com.acme.ship.kafka.Messages")
                .getField("ORDER_SHIPPED").get(null);
        assertThat(type.payloadFormat().mediaType()).isEqualTo(PayloadFormat.AVRO);
        assertThat(type.payloadFormat().settings()).containsEntry("framing", "single-object");
        assertThat(type.contentType()).isEqualTo("application/vnd.apache.avro");

        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = type.writePayload("shipments.v1", shipped, headers);
        // Avro single-object encoding: C3 01, the 8-byte fingerprint, then the binary body
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(bytes.length).isLessThan(c.json().writeValueAsBytes(shipped).length / 2);
        assertThat(type.readPayload(bytes, headers)).isEqualTo(shipped);
        // a body cut short is not read as something else
        assertThatThrownBy(() -> type.readPayload(java.util.Arrays.copyOf(bytes, bytes.length - 3), headers))
                .isInstanceOf(Exception.class);
    }

    @Test
    void aServerWithASchemaRegistryGivesTheRegistryFramingAndJsonMessagesStayJson() {
        GenerationResult result = generate(Contracts.MODEL_GOOD.resolve("avro-payloads.asyncapi.yaml"));
        String messages = source(result.files(), "Messages");
        assertThat(messages).contains("ORDER_SHIPPED = MessageType.of(\"OrderShipped\"")
                .contains("\"framing\", \"registry\"").contains("\"schemaRegistryUrl\", \"http://localhost:8081\"")
                .contains("\"schemaIdLocation\", \"payload\"");
        assertThat(messages.substring(messages.indexOf("ORDER_PLACED ="))).doesNotContain("withPayloadFormat");
        Compiled c = InMemoryCompiler.compile(result.files());
        Object ret = c.read("{\"orderId\":\"o-1\",\"amount\":12.50,\"requestedOn\":\"2026-03-04\"}",
                c.load("com.acme.ship.model.ReturnRequested"));
        assertThat(Compiled.call(ret, "amount")).hasToString("12.50");
    }

    @Test
    void aRecordWrittenWithAnOlderVersionTheContractListsIsReadByAvroResolution() throws Exception {
        Files.writeString(dir.resolve("shipment-v1.avsc"), """
                {"type":"record","name":"Shipment","namespace":"x","fields":[
                  {"name":"id","type":"string"},{"name":"parcels","type":"int"}]}""");
        String contract = """
                asyncapi: 2.6.0
                info: {title: Ship, version: '2'}
                channels:
                  shipments.v1:
                    publish:
                      operationId: shipmentSent
                      message:
                        name: Shipment
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        %s
                        payload:
                          type: record
                          name: Shipment
                          namespace: x
                          fields:
                            - {name: id, type: string}
                            - {name: parcels, type: long}
                            - {name: carrier, type: string, default: POST}
                """;
        org.apache.avro.Schema v1 = new org.apache.avro.Schema.Parser().parse(
                Files.readString(dir.resolve("shipment-v1.avsc")));
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
        old.put("id", "s-1");
        old.put("parcels", 3);
        byte[] written = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v1).encode(old).array();

        Path listing = dir.resolve("v2.asyncapi.yaml");
        Files.writeString(listing, contract.formatted(
                "bindings: {kafka: {x-asyncapi-kafka-avro-writers: [{$ref: 'shipment-v1.avsc'}]}}"));
        Compiled c = InMemoryCompiler.compile(generate(listing).files());
        @SuppressWarnings("unchecked")
        MessageType<Void, Object, Void> type = (MessageType<Void, Object, Void>) c.load("com.acme.ship.kafka.Messages")
                .getField("SHIPMENT").get(null);
        assertThat(type.payloadFormat().settings()).containsKey("writerSchema.1");
        // the field added since has its default, parcels is promoted from int to long
        Object expected = c.read("{\"id\":\"s-1\",\"parcels\":3,\"carrier\":\"POST\"}", type.payloadType());
        assertThat(type.readPayload(written, new RecordHeaders())).isEqualTo(expected);

        // without the listing the version is unknown: a poison record
        Path alone = dir.resolve("alone.asyncapi.yaml");
        Files.writeString(alone, contract.formatted(""));
        Compiled c2 = InMemoryCompiler.compile(generate(alone).files());
        MessageType<?, ?, ?> unaware = (MessageType<?, ?, ?>) c2.load("com.acme.ship.kafka.Messages")
                .getField("SHIPMENT").get(null);
        assertThatThrownBy(() -> unaware.readPayload(written, new RecordHeaders()))
                .isInstanceOf(org.apache.avro.message.MissingSchemaException.class);
    }

    @Test
    void aRecordWrittenWithTheBaselinesVersionIsReadAndAVersionItCannotReadIsAkg024() throws Exception {
        String contract = """
                asyncapi: 2.6.0
                info: {title: Ship, version: '%s'}
                channels:
                  shipments.v1:
                    publish:
                      operationId: shipmentSent
                      message:
                        name: Shipment
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        payload:
                          type: record
                          name: Shipment
                          namespace: x
                          fields:
                %s""";
        Path v1 = dir.resolve("v1.asyncapi.yaml");
        Files.writeString(v1, contract.formatted("1", """
                            - {name: id, type: string}
                            - {name: parcels, type: int}""".indent(14)));
        Path v2 = dir.resolve("v2.asyncapi.yaml");
        Files.writeString(v2, contract.formatted("2", """
                            - {name: id, type: string}
                            - {name: parcels, type: long}
                            - {name: carrier, type: string, default: POST}""".indent(14)));
        // what the plugin hands over from its baseline: the Avro schemas the v1 contract knows
        List<String> baseline = io.asyncapikafka.model.AvroVersions.schemasOf(Contracts.read(v1));
        assertThat(baseline).hasSize(1);
        org.apache.avro.Schema old = new org.apache.avro.Schema.Parser().parse(baseline.get(0));
        org.apache.avro.generic.GenericRecord shipment = new org.apache.avro.generic.GenericData.Record(old);
        shipment.put("id", "s-1");
        shipment.put("parcels", 3);
        byte[] written = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), old).encode(shipment).array();

        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship")
                .withAvroBaselineSchemas(baseline)).generate(Contracts.read(v2));
        assertThat(result.diagnostics()).isEmpty();
        Compiled c = InMemoryCompiler.compile(result.files());
        @SuppressWarnings("unchecked")
        MessageType<Void, Object, Void> type = (MessageType<Void, Object, Void>) c.load("com.acme.ship.kafka.Messages")
                .getField("SHIPMENT").get(null);
        assertThat(type.payloadFormat().settings()).containsKey("writerSchema.1");
        Object expected = c.read("{\"id\":\"s-1\",\"parcels\":3,\"carrier\":\"POST\"}", type.payloadType());
        assertThat(type.readPayload(written, new RecordHeaders())).isEqualTo(expected);
        // the same schema as a baseline's is no other version
        GenerationResult same = CodeGenerator.create(GeneratorOptions.of("com.acme.ship")
                .withAvroBaselineSchemas(baseline)).generate(Contracts.read(v1));
        assertThat(source(same.files(), "Messages")).doesNotContain("writerSchema");

        // a v3 that dropped the default of a field v1 lacks cannot read v1's records: AKG024, v1 not resolved
        Path v3 = dir.resolve("v3.asyncapi.yaml");
        Files.writeString(v3, contract.formatted("3", """
                            - {name: id, type: string}
                            - {name: parcels, type: long}
                            - {name: carrier, type: string}""".indent(14)));
        GenerationResult broken = CodeGenerator.create(GeneratorOptions.of("com.acme.ship")
                .withAvroBaselineSchemas(baseline)).generate(Contracts.read(v3));
        assertThat(broken.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKG024");
            assertThat(d.message()).contains("Shipment").contains("carrier");
            assertThat(d.location().line()).isPositive();
        });
        assertThat(source(broken.files(), "Messages")).doesNotContain("writerSchema");
    }

    @Test
    void aTypeOfAnAvdlProtocolGeneratesAndRoundTripsAvroBinary() throws Exception {
        Files.writeString(dir.resolve("shop.avdl"), """
                @namespace("x.shop")
                protocol Shop {
                  enum Colour { RED, GREEN }
                  record Item { string sku; int qty; Colour colour = "RED"; }
                  record Cart { long id; array<Item> items; union { null, string } note = null;
                    timestamp_ms updatedAt; decimal(9, 2) total; }
                }
                """);
        Path contract = dir.resolve("shop.asyncapi.yaml");
        Files.writeString(contract, """
                asyncapi: 2.6.0
                info: {title: Shop, version: '1'}
                channels:
                  carts.v1:
                    publish:
                      operationId: cartChanged
                      message:
                        name: CartChanged
                        schemaFormat: application/vnd.apache.avro;version=1.12.0
                        payload: {$ref: 'shop.avdl#Cart'}
                """);
        Compiled c = InMemoryCompiler.compile(generate(contract).files());
        @SuppressWarnings("unchecked")
        MessageType<Void, Object, Void> type = (MessageType<Void, Object, Void>) c.load("com.acme.ship.kafka.Messages")
                .getField("CART_CHANGED").get(null);
        Object cart = c.read("""
                {"id":7,"items":[{"sku":"A-1","qty":2,"colour":"GREEN"}],"updatedAt":"2026-03-04T05:06:07.008Z",
                 "total":12.50}""", type.payloadType());
        byte[] bytes = type.writePayload("carts.v1", cart, new RecordHeaders());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(type.readPayload(bytes, new RecordHeaders())).isEqualTo(cart);
    }
}
