package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AsyncAPI 3.0 / 3.1 documents read into the same model as 2.x ones, with located diagnostics. */
class AsyncApi3ReaderTest {

    private static final Path ORDERS = Path.of("../examples/orders/src/main/asyncapi");

    /** The model without what must differ: locations, the version, the keyword as written, the file names. */
    private static String shape(AsyncApiModel m) {
        return (m.info() + "|" + m.defaultContentType() + "|" + m.servers() + "|" + m.channels() + "|" + m.schemas()
                + "|" + m.securitySchemes() + "|" + m.role())
                .replaceAll("location=[^,\\]]*", "")
                .replaceAll("keyword=[a-z]+", "");
    }

    @Test
    void ordersIn30ReadsIntoTheSameModelAsOrdersIn26UnderBothRoles() {
        for (Role role : Role.values()) {
            ReaderOptions o = ReaderOptions.defaults().withRole(role);
            ReadResult v2 = Fixtures.read(ORDERS.resolve("orders.asyncapi.yaml"), o);
            ReadResult v3 = Fixtures.read(ORDERS.resolve("orders-3.0.asyncapi.yaml"), o);
            // the same warnings (the seed's server binding clientId), nothing else
            assertThat(v3.diagnostics()).extracting(Diagnostic::message)
                    .containsExactlyElementsOf(v2.diagnostics().stream().map(Diagnostic::message).toList());
            AsyncApiModel m2 = v2.orThrow();
            AsyncApiModel m3 = v3.orThrow();
            assertThat(m3.asyncapiVersion()).isEqualTo("3.0.0");
            assertThat(shape(m3)).isEqualTo(shape(m2));
            // the seed's two operations, then the example's Avro channel orders.shipped.v1 (issue 14)
            assertThat(m3.operations()).extracting(Operation::keyword).containsExactly("receive", "send", "receive");
        }
    }

    @Test
    void streetlights30AddressesParametersBindingsTraitsAndServers() {
        ReadResult r = Fixtures.read(Fixtures.good("streetlights-v3.asyncapi.yaml"));
        assertThat(r.diagnostics()).as("%s", r.diagnostics()).isEmpty();
        AsyncApiModel m = r.orThrow();

        assertThat(m.channels()).extracting(Channel::name).containsExactly(
                "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured",
                "smartylighting.streetlights.1.0.action.turn.on", "smartylighting.streetlights.1.0.action.dim",
                "lightsDimReplies"); // address: null -> the channel key
        Channel measured = m.channels().get(0);
        assertThat(measured.isParameterised()).isTrue();
        assertThat(measured.parameters()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("streetlightId");
            assertThat(p.description()).isEqualTo("The ID of the streetlight.");
            assertThat(p.schema()).isInstanceOf(Schema.StringSchema.class);
        });
        Channel turnOn = m.channels().get(1);
        assertThat(turnOn.partitions()).isEqualTo(3);
        assertThat(turnOn.replicas()).isEqualTo(2);
        assertThat(turnOn.topicConfiguration()).containsExactly(Map.entry("cleanup.policy", "compact"),
                Map.entry("retention.ms", "604800000"));

        assertThat(m.operations()).extracting(Operation::operationId, Operation::keyword, Operation::direction,
                Operation::groupId, Operation::clientId).containsExactly(
                tuple("receiveLightMeasurement", "receive", Direction.RECEIVE, "lights-service", "lights-client"),
                tuple("turnOn", "send", Direction.SEND, "lights-service", "lights-client"),
                tuple("dimLight", "send", Direction.SEND, null, null));
        Operation receive = m.operations().get(0);
        assertThat(receive.location().pointer()).isEqualTo("/operations/receiveLightMeasurement");
        assertThat(receive.description()).isEqualTo("trait description"); // from the trait: the operation has none
        assertThat(m.operations().get(1).description()).isEqualTo("own description wins over the trait's");

        Message lightMeasured = receive.messages().get(0);
        assertThat(lightMeasured.name()).isEqualTo("lightMeasured");
        assertThat(lightMeasured.componentName()).isEqualTo("lightMeasured");
        // {schemaFormat, schema} read as the schema it wraps; the named schema stays a reference
        assertThat(lightMeasured.payload()).isEqualTo(new Schema.RefSchema(lightMeasured.payload().meta(),
                "lightMeasuredPayload"));
        assertThat(lightMeasured.key()).isInstanceOfSatisfying(Schema.StringSchema.class,
                k -> assertThat(k.format()).isEqualTo("uuid"));
        assertThat(lightMeasured.headers()).isInstanceOfSatisfying(Schema.ObjectSchema.class,
                h -> assertThat(h.properties()).extracting(Schema.Property::name).containsExactly("my-app-header"));
        Message turnOnOff = m.operations().get(1).messages().get(0); // no messages list: all of the channel's
        assertThat(turnOnOff.summary()).isEqualTo("own summary wins over the trait's");
        assertThat(turnOnOff.description()).isEqualTo("trait description");
        assertThat(m.schemas()).containsKeys("lightMeasuredPayload", "turnOnOffPayload", "dimLightPayload", "sentAt");

        OperationReply reply = m.operations().get(2).reply();
        assertThat(reply.channelName()).isEqualTo("lightsDimReplies");
        assertThat(reply.addressLocation()).isEqualTo("$message.header#/replyTo");
        assertThat(reply.messages()).extracting(Message::name).containsExactly("dimmed");
        assertThat(reply.messages().get(0).correlationId().location()).isEqualTo("$message.header#/requestId");
        assertThat(m.operations().get(2).messages().get(0).correlationId().location())
                .isEqualTo("$message.header#/requestId");

        assertThat(m.servers()).extracting(Server::name, Server::defaultUrl, Server::protocol).containsExactly(
                tuple("scram-connections", "test.mykafkacluster.org:18092", "kafka-secure"),
                tuple("mtls-connections", "test.mykafkacluster.org:28092", "kafka-secure"));
        assertThat(m.servers().get(0).security()).singleElement().satisfies(s -> {
            assertThat(s.scheme().name()).isEqualTo("saslScram");
            assertThat(s.scheme().type()).isEqualTo("scramSha256");
        });
        assertThat(m.servers().get(0).kafkaBinding()).containsEntry("schemaRegistryVendor", "confluent");
        assertThat(m.servers().get(1).security()).singleElement()
                .satisfies(s -> assertThat(s.scheme().type()).isEqualTo("X509"));
    }

    @Test
    void roleClientFlipsTheApplicationsOwnAction() {
        AsyncApiModel m = Fixtures.read(Fixtures.good("streetlights-v3.asyncapi.yaml"),
                ReaderOptions.defaults().withRole(Role.CLIENT)).orThrow();
        assertThat(m.operations()).extracting(Operation::direction)
                .containsExactly(Direction.SEND, Direction.RECEIVE, Direction.RECEIVE);
    }

    @Test
    void costing31RequestReplyWithParameterisedAddressAndNullReplyAddress() {
        ReadResult r = Fixtures.read(Fixtures.good("costing-v31.asyncapi.yaml"));
        assertThat(r.diagnostics()).as("%s", r.diagnostics()).isEmpty();
        AsyncApiModel m = r.orThrow();
        assertThat(m.asyncapiVersion()).isEqualTo("3.1.0");
        Channel requests = m.channels().get(0);
        assertThat(requests.name()).isEqualTo("adeo-{env}-case-study-COSTING-REQUEST-{version}");
        assertThat(requests.parameters()).extracting(ChannelParameter::name).containsExactly("env", "version");
        assertThat(requests.parameters().get(0).schema().meta().enumValues())
                .containsExactly("dev", "sit", "uat1", "preprod", "prod");
        assertThat(requests.parameters().get(1).schema().meta().defaultValue()).isEqualTo("V1");
        Operation op = requests.operations().get(0);
        assertThat(op.groupId()).isEqualTo("costing-service");
        assertThat(op.messages().get(0).payload()).isInstanceOf(Schema.ObjectSchema.class); // draft-07 multi-format
        assertThat(op.reply().channelName()).isEqualTo("costingResponseChannel");
        assertThat(op.reply().addressLocation()).isEqualTo("$message.header#/REPLY_TOPIC");
        assertThat(op.reply().messages()).extracting(Message::name).containsExactly("CostingResponse");
        assertThat(m.servers().get(0).security().get(0).scheme().type()).isEqualTo("plain");
    }

    static Stream<Arguments> badCases() {
        return Stream.of(
                Arguments.of("v3-bad-action.yaml", "AKM070", 10, "/operations/onOrder/action"),
                Arguments.of("v3-operation-channel-not-root.yaml", "AKM071", 12, "/operations/onOrder/channel/$ref"),
                Arguments.of("v3-inline-channel.yaml", "AKM071", 6, "/operations/onOrder/channel"),
                Arguments.of("v3-operation-foreign-message.yaml", "AKM072", 17,
                        "/operations/onOrder/messages/0/$ref"),
                Arguments.of("v3-publish-keyword.yaml", "AKM073", 5, "/channels/orders.v1/publish"),
                Arguments.of("v3-server-variable.yaml", "AKM056", 5, "/servers/prod/host"),
                Arguments.of("v3-reply-without-location.yaml", "AKM076", 13,
                        "/operations/ask/reply/address/location"),
                Arguments.of("v3-duplicate-address.yaml", "AKM078", 7, "/channels/ordersUs/address"),
                Arguments.of("v3-avro-payload.yaml", "AKM030", 9,
                        "/channels/orders/messages/created/payload/schemaFormat"),
                Arguments.of("v3-unsupported-version.yaml", "AKM011", 1, "/asyncapi"));
    }

    @ParameterizedTest(name = "{0} -> {1} at line {2}")
    @MethodSource("badCases")
    void badDocumentsReportCodeAndLocation(String file, String code, int line, String pointer) {
        ReadResult r = Fixtures.read(Fixtures.bad(file));
        assertThat(r.model()).isEmpty();
        assertThat(r.errors()).as("%s", r.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(code);
            assertThat(d.location().file()).isEqualTo(file);
            assertThat(d.location().line()).isEqualTo(line);
            assertThat(d.location().pointer()).isEqualTo(pointer);
            assertThat(d.hint()).isNotBlank();
        });
    }

    @Test
    void everyProblemOfA30DocumentAtOnce() {
        ReadResult r = Fixtures.read(Fixtures.bad("v3-many-problems.yaml"));
        assertThat(r.model()).isEmpty();
        assertThat(r.diagnostics()).extracting(Diagnostic::code, d -> d.location().line()).containsExactlyInAnyOrder(
                tuple("AKM075", 24), // components.headers (a 2.x section)
                tuple("AKM073", 5), // server url
                tuple("AKM010", 4), // server host missing
                tuple("AKM070", 14), // action: publish
                tuple("AKM010", 16), // no action
                tuple("AKM020", 17), // channel $ref to nothing
                tuple("AKM072", 22)); // an inline message in an operation's messages
    }

    @Test
    void serverVariablesWithoutDefaultOrWithADefaultOutsideTheirEnumAreLocatedErrors(@TempDir Path dir)
            throws IOException {
        Path c = dir.resolve("vars.yaml");
        Files.writeString(c, """
                asyncapi: 3.0.0
                info: {title: Vars, version: '1'}
                servers:
                  prod:
                    host: '{host}:{port}'
                    protocol: kafka
                    variables:
                      host:
                        description: no default
                      port:
                        enum: ['9092', '9093']
                        default: '9094'
                """);
        ReadResult r = Fixtures.read(c);
        assertThat(r.errors()).extracting(Diagnostic::code, d -> d.location().line(), d -> d.location().pointer())
                .containsExactly(tuple("AKM056", 8, "/servers/prod/variables/host"),
                        tuple("AKM056", 12, "/servers/prod/variables/port/default"));
    }

    @Test
    void anUnknownFieldIsAnErrorAsThe30JsonSchemaHasIt(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("typo.yaml");
        Files.writeString(c, """
                asyncapi: 3.0.0
                info: {title: Typo, version: '1'}
                channels:
                  asks:
                    address: asks.v1
                    adress: typo
                    x-owner: team-a
                    messages:
                      ask: {payload: {type: string}}
                """);
        ReadResult r = Fixtures.read(c);
        assertThat(r.errors()).extracting(Diagnostic::code, d -> d.location().line())
                .containsExactly(tuple("AKM075", 6));
    }

    @Test
    void aReplyWithoutChannelIsAWarning(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("warn.yaml");
        Files.writeString(c, """
                asyncapi: 3.0.0
                info: {title: Warn, version: '1'}
                channels:
                  asks:
                    address: asks.v1
                    messages:
                      ask: {payload: {type: string}}
                operations:
                  ask:
                    action: send
                    channel: {$ref: '#/channels/asks'}
                    reply:
                      address: {location: '$message.header#/replyTo'}
                """);
        ReadResult r = Fixtures.read(c);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.warnings()).extracting(Diagnostic::code, d -> d.location().line())
                .containsExactly(tuple("AKM077", 12));
        OperationReply reply = r.orThrow().operations().get(0).reply();
        assertThat(reply.channelName()).isNull();
        assertThat(reply.addressLocation()).isEqualTo("$message.header#/replyTo");
        assertThat(reply.messages()).isEmpty();
        assertThat(ContractReader.create(ReaderOptions.defaults().withStrict(true)).read(c).hasErrors()).isTrue();
    }

    @Test
    void anAddressKafkaRefusesMeetsTheSameTopicRuleAsA2xChannelName(@TempDir Path dir) throws IOException {
        Path v2 = dir.resolve("v2.yaml");
        Files.writeString(v2, """
                asyncapi: 2.6.0
                info: {title: Slashes, version: '1'}
                channels:
                  user/signedup:
                    subscribe:
                      operationId: signedUp
                      message: {payload: {type: string}}
                """);
        Path v3 = dir.resolve("v3.yaml");
        Files.writeString(v3, """
                asyncapi: 3.0.0
                info: {title: Slashes, version: '1'}
                channels:
                  signedUp:
                    address: user/signedup
                    messages:
                      m: {payload: {type: string}}
                operations:
                  signedUp:
                    action: send
                    channel: {$ref: '#/channels/signedUp'}
                """);
        ReadResult r2 = Fixtures.read(v2);
        ReadResult r3 = Fixtures.read(v3);
        // one rule (ModelBuilder's, whatever it decides: an error today, a derived topic later) for both versions
        assertThat(r2.diagnostics()).isNotEmpty();
        assertThat(r3.diagnostics()).extracting(Diagnostic::code, Diagnostic::severity, Diagnostic::message)
                .containsExactlyElementsOf(r2.diagnostics().stream()
                        .map(d -> tuple(d.code(), d.severity(), d.message())).toList());
        assertThat(r3.model().map(m -> m.channels().get(0).topicName()))
                .isEqualTo(r2.model().map(m -> m.channels().get(0).topicName()));
    }

    @Test
    void everyGoodFixtureOfVersion3HasItsVersion() {
        List<String> versions = Fixtures.goodContracts().stream().map(Fixtures::read).map(ReadResult::orThrow)
                .map(AsyncApiModel::asyncapiVersion).filter(v -> v.startsWith("3.")).toList();
        assertThat(versions).contains("3.0.0", "3.1.0");
    }
}
