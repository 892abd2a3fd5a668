package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderBehaviourTest {

    @TempDir
    Path dir;

    private ReadResult read(String yaml) throws IOException {
        Path p = dir.resolve("c.asyncapi.yaml");
        Files.writeString(p, yaml);
        return ContractReader.create().read(p);
    }

    private static final String HEAD = "asyncapi: 2.6.0\ninfo:\n  title: T\n  version: '1'\n";

    @Test
    void structuralCheckWarnsWithLocation() throws IOException {
        ReadResult r = read("asyncapi: 2.6.0\ninfo:\n  title: T\n  version: '1'\n  colour: blue\nchannels: {}\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM054");
            assertThat(d.message()).contains("colour");
            assertThat(d.location().line()).isEqualTo(5);
        });
        assertThat(r.model()).isPresent();
    }

    @Test
    void oneOfMessagesOf200AreValidAndStillChecked() throws IOException {
        ReadResult ok = Fixtures.read(Fixtures.good("oneof-2.0.asyncapi.yaml"));
        assertThat(ok.diagnostics()).isEmpty();
        assertThat(ok.orThrow().operations().get(0).messages()).extracting(Message::name)
                .containsExactly("OrderPlaced", "OrderShipped");
        // each item is still a 2.0.0 message: a key the specification does not define is an error (the 2.0.0 JSON
        // schema's additionalProperties: false), located
        ReadResult r = read("asyncapi: 2.0.0\ninfo:\n  title: T\n  version: '1'\nchannels:\n  orders:\n"
                + "    subscribe:\n      message:\n        oneOf:\n          - name: A\n            payload: {type: string}\n"
                + "          - name: B\n            colour: blue\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM086");
            assertThat(d.message()).contains("colour");
            assertThat(d.location().line()).isEqualTo(13);
            assertThat(d.location().pointer()).isEqualTo("/channels/orders/subscribe/message/oneOf/1/colour");
        });
    }

    @Test
    void yamlScalarsFollowTheYaml12CoreSchema() throws IOException {
        ReadResult r = read(HEAD + "channels:\n  lights:\n    subscribe:\n      operationId: send\n      message:\n"
                + "        name: Command\n        payload:\n          type: object\n          properties:\n"
                + "            command: {type: string, enum: [on, off, yes, no, y, n, On, OFF]}\n"
                + "            octal: {type: integer, const: 0o17}\n"
                + "            hex: {type: integer, default: 0x1F}\n"
                + "            leadingZero: {type: integer, const: 017}\n"
                + "            plus: {type: integer, maximum: +12}\n"
                + "            exp: {type: number, maximum: 1.5e3}\n"
                + "            words: {type: string, enum: [1_000, 0b101, '12', 12:30, .inf, -.Inf, .nan]}\n"
                + "            flag: {type: boolean, default: True}\n"
                + "            nothing: {default: ~}\n"
                + "            tagged: {type: string, const: !!str 12}\n");
        assertThat(r.errors()).isEmpty();
        Schema.ObjectSchema p = (Schema.ObjectSchema) r.orThrow().operations().get(0).messages().get(0).payload();
        java.util.function.Function<String, Schema> prop = n -> p.properties().stream()
                .filter(x -> x.name().equals(n)).findFirst().orElseThrow().schema();
        assertThat(prop.apply("command").meta().enumValues())
                .containsExactly("on", "off", "yes", "no", "y", "n", "On", "OFF");
        assertThat(prop.apply("octal").meta().constValue()).isEqualTo(new java.math.BigDecimal(15));
        assertThat(prop.apply("hex").meta().defaultValue()).isEqualTo(new java.math.BigDecimal(31));
        assertThat(prop.apply("leadingZero").meta().constValue()).isEqualTo(new java.math.BigDecimal(17));
        assertThat(((Schema.NumberSchema) prop.apply("plus")).maximum()).isEqualByComparingTo("12");
        assertThat(((Schema.NumberSchema) prop.apply("exp")).maximum()).isEqualByComparingTo("1500");
        assertThat(prop.apply("words").meta().enumValues())
                .containsExactly("1_000", "0b101", "12", "12:30", ".inf", "-.Inf", ".nan");
        assertThat(prop.apply("flag").meta().defaultValue()).isEqualTo(Boolean.TRUE);
        assertThat(prop.apply("tagged").meta().constValue()).isEqualTo("12");
    }

    @Test
    void yamlScalarsKeepTheirLocation() throws IOException {
        // a diagnostic on a value written in YAML 1.2-only syntax still names its line and column
        ReadResult r = read(HEAD + "channels:\n  c:\n    subscribe:\n      operationId: s\n      message:\n"
                + "        payload: {type: object, properties: {a: {type: string, maxLength: 0o12x}}}\n");
        assertThat(r.warnings()).filteredOn(d -> d.code().equals("AKM034")).singleElement()
                .satisfies(d -> assertThat(d.location()).extracting(SourceLocation::line, SourceLocation::column)
                        .containsExactly(10, 64));
    }

    @Test
    void aTopicTheRuleCannotMakeLegalStaysAnError() throws IOException {
        String longName = "a/".repeat(130) + "b"; // 261 characters, 261 after '/' -> '.' too
        ReadResult r = read(HEAD + "channels:\n  " + longName + ":\n    subscribe:\n      operationId: s\n"
                + "      message: {payload: {type: string}}\n  c:\n    x-address: /orders/created\n    subscribe:\n"
                + "      operationId: t\n      message: {payload: {type: string}}\n");
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM045");
            assertThat(d.message()).contains("261 characters, at most 249");
            assertThat(d.location().line()).isEqualTo(6);
        });
        // an x-address written as a path is made legal by the same rule, and the warning says it came from x-address
        assertThat(r.warnings()).filteredOn(d -> d.code().equals("AKM046")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("its x-address '/orders/created'").contains("'orders.created'");
            assertThat(d.location().pointer()).isEqualTo("/channels/c/x-address");
        });
    }

    @Test
    void anUnusedServerVariableIsAWarning() throws IOException {
        ReadResult r = read(HEAD + "servers:\n  prod:\n    url: localhost:9092\n    protocol: kafka\n    variables:\n"
                + "      port: {default: '9092'}\nchannels: {}\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).extracting(Diagnostic::code, d -> d.location().line())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AKM057", 10));
    }

    @Test
    void yamlAnchorsAndMergeKeysAreExpanded() throws IOException {
        ReadResult r = read(HEAD + """
                x-common: &common
                  partitions: 3
                  replicas: 2
                channels:
                  a:
                    bindings:
                      kafka:
                        <<: *common
                        topic: a.v1
                    subscribe:
                      operationId: sendA
                      message: &msg
                        name: A
                        payload: {type: string}
                  b:
                    bindings:
                      kafka: *common
                    subscribe:
                      operationId: sendB
                      message: *msg
                """);
        AsyncApiModel m = r.orThrow();
        assertThat(m.channels()).extracting(Channel::topicName).containsExactly("a.v1", "b");
        assertThat(m.channels()).extracting(Channel::partitions).containsExactly(3, 3);
        assertThat(m.channels()).extracting(Channel::replicas).containsExactly(2, 2);
        assertThat(m.operations().get(1).messages().get(0).name()).isEqualTo("A");
    }

    @Test
    void derivedOperationIdsNeverTakeADeclaredOne() throws IOException {
        ReadResult r = read(HEAD + """
                channels:
                  orders:
                    publish:
                      message: {payload: {type: string}}
                  other:
                    subscribe:
                      operationId: publishOrders
                      message: {payload: {type: string}}
                """);
        AsyncApiModel m = r.orThrow();
        assertThat(m.operations()).extracting(Operation::operationId).containsExactly("publishOrders2", "publishOrders");
        assertThat(m.operations().get(0).messages().get(0).name()).isEqualTo("PublishOrders2Message");
        assertThat(r.warnings()).extracting(Diagnostic::code).containsExactly("AKM050");
    }

    @Test
    void schemaNameCollisionsAreDisambiguated() throws IOException {
        Files.createDirectories(dir.resolve("s"));
        Files.writeString(dir.resolve("s/order.yaml"), "type: object\nproperties:\n  id: {type: string}\n");
        ReadResult r = read(HEAD + """
                channels:
                  orders:
                    subscribe:
                      operationId: send
                      message:
                        payload:
                          type: object
                          properties:
                            a: {$ref: '#/components/schemas/Order'}
                            b: {$ref: 's/order.yaml'}
                components:
                  schemas:
                    Order: {type: string}
                """);
        AsyncApiModel m = r.orThrow();
        assertThat(m.schemas()).containsOnlyKeys("Order", "order2");
        assertThat(m.schemas().get("order2")).isInstanceOf(Schema.ObjectSchema.class);
        assertThat(m.inputFiles()).containsExactly("c.asyncapi.yaml", "s/order.yaml");
    }

    @Test
    void problemsInReferencedFilesCarryThatFilesLocation() throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("m/msg.yaml"), "name: M\npayload:\n  type: text\n");
        ReadResult r = read(HEAD + """
                channels:
                  orders:
                    subscribe:
                      operationId: send
                      message: {$ref: 'm/msg.yaml'}
                """);
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AKM031");
            assertThat(d.location().file()).isEqualTo("m/msg.yaml");
            assertThat(d.location().line()).isEqualTo(3);
            assertThat(d.location().pointer()).isEqualTo("/payload/type");
        });
    }

    @Test
    void schemaDetails() throws IOException {
        ReadResult r = read(HEAD + """
                channels:
                  c:
                    subscribe:
                      operationId: send
                      bindings:
                        kafka:
                          groupId: {type: string, enum: [g1, g2]}
                      message:
                        payload:
                          type: [integer, string, "null"]
                          exclusiveMinimum: 5
                          minimum: 1
                """);
        AsyncApiModel m = r.orThrow();
        assertThat(m.operations().get(0).groupId()).isEqualTo("g1");
        assertThat(r.warnings()).extracting(Diagnostic::code).containsExactly("AKM044");
        Schema.CompositeSchema p = (Schema.CompositeSchema) m.operations().get(0).messages().get(0).payload();
        assertThat(p.meta().nullable()).isTrue();
        assertThat(p.kind()).isEqualTo(Schema.Composition.ANY_OF);
        Schema.NumberSchema n = (Schema.NumberSchema) p.parts().get(0);
        assertThat(n.minimum()).isEqualByComparingTo("5");
        assertThat(n.exclusiveMinimum()).isTrue();
        assertThat(p.parts().get(1)).isInstanceOf(Schema.StringSchema.class);
    }
}
