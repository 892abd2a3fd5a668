package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Avro payloads ({@code schemaFormat: application/vnd.apache.avro...}) read with Avro's own parser. */
class AvroPayloadsTest {

    private static AsyncApiModel model() {
        ReadResult r = Fixtures.read(Fixtures.good("avro-payloads.asyncapi.yaml"));
        assertThat(r.diagnostics()).isEmpty();
        return r.model().orElseThrow();
    }

    private static Message message(AsyncApiModel m, String name) {
        return m.channels().stream().flatMap(c -> c.operations().stream()).flatMap(o -> o.messages().stream())
                .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anAvscFileBecomesNamedSchemasAndTheRootKeepsTheParsedSchemaText() {
        AsyncApiModel m = model();
        Schema payload = message(m, "OrderShipped").payload();
        assertThat(payload).isInstanceOf(Schema.RefSchema.class);
        assertThat(((Schema.RefSchema) payload).name()).isEqualTo("OrderShipped");
        String avro = (String) payload.meta().extensions().get(Schema.AVRO_SCHEMA);
        assertThat(org.apache.avro.Schema.parse(avro).getFullName()).isEqualTo("com.example.orders.OrderShipped");

        Schema.ObjectSchema shipped = (Schema.ObjectSchema) m.schemas().get("OrderShipped");
        assertThat(shipped.meta().description()).isEqualTo("An order left the warehouse.");
        assertThat(shipped.properties()).extracting(Schema.Property::name, Schema.Property::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orderId", true),
                        org.assertj.core.groups.Tuple.tuple("shippedAt", true),
                        org.assertj.core.groups.Tuple.tuple("carrier", true),
                        org.assertj.core.groups.Tuple.tuple("parcels", true),
                        org.assertj.core.groups.Tuple.tuple("trackingUrl", false),
                        org.assertj.core.groups.Tuple.tuple("attributes", true));
        Map<String, Schema> byName = new java.util.LinkedHashMap<>();
        shipped.properties().forEach(p -> byName.put(p.name(), p.schema()));
        assertThat(((Schema.StringSchema) byName.get("orderId")).format()).isEqualTo("uuid");
        assertThat(((Schema.StringSchema) byName.get("shippedAt")).format()).isEqualTo("date-time");
        assertThat(byName.get("trackingUrl").meta().description()).isEqualTo("Where to follow the parcel.");
        assertThat(((Schema.ObjectSchema) byName.get("attributes")).isMap()).isTrue();
        assertThat(((Schema.StringSchema) m.schemas().get("Carrier")).meta().enumValues())
                .containsExactly("DHL", "UPS", "POST");
        Schema.ArraySchema parcels = (Schema.ArraySchema) byName.get("parcels");
        assertThat(((Schema.RefSchema) parcels.items()).name()).isEqualTo("Parcel");
        // located in the .avsc file
        assertThat(shipped.location().file()).endsWith("shipment.avsc");
        assertThat(shipped.location().line()).isEqualTo(1);
    }

    @Test
    void yamlWrittenAvroWithLogicalTypesAndJsonSchemaLiveInOneContract() {
        AsyncApiModel m = model();
        Schema.ObjectSchema ret = (Schema.ObjectSchema) m.schemas().get("ReturnRequested");
        assertThat(ret.properties()).extracting(p -> p.schema().getClass().getSimpleName())
                .containsExactly("StringSchema", "NumberSchema", "StringSchema", "StringSchema");
        assertThat(((Schema.NumberSchema) ret.properties().get(1).schema()).integer()).isFalse();
        assertThat(((Schema.StringSchema) ret.properties().get(2).schema()).format()).isEqualTo("date");
        assertThat(message(m, "ReturnRequested").payload().meta().extensions()).containsKey(Schema.AVRO_SCHEMA);
        assertThat(message(m, "OrderPlaced").payload().meta().extensions()).doesNotContainKey(Schema.AVRO_SCHEMA);
    }

    @Test
    void aLaterSchemaMayUseATypeAnEarlierOneDefinedAndOneBrokenSchemaSpoilsNoOther(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("types.asyncapi.yaml"), """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                channels:
                  a:
                    subscribe:
                      operationId: sendA
                      message:
                        name: A
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        payload: {type: record, name: A, namespace: x, fields: [{name: p, type: {type: record, name: Point, fields: [{name: v, type: int}]}}]}
                  broken:
                    subscribe:
                      operationId: sendBroken
                      message:
                        name: Broken
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        payload: {type: record, name: Broken, namespace: x, fields: [{name: m, type: Missing}]}
                  b:
                    subscribe:
                      operationId: sendB
                      message:
                        name: B
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        payload: {type: record, name: B, namespace: x, fields: [{name: p, type: Point}]}
                """);
        ReadResult r = Fixtures.read(dir.resolve("types.asyncapi.yaml"));
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM080");
            assertThat(d.message()).contains("'Broken'").contains("Missing");
        });
    }

    @Test
    void aTypeNoReadSchemaDefinesIsReadFromTheFileNamedAfterItBesideTheFileThatUsesIt(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path avro = java.nio.file.Files.createDirectories(dir.resolve("avro"));
        // as ZenWave's shopping cart: the referenced files use Cart and Item, defined in Cart.avsc and Item.avsc
        java.nio.file.Files.writeString(avro.resolve("CartUpdated.avsc"), """
                {"type":"record","name":"CartUpdated","namespace":"x.cart","fields":[
                  {"name":"cart","type":"Cart"},{"name":"item","type":"Item"}]}""");
        java.nio.file.Files.writeString(avro.resolve("Cart.avsc"), """
                {"type":"record","name":"Cart","namespace":"x.cart","fields":[
                  {"name":"items","type":{"type":"array","items":"Item"}}]}""");
        java.nio.file.Files.writeString(avro.resolve("Item.avsc"), """
                {"type":"record","name":"Item","namespace":"x.cart","fields":[{"name":"qty","type":"int"}]}""");
        java.nio.file.Files.writeString(avro.resolve("Lost.avsc"), """
                {"type":"record","name":"Lost","namespace":"x.cart","fields":[{"name":"m","type":"Nowhere"}]}""");
        java.nio.file.Files.writeString(dir.resolve("cart.asyncapi.yaml"), """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                channels:
                  cart:
                    subscribe:
                      operationId: sendCart
                      message:
                        name: CartUpdated
                        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
                        payload: {$ref: 'avro/CartUpdated.avsc'}
                """);
        ReadResult r = Fixtures.read(dir.resolve("cart.asyncapi.yaml"));
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.model().orElseThrow().inputFiles()).contains("avro/Cart.avsc", "avro/Item.avsc");
        AsyncApiModel m = r.model().orElseThrow();
        String text = (String) message(m, "CartUpdated").payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(text);
        assertThat(parsed.getField("cart").schema().getField("items").schema().getElementType().getFullName())
                .isEqualTo("x.cart.Item");
        assertThat(m.schemas()).containsKeys("CartUpdated", "Cart", "Item");

        // a name no file beside defines is still Avro's refusal
        java.nio.file.Files.writeString(dir.resolve("lost.asyncapi.yaml"), """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                channels:
                  lost:
                    subscribe:
                      operationId: sendLost
                      message:
                        name: Lost
                        schemaFormat: application/vnd.apache.avro+json;version=1.9.0
                        payload: {$ref: 'avro/Lost.avsc'}
                """);
        assertThat(Fixtures.read(dir.resolve("lost.asyncapi.yaml")).errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM080");
            assertThat(d.message()).contains("'Lost'").contains("Nowhere");
        });
    }

    @Test
    void aChannelKnowsTheServersItIsOnAndTheMessageBindingItsFramingChoices(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("servers.asyncapi.yaml"), """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                servers:
                  plain: {url: 'localhost:9092', protocol: kafka}
                  confluent: {url: 'localhost:9093', protocol: kafka}
                channels:
                  a:
                    servers: [confluent]
                    subscribe:
                      operationId: sendA
                      message:
                        name: A
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        bindings: {kafka: {schemaLookupStrategy: RecordIdStrategy, x-asyncapi-kafka-avro-framing: registry}}
                        payload: {type: record, name: A, fields: [{name: v, type: int}]}
                  b:
                    subscribe:
                      operationId: sendB
                      message:
                        name: B
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        bindings: {kafka: {x-asyncapi-kafka-avro-framing: sometimes}}
                        payload: {type: record, name: B, fields: [{name: v, type: int}]}
                """);
        ReadResult r = Fixtures.read(dir.resolve("servers.asyncapi.yaml"));
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM043");
            assertThat(d.message()).contains("x-asyncapi-kafka-avro-framing").contains("'sometimes'");
        });
        java.nio.file.Files.writeString(dir.resolve("servers.asyncapi.yaml"),
                java.nio.file.Files.readString(dir.resolve("servers.asyncapi.yaml")).replace("sometimes", "registry"));
        AsyncApiModel m = Fixtures.read(dir.resolve("servers.asyncapi.yaml")).model().orElseThrow();
        assertThat(m.channels()).extracting(Channel::servers).containsExactly(List.of("confluent"), List.of());
        Map<String, Object> ext = message(m, "A").payload().meta().extensions();
        assertThat(ext).containsEntry(Schema.AVRO_SCHEMA_LOOKUP_STRATEGY, "RecordIdStrategy")
                .containsEntry(Schema.AVRO_FRAMING, "registry");
    }

    @Test
    void listedWriterVersionsAreParsedAloneAndMustBeReadableByTheMessagesSchema(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("v1.avsc"), """
                {"type":"record","name":"S","namespace":"x","fields":[{"name":"id","type":"string"},
                  {"name":"n","type":"int"}]}""");
        java.nio.file.Files.writeString(dir.resolve("v0.avsc"), """
                {"type":"record","name":"S","namespace":"x","fields":[{"name":"id","type":"string"}]}""");
        String contract = """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                channels:
                  s:
                    subscribe:
                      operationId: sendS
                      message:
                        name: S
                        schemaFormat: application/vnd.apache.avro;version=1.9.0
                        bindings: {kafka: {x-asyncapi-kafka-avro-writers: %s}}
                        payload: {type: record, name: S, namespace: x, fields: [{name: id, type: string},
                          {name: n, type: long}]}
                """;
        java.nio.file.Path file = dir.resolve("s.asyncapi.yaml");
        java.nio.file.Files.writeString(file, contract.formatted("[{$ref: 'v1.avsc'}]"));
        ReadResult ok = Fixtures.read(file);
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(message(ok.model().orElseThrow(), "S").payload().meta().extensions()
                .get(Schema.AVRO_WRITER_SCHEMAS)).asList().singleElement().asString().contains("\"int\"");
        assertThat(ok.model().orElseThrow().inputFiles()).contains("v1.avsc");

        // v0 lacks n, which the message's schema needs without a default
        java.nio.file.Files.writeString(file, contract.formatted("[{$ref: 'v0.avsc'}]"));
        assertThat(Fixtures.read(file).errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM083");
            assertThat(d.message()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("n");
        });
        java.nio.file.Files.writeString(file, contract.formatted("[{type: record, name: S, fields: [{name: id, type: Nope}]}]"));
        assertThat(Fixtures.read(file).errors()).extracting(Diagnostic::code).containsExactly("AKM082");
        java.nio.file.Files.writeString(file, contract.formatted("v1.avsc"));
        assertThat(Fixtures.read(file).errors()).extracting(Diagnostic::code).containsExactly("AKM082");
    }

    static final String SHOP_AVDL = """
            @namespace("x.shop")
            protocol Shop {
              enum Colour { RED, GREEN }
              record Item { string sku; int qty; Colour colour = "RED"; }
              record Cart {
                long id;
                array<Item> items;
                union { null, string } note = null;
                timestamp_ms updatedAt;
                decimal(9, 2) total;
              }
            }
            """;

    @Test
    void anAvdlProtocolIsReadWithAvrosIdlReaderAndTheReferenceNamesTheType(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("shop.avdl"), SHOP_AVDL);
        java.nio.file.Files.writeString(dir.resolve("broken.avdl"), "protocol Broken { record R { nope x; } }");
        String contract = """
                asyncapi: 2.6.0
                info: {title: T, version: '1'}
                channels:
                  carts:
                    subscribe:
                      operationId: sendCart
                      message:
                        name: CartChanged
                        schemaFormat: application/vnd.apache.avro;version=1.12.0
                        payload: {$ref: '%s'}
                """;
        java.nio.file.Path file = dir.resolve("shop.asyncapi.yaml");
        java.nio.file.Files.writeString(file, contract.formatted("shop.avdl#Cart"));
        ReadResult r = Fixtures.read(file);
        assertThat(r.diagnostics()).isEmpty();
        AsyncApiModel m = r.model().orElseThrow();
        assertThat(m.inputFiles()).contains("shop.avdl");
        String text = (String) message(m, "CartChanged").payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        assertThat(new org.apache.avro.Schema.Parser().parse(text).getFullName()).isEqualTo("x.shop.Cart");
        Schema.ObjectSchema cart = (Schema.ObjectSchema) m.schemas().get("Cart");
        assertThat(cart.properties()).extracting(Schema.Property::name)
                .containsExactly("id", "items", "note", "updatedAt", "total");
        assertThat(m.schemas()).containsKeys("Item", "Colour");

        java.nio.file.Files.writeString(file, contract.formatted("shop.avdl#x.shop.Item"));
        assertThat(Fixtures.read(file).diagnostics()).isEmpty();
        for (String bad : List.of("shop.avdl#Basket", "shop.avdl", "broken.avdl#R")) {
            java.nio.file.Files.writeString(file, contract.formatted(bad));
            assertThat(Fixtures.read(file).errors()).as(bad).singleElement()
                    .satisfies(d -> assertThat(d.code()).isEqualTo("AKM084"));
        }
        java.nio.file.Files.writeString(file, contract.formatted("missing.avdl#Cart"));
        assertThat(Fixtures.read(file).errors()).extracting(Diagnostic::code).containsExactly("AKM021");
    }
}
