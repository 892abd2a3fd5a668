package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoodFixturesTest {

    static List<Path> contracts() {
        return Fixtures.goodContracts();
    }

    @Test
    void thereAreEnoughGoodFixtures() {
        assertThat(contracts()).hasSizeGreaterThanOrEqualTo(7);
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void readsWithoutErrors(Path contract) {
        ReadResult r = Fixtures.read(contract);
        assertThat(r.errors()).as(contract.getFileName().toString()).isEmpty();
        AsyncApiModel m = r.orThrow();
        assertThat(m.channels()).isNotEmpty();
        assertThat(m.operations()).allSatisfy(o -> assertThat(o.messages()).isNotEmpty());
        assertThat(m.operations()).flatExtracting(Operation::messages).allSatisfy(msg -> {
            assertThat(msg.name()).isNotBlank();
            assertThat(msg.payload()).isNotNull();
        });
        // every reference resolves to a named schema
        assertThat(m.schemas().values()).doesNotContainNull();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void readingTwiceGivesTheSameModel(Path contract) {
        assertThat(Fixtures.read(contract)).isEqualTo(Fixtures.read(contract));
    }

    private static AsyncApiModel payments() {
        return Fixtures.read(Fixtures.good("payments.asyncapi.yaml")).orThrow();
    }

    @Test
    void severalMessagesPerChannel() {
        Operation send = payments().operations().stream()
                .filter(o -> o.operationId().equals("sendPaymentEvent")).findFirst().orElseThrow();
        assertThat(send.direction()).isEqualTo(Direction.SEND);
        assertThat(send.messages()).extracting(Message::name)
                .containsExactly("PaymentAuthorized", "PaymentCaptured", "PaymentFailed");
        assertThat(send.messages().get(0).payload()).isEqualTo(
                new Schema.RefSchema(send.messages().get(0).payload().meta(), "PaymentAuthorized"));
    }

    @Test
    void traitsMergeHeadersKeyAndCorrelationId() {
        AsyncApiModel m = payments();
        Operation send = m.operations().get(1);
        Message authorized = send.messages().get(0);
        Schema.ObjectSchema headers = (Schema.ObjectSchema) authorized.headers();
        // message headers first, trait headers merged in (JSON Merge Patch)
        assertThat(headers.properties()).extracting(Schema.Property::name)
                .containsExactly("tenant", "traceparent", "correlationId");
        assertThat(headers.properties().get(0).required()).isTrue();
        assertThat(((Schema.StringSchema) authorized.key()).format()).isEqualTo("uuid");
        assertThat(authorized.correlationId().location()).isEqualTo("$message.header#/correlationId");
        Message failed = send.messages().get(2);
        assertThat(failed.headers()).isNull();
        assertThat(failed.key()).isInstanceOf(Schema.StringSchema.class);
        // operation trait sets clientId
        assertThat(send.clientId()).isEqualTo("payments-producer");
        Operation receive = m.operations().get(0);
        assertThat(receive.groupId()).isEqualTo("payments-service");
        assertThat(receive.clientId()).isEqualTo("payments-service-consumer");
        assertThat(receive.dlqChannel()).isEqualTo("payments.commands.dlq.v1");
    }

    @Test
    void channelBindingAndExtensions() {
        Channel c = payments().channels().get(0);
        assertThat(c.topic()).isEqualTo("payments.v1");
        assertThat(c.partitions()).isEqualTo(6);
        assertThat(c.replicas()).isEqualTo(3);
        assertThat(c.topicConfiguration()).containsExactly(Map.entry("cleanup.policy", "delete,compact"),
                Map.entry("retention.ms", "604800000"), Map.entry("max.message.bytes", "1048588"));
        assertThat(c.retryChannel()).isEqualTo("payments.retry.v1");
        assertThat(c.dlqChannel()).isEqualTo("payments.dlq.v1");
        assertThat(c.operations()).extracting(Operation::keyword).containsExactly("publish", "subscribe");
    }

    @Test
    void richSchemaVocabulary() {
        AsyncApiModel m = payments();
        Schema.ObjectSchema money = (Schema.ObjectSchema) m.schemas().get("Money");
        assertThat(money.additionalPropertiesForbidden()).isTrue();
        Schema.NumberSchema amount = (Schema.NumberSchema) money.properties().get(0).schema();
        assertThat(amount.exclusiveMinimum()).isTrue();
        assertThat(amount.multipleOf()).isEqualByComparingTo("0.01");
        Schema.StringSchema currency = (Schema.StringSchema) money.properties().get(1).schema();
        assertThat(currency.meta().defaultValue()).isEqualTo("EUR");
        assertThat(currency.pattern()).isEqualTo("^[A-Z]{3}$");

        Schema.ObjectSchema auth = (Schema.ObjectSchema) m.schemas().get("PaymentAuthorized");
        Map<String, Schema> props = new java.util.LinkedHashMap<>();
        auth.properties().forEach(p -> props.put(p.name(), p.schema()));
        assertThat(props.get("eventId").meta().flag("x-event-id")).isTrue();
        assertThat(props.get("paymentId").meta().flag("x-business-key")).isTrue();
        assertThat(((Schema.NumberSchema) props.get("sequence")).format()).isEqualTo("int64");
        assertThat(((Schema.ObjectSchema) props.get("attributes")).isMap()).isTrue();
        assertThat(props.get("raw")).isInstanceOf(Schema.AnySchema.class);
        assertThat(((Schema.ArraySchema) props.get("tags")).uniqueItems()).isTrue();
        assertThat(props.get("schemaVersion").meta().constValue()).isEqualTo(new BigDecimal("2"));

        Schema.CompositeSchema card = (Schema.CompositeSchema) m.schemas().get("Card");
        assertThat(card.kind()).isEqualTo(Schema.Composition.ONE_OF);
        assertThat(card.discriminator().propertyName()).isEqualTo("kind");
        assertThat(card.discriminator().mapping()).containsExactly(Map.entry("credit", "CreditCard"),
                Map.entry("sepa", "SepaMandate"));
        assertThat(card.parts()).extracting(p -> ((Schema.RefSchema) p).name())
                .containsExactly("CreditCard", "SepaMandate");

        Schema.CompositeSchema captured = (Schema.CompositeSchema) m.schemas().get("PaymentCaptured");
        assertThat(captured.kind()).isEqualTo(Schema.Composition.ALL_OF);
        assertThat(captured.parts().get(0)).isInstanceOf(Schema.RefSchema.class);

        Schema.ObjectSchema capture = (Schema.ObjectSchema) m.schemas().get("CapturePayment");
        Schema.CompositeSchema target = (Schema.CompositeSchema) capture.properties().get(2).schema();
        assertThat(target.discriminator()).isNull();
        assertThat(target.parts()).extracting(p -> p.meta().title()).containsExactly("AccountTarget", "WalletTarget");

        Schema.StringSchema reason = (Schema.StringSchema) m.schemas().get("FailureReason");
        assertThat(reason.meta().enumValues()).containsExactly("INSUFFICIENT_FUNDS", "CARD_EXPIRED",
                "FRAUD_SUSPECTED", "processor-error");
    }

    @Test
    void externalReferencesAndRecursion() {
        AsyncApiModel m = Fixtures.read(Fixtures.good("catalog.asyncapi.yaml")).orThrow();
        assertThat(m.inputFiles()).containsExactly("catalog.asyncapi.yaml",
                "shared/messages/catalog-messages.yaml", "shared/messages/category-changed.yaml",
                "shared/schemas/catalog-schemas.json", "shared/schemas/category.yaml", "shared/schemas/money.json");
        Message tree = m.operations().get(0).messages().get(0);
        assertThat(tree.name()).isEqualTo("CategoryTreeChanged");
        assertThat(tree.location().file()).isEqualTo("shared/messages/category-changed.yaml");
        Schema.RefSchema root = (Schema.RefSchema) ((Schema.ObjectSchema) tree.payload()).properties().get(0).schema();
        assertThat(root.name()).isEqualTo("category");
        Schema.ObjectSchema category = (Schema.ObjectSchema) m.resolve(root);
        assertThat(category.location().file()).isEqualTo("shared/schemas/category.yaml");
        Schema.ArraySchema children = (Schema.ArraySchema) category.properties().get(3).schema();
        assertThat(children.items()).isInstanceOf(Schema.RefSchema.class);
        assertThat(((Schema.RefSchema) children.items()).name()).isEqualTo("category");
        assertThat(((Schema.RefSchema) category.properties().get(2).schema()).name()).isEqualTo("CategoryRef");

        Message product = m.operations().get(2).messages().get(0);
        assertThat(((Schema.RefSchema) product.payload()).name()).isEqualTo("Product");
        assertThat(((Schema.RefSchema) product.key()).name()).isEqualTo("Sku");
        Schema.ObjectSchema p = (Schema.ObjectSchema) m.schemas().get("Product");
        Schema.ArraySchema bundle = (Schema.ArraySchema) p.properties().get(5).schema();
        assertThat(((Schema.RefSchema) bundle.items()).name()).isEqualTo("Product");
        assertThat(((Schema.RefSchema) p.properties().get(2).schema()).name()).isEqualTo("money");
        // the same file reached from two documents is one named schema
        Schema.ObjectSchema price = (Schema.ObjectSchema) m.operations().get(1).messages().get(0).payload();
        assertThat(((Schema.RefSchema) price.properties().get(1).schema()).name()).isEqualTo("money");
        assertThat(m.schemas()).containsOnlyKeys("category", "CategoryRef", "Product", "Sku", "money");
    }

    @Test
    void parameterisedChannels() {
        ReadResult r = Fixtures.read(Fixtures.good("tenants.asyncapi.yaml"));
        AsyncApiModel m = r.orThrow();
        Channel withTopic = m.channels().get(0);
        assertThat(withTopic.name()).isEqualTo("tenant/{tenantId}/notifications");
        assertThat(withTopic.topicName()).isEqualTo("tenant.notifications.v1");
        assertThat(withTopic.isParameterised()).isFalse();
        assertThat(withTopic.parameters()).extracting(ChannelParameter::name).containsExactly("tenantId");
        assertThat(((Schema.StringSchema) withTopic.parameters().get(0).schema()).pattern()).isEqualTo("^[a-z0-9-]+$");
        assertThat(withTopic.operations().get(0).messages().get(0).name()).isEqualTo("NotificationRequested");

        Channel noTopic = m.channels().get(1);
        assertThat(noTopic.topic()).isNull();
        assertThat(noTopic.isParameterised()).isTrue();
        assertThat(((Schema.StringSchema) noTopic.parameters().get(0).schema()).format()).isEqualTo("uuid");
        Operation derived = noTopic.operations().get(0);
        assertThat(derived.idDerived()).isTrue();
        assertThat(derived.operationId()).isEqualTo("publishUserUserIdSignedup");
        assertThat(derived.groupId()).isEqualTo("notifications-signups");
        assertThat(derived.messages().get(0).name()).isEqualTo("UserSignedUp");
        assertThat(r.warnings()).extracting(Diagnostic::code).containsExactly("AKM050", "AKM041");
        assertThat(r.warnings().get(0).location().line()).isEqualTo(45);
    }

    @Test
    void pathStyleChannelNamesBecomeLegalTopicsWithAWarning() {
        ReadResult r = Fixtures.read(Fixtures.good("path-style-topics.asyncapi.yaml"));
        AsyncApiModel m = r.orThrow();
        assertThat(m.channels()).extracting(Channel::topicName).containsExactly("user.signedup",
                "comment.{commentId}.changed",
                "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured", "test",
                "orders.created.v1", "orders.cancelled.v1", "user.signedup.retry");
        assertThat(m.channels()).extracting(Channel::isParameterised)
                .containsExactly(false, true, true, false, false, false, false);
        // x-address and the binding pin the topic: no warning; every derived one is named, at its channel
        assertThat(r.warnings()).extracting(Diagnostic::code, d -> d.location().line(), d -> d.location().pointer())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AKM046", 9, "/channels/user~1signedup"),
                        org.assertj.core.groups.Tuple.tuple("AKM046", 14, "/channels/comment~1{commentId}~1changed"),
                        org.assertj.core.groups.Tuple.tuple("AKM046", 23,
                                "/channels/smartylighting~1streetlights~11~10~1event~1{streetlightId}~1lighting~1measured"),
                        org.assertj.core.groups.Tuple.tuple("AKM046", 32, "/channels/~1test"),
                        org.assertj.core.groups.Tuple.tuple("AKM046", 55, "/channels/user~1signedup~1retry"));
        assertThat(r.warnings().get(0).message()).contains("'user/signedup'").contains("the topic is 'user.signedup'");
        assertThat(r.warnings().get(0).hint()).contains("bindings.kafka.topic").contains("x-address");
        assertThat(m.channels().get(1).parameters()).extracting(ChannelParameter::name).containsExactly("commentId");
    }

    @Test
    void serverVariablesAreReadWithTheirDefaults() {
        ReadResult r = Fixtures.read(Fixtures.good("server-variables.asyncapi.yaml"));
        AsyncApiModel m = r.orThrow();
        assertThat(r.diagnostics()).isEmpty();
        Server prod = m.servers().get(0);
        assertThat(prod.url()).isEqualTo("kafka-{region}.example.com:{port}");
        assertThat(prod.defaultUrl()).isEqualTo("kafka-eu.example.com:9092");
        assertThat(prod.variables()).extracting(ServerVariable::name, ServerVariable::defaultValue,
                ServerVariable::enumValues).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("region", "eu", List.of("eu", "us")),
                        org.assertj.core.groups.Tuple.tuple("port", "9092", List.of()));
        assertThat(m.servers().get(1).defaultUrl()).isEqualTo("localhost:9092");
    }

    @Test
    void openApiSchemaObjectsAreReadAsTheirJsonSchemaDialect() {
        ReadResult r = Fixtures.read(Fixtures.good("openapi-payloads.asyncapi.yaml"));
        AsyncApiModel m = r.orThrow();
        // nullable, example, readOnly/writeOnly, xml, externalDocs are OpenAPI's own keywords: no warning
        assertThat(r.diagnostics()).isEmpty();
        Schema.ObjectSchema adopted = (Schema.ObjectSchema) m.schemas().get("PetAdoptedPayload");
        assertThat(adopted.properties()).extracting(p -> p.schema().meta().nullable())
                .containsExactly(false, false, true);
        Schema.CompositeSchema pet = (Schema.CompositeSchema) m.schemas().get("Pet");
        assertThat(pet.discriminator().propertyName()).isEqualTo("kind");
        assertThat(pet.discriminator().mapping()).containsExactly(Map.entry("cat", "Cat"), Map.entry("dog", "Dog"));
        Schema.ObjectSchema seen = (Schema.ObjectSchema) m.operations().get(0).messages().get(1).payload();
        assertThat(seen.properties().get(1).schema().meta().nullable()).isTrue();
    }

    @Test
    void keywordsAnOpenApiSchemaLosesAreStillWarnedAbout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path c = dir.resolve("c.yaml");
        java.nio.file.Files.writeString(c, "asyncapi: 2.6.0\ninfo: {title: T, version: '1'}\nchannels:\n  c:\n"
                + "    subscribe:\n      operationId: s\n      message:\n"
                + "        schemaFormat: application/vnd.oai.openapi;version=3.0.0\n"
                + "        payload:\n          type: string\n          nullable: true\n          unevaluatedProperties: false\n");
        ReadResult r = Fixtures.read(c);
        assertThat(r.warnings()).extracting(Diagnostic::code, d -> d.location().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AKM033", 12));
        // the same schema as JSON Schema: nullable is the deviation it is there
        java.nio.file.Files.writeString(c, java.nio.file.Files.readString(c).replace(
                "        schemaFormat: application/vnd.oai.openapi;version=3.0.0\n", ""));
        assertThat(Fixtures.read(c).warnings()).extracting(Diagnostic::code).containsExactlyInAnyOrder("AKM032", "AKM033");
    }

    @Test
    void lenientDeviationsAreWarningsWithLocations() {
        ReadResult r = Fixtures.read(Fixtures.good("lenient.asyncapi.yaml"));
        AsyncApiModel m = r.orThrow();
        assertThat(r.warnings()).extracting(Diagnostic::code, d -> d.location().line()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AKM042", 14), org.assertj.core.groups.Tuple.tuple("AKM042", 15),
                org.assertj.core.groups.Tuple.tuple("AKM040", 17), org.assertj.core.groups.Tuple.tuple("AKM041", 22),
                org.assertj.core.groups.Tuple.tuple("AKM041", 23), org.assertj.core.groups.Tuple.tuple("AKM032", 43),
                org.assertj.core.groups.Tuple.tuple("AKM032", 50), org.assertj.core.groups.Tuple.tuple("AKM032", 59),
                org.assertj.core.groups.Tuple.tuple("AKM032", 66));
        Channel c = m.channels().get(0);
        assertThat(c.topicConfiguration()).containsEntry("retention.ms", "31536000000")
                .containsEntry("retention.bytes", "10737418240").containsEntry("cleanup.policy", "compact")
                .containsEntry("min.insync.replicas", "2");
        Operation on = c.operations().get(0);
        assertThat(on.groupId()).isEqualTo("inventory-projection");
        assertThat(on.clientId()).isEqualTo("inventory-projection-1");
        Message msg = on.messages().get(0);
        assertThat(((Schema.NumberSchema) msg.key()).format()).isEqualTo("int64");
        Schema.ObjectSchema payload = (Schema.ObjectSchema) msg.payload();
        Map<String, Schema> props = new java.util.LinkedHashMap<>();
        payload.properties().forEach(p -> props.put(p.name(), p.schema()));
        assertThat(props.get("reserved").meta().nullable()).isTrue();
        assertThat(props.get("note")).isInstanceOf(Schema.StringSchema.class);
        assertThat(props.get("note").meta().nullable()).isTrue();
        assertThat(props.get("warehouse").meta().nullable()).isFalse();
        assertThat(((Schema.NumberSchema) props.get("onHand")).exclusiveMinimum()).isFalse();
        assertThat(((Schema.ObjectSchema) props.get("metadata")).additionalProperties())
                .isInstanceOf(Schema.AnySchema.class);
    }

    @Test
    void strictTurnsWarningsIntoErrors() {
        ReadResult r = Fixtures.read(Fixtures.good("lenient.asyncapi.yaml"), ReaderOptions.defaults().withStrict(true));
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.model()).isEmpty();
        assertThat(r.errors()).hasSize(9).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void jsonContractVersion200() {
        AsyncApiModel m = Fixtures.read(Fixtures.good("audit.asyncapi.json")).orThrow();
        assertThat(m.asyncapiVersion()).isEqualTo("2.0.0");
        Channel c = m.channels().get(0);
        assertThat(c.replicas()).isEqualTo(1);
        assertThat(c.location().line()).isEqualTo(8);
        Schema.ObjectSchema payload = (Schema.ObjectSchema) c.operations().get(0).messages().get(0).payload();
        Schema.NumberSchema severity = (Schema.NumberSchema) payload.properties().get(5).schema();
        assertThat(severity.maximum()).isEqualByComparingTo("7");
        assertThat(severity.exclusiveMaximum()).isTrue();
    }

    @Test
    void inlineMessagesGetDerivedNamesAndCompositionKeepsItsBase() {
        AsyncApiModel m = Fixtures.read(Fixtures.good("shipping.asyncapi.yaml")).orThrow();
        Operation emit = m.operations().stream().filter(o -> o.operationId().equals("emitParcelEvent")).findFirst()
                .orElseThrow();
        assertThat(emit.messages()).extracting(Message::name)
                .containsExactly("EmitParcelEventMessage1", "EmitParcelEventMessage2");
        assertThat(emit.messages()).extracting(Message::componentName).containsOnlyNulls();
        assertThat(emit.groupId()).isEqualTo("shipping-service");
        assertThat(((Schema.RefSchema) emit.messages().get(0).headers()).name()).isEqualTo("ParcelHeaders");

        Schema.ObjectSchema event = (Schema.ObjectSchema) m.schemas().get("ParcelEvent");
        assertThat(event.discriminator()).isEqualTo(new Schema.Discriminator("kind", Map.of()));
        Schema.CompositeSchema shipped = (Schema.CompositeSchema) m.schemas().get("ParcelShipped");
        assertThat(shipped.kind()).isEqualTo(Schema.Composition.ALL_OF);
        assertThat(shipped.base().properties()).extracting(Schema.Property::name)
                .containsExactly("carrier", "dimensionsCm", "route");
        Schema.ArraySchema dims = (Schema.ArraySchema) shipped.base().properties().get(1).schema();
        Schema.NumberSchema dim = (Schema.NumberSchema) dims.items();
        assertThat(dim.exclusiveMinimum()).isTrue();
        assertThat(dim.minimum()).isEqualByComparingTo("0");

        Schema.ObjectSchema label = (Schema.ObjectSchema) m.schemas().get("LabelRequest");
        assertThat(((Schema.CompositeSchema) label.properties().get(2).schema()).kind())
                .isEqualTo(Schema.Composition.ANY_OF);
        assertThat(label.properties().get(1).schema().meta().defaultValue()).isEqualTo(new BigDecimal("1.5"));
        assertThat(((Schema.StringSchema) label.properties().get(3).schema()).contentEncoding()).isEqualTo("base64");
    }
}
