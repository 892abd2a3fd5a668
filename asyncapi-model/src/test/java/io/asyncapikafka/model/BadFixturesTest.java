package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadFixturesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("malformed.yaml", "AKM002", 5),
                Arguments.of("tab-indent.yaml", "AKM003", 3),
                Arguments.of("empty.yaml", "AKM004", 1),
                Arguments.of("non-map-root.yaml", "AKM005", 1),
                Arguments.of("missing-info.yaml", "AKM010", 1),
                Arguments.of("unsupported-version.yaml", "AKM011", 1),
                Arguments.of("unresolved-local-ref.yaml", "AKM020", 10),
                Arguments.of("missing-file-ref.yaml", "AKM021", 10),
                Arguments.of("ref-cycle.yaml", "AKM022", 15),
                Arguments.of("ref-escape.yaml", "AKM023", 10),
                Arguments.of("remote-ref.yaml", "AKM024", 10),
                Arguments.of("alias-bomb.yaml", "AKM008", 11),
                Arguments.of("channel-number.yaml", "AKM012", 6),
                Arguments.of("duplicate-operation-id.yaml", "AKM051", 13),
                Arguments.of("unknown-schema-type.yaml", "AKM031", 14),
                Arguments.of("avro-schema-format.yaml", "AKM080", 17),
                Arguments.of("avro-union.yaml", "AKM081", 17),
                Arguments.of("duplicate-key.yaml", "AKM009", 9),
                Arguments.of("too-deep.yaml", "AKM007", 6),
                Arguments.of("topic-from-channel-name.yaml", "AKM045", 6),
                Arguments.of("illegal-topic-binding.yaml", "AKM045", 9),
                Arguments.of("server-variable-no-default.yaml", "AKM056", 10),
                Arguments.of("server-variable-not-in-enum.yaml", "AKM056", 12),
                Arguments.of("server-variable-undeclared.yaml", "AKM056", 7),
                Arguments.of("openapi-3.1-schema-format.yaml", "AKM030", 11),
                Arguments.of("protobuf-schema-format.yaml", "AKM030", 11),
                Arguments.of("duplicate-message-in-oneof.yaml", "AKM058", 12),
                Arguments.of("duplicate-message-id.yaml", "AKM058", 19),
                Arguments.of("unknown-components-key.yaml", "AKM055", 12),
                Arguments.of("id-not-uri.yaml", "AKM055", 2),
                Arguments.of("unused-broken-ref.yaml", "AKM020", 15),
                Arguments.of("security-type-too-new.yaml", "AKM055", 20));
    }

    @ParameterizedTest(name = "{0} -> {1} at line {2}")
    @MethodSource("cases")
    void reportsCodeAndLine(String file, String code, int line) {
        ReadResult r = Fixtures.read(Fixtures.bad(file));
        assertThat(r.model()).isEmpty();
        assertThat(r.errors()).as(r.diagnostics().toString()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo(code);
            assertThat(d.location().line()).isEqualTo(line);
            assertThat(d.location().file()).isEqualTo(file);
            assertThat(d.hint()).isNotBlank();
        });
        assertThatThrownBy(r::orThrow).isInstanceOf(ContractException.class).hasMessageContaining(code)
                .hasMessageContaining(file + ":" + line + ":");
    }

    @Test
    void pointersNameTheOffendingNode() {
        assertThat(Fixtures.read(Fixtures.bad("channel-number.yaml")).errors().get(0).location().pointer())
                .isEqualTo("/channels/orders.v1");
        assertThat(Fixtures.read(Fixtures.bad("unknown-schema-type.yaml")).errors().get(0).location().pointer())
                .isEqualTo("/channels/orders/publish/message/payload/properties/id/type");
        // Avro's parser reports no position; the diagnostic points at the name it complains about
        assertThat(Fixtures.read(Fixtures.bad("avro-schema-format.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("OrderPlaced").contains("Money"))
                .satisfies(d -> assertThat(d.location().pointer())
                        .isEqualTo("/channels/orders/publish/message/payload/fields/0/type"));
        // A topic Kafka would refuse is named, with what it contains, before any code is generated.
        assertThat(Fixtures.read(Fixtures.bad("topic-from-channel-name.yaml")).errors().get(0).message())
                .contains("'user/{userId}/signed up'").contains("no bindings.kafka.topic")
                .contains("'user.{userId}.signed up'").contains("' '");
        assertThat(Fixtures.read(Fixtures.bad("illegal-topic-binding.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("'orders created'").contains("' '"))
                .satisfies(d -> assertThat(d.location().pointer()).isEqualTo("/channels/orders/bindings/kafka/topic"));
    }

    @Test
    void schemaFormatRefusalsNameTheFormatInTheHint() {
        assertThat(Fixtures.read(Fixtures.bad("v3-avro-payload.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("Avro, version 2.0.0"))
                .satisfies(d -> assertThat(d.hint()).contains("application/vnd.apache.avro;version=1.9.0"));
        assertThat(Fixtures.read(Fixtures.bad("openapi-3.1-schema-format.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("OpenAPI Schema Object, version 3.1.0"))
                .satisfies(d -> assertThat(d.hint()).contains("application/vnd.oai.openapi;version=3.0.0"));
        assertThat(Fixtures.read(Fixtures.bad("protobuf-schema-format.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("(Protobuf)"))
                .satisfies(d -> assertThat(d.hint()).contains("'application/x-protobuf' is not read"));
    }

    @Test
    void specificationRulesNameWhatIsWrong() {
        assertThat(Fixtures.read(Fixtures.bad("unknown-components-key.yaml")).errors().get(0))
                .satisfies(d -> assertThat(d.message()).contains("'headers'").contains("2.4.0"))
                .satisfies(d -> assertThat(d.location().pointer()).isEqualTo("/components/headers"));
        assertThat(Fixtures.read(Fixtures.bad("security-type-too-new.yaml")).errors().get(0).message())
                .contains("'scramSha256' is AsyncAPI 2.1.0 or later").contains("2.0.0");
        assertThat(Fixtures.read(Fixtures.bad("unused-broken-ref.yaml")).errors().get(0).location().pointer())
                .isEqualTo("/components/messages/Unused/payload/$ref");
        assertThat(Fixtures.read(Fixtures.bad("duplicate-message-in-oneof.yaml")).errors().get(0).location().pointer())
                .isEqualTo("/channels/orders/subscribe/message/oneOf/1");
        // the same document with 2.1.0 knows the SASL types; urn: and https: ids are URIs
        assertThat(ContractReader.create().read(Fixtures.bad("id-not-uri.yaml")).errors().get(0).message())
                .contains("'orders service' is not a URI");
    }

    @Test
    void aliasBombFailsFast() {
        Path bomb = Fixtures.bad("alias-bomb.yaml");
        Fixtures.read(bomb); // class loading and JIT are not the parser's cost
        long start = System.nanoTime();
        ReadResult r = Fixtures.read(bomb);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("AKM008");
    }

    @Test
    void aliasCountLimitApplies() {
        ReaderOptions few = new ReaderOptions(Role.APPLICATION, false, false, false, 1 << 20, 200, 5);
        ReadResult r = Fixtures.read(Fixtures.bad("alias-bomb.yaml"), few);
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM008");
            assertThat(d.message()).contains("more than 5 YAML aliases");
            assertThat(d.location().line()).isEqualTo(6);
        });
    }

    @Test
    void fileSizeLimitApplies() {
        ReaderOptions tiny = new ReaderOptions(Role.APPLICATION, false, false, false, 100, 200, 200);
        ReadResult r = Fixtures.read(Fixtures.good("orders-seed.asyncapi.yaml"), tiny);
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("AKM006");
    }

    @Test
    void allProblemsOfOneDocumentAreReportedTogether() {
        ReadResult r = Fixtures.read(Fixtures.bad("many-problems.yaml"));
        assertThat(r.model()).isEmpty();
        assertThat(r.errors()).extracting(Diagnostic::code, d -> d.location().line()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AKM010", 2),
                org.assertj.core.groups.Tuple.tuple("AKM043", 8),
                org.assertj.core.groups.Tuple.tuple("AKM020", 12),
                org.assertj.core.groups.Tuple.tuple("AKM051", 15),
                org.assertj.core.groups.Tuple.tuple("AKM031", 18),
                org.assertj.core.groups.Tuple.tuple("AKM012", 19));
    }

    @Test
    void refsOutsideTheFolderCanBeAllowed() {
        ReadResult r = Fixtures.read(Fixtures.bad("ref-escape.yaml"),
                ReaderOptions.defaults().withAllowRefsOutsideRoot(true));
        assertThat(r.errors()).isEmpty();
        AsyncApiModel m = r.orThrow();
        assertThat(m.operations().get(0).messages().get(0).name()).isEqualTo("CategoryTreeChanged");
        assertThat(m.inputFiles()).contains("../good/shared/messages/category-changed.yaml",
                "../good/shared/schemas/category.yaml");
    }

    @Test
    void missingContractIsADiagnostic() {
        ReadResult r = Fixtures.read(Fixtures.dir("bad").resolve("no-such.asyncapi.yaml"));
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("AKM001");
    }
}
