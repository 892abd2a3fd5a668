package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Compiled.call;
import static io.asyncapikafka.codegen.testing.Compiled.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.palantir.javapoet.ClassName;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The showcase contract compiles with -Xlint:all -Werror and behaves: round trips, validation, unions, headers. */
class ShowcaseTest {

    private static final String ORDER = """
            {"orderId":"7f1c1e9a-3f7e-4a53-9f1e-0a4c7d9b2e11","placedAt":"2024-05-01T10:15:30.5+02:00",
             "deliveryDate":"2024-05-03","website":"https://shop.example/o/1","attachment":"aGVsbG8=",
             "class":"gold","first-name":"Ada","2fa":true,"ID":"A-1","id":"a-1","hashCode":7,
             "status":"in-progress","priority":2,"kind":"order.placed","total":12.50,
             "lines":[{"sku":"ABC-1","qty":2},{"sku":"XYZ-22","qty":1000}],
             "tags":["a","b"],"attributes":{"z":"1","a":"2"},"extra":{"any":[1,"x",null]},
             "pet":{"petType":"dog","name":"Rex","barkVolume":3.5},
             "shape":{"width":1,"height":2},
             "tree":{"label":"root","children":[{"label":"leaf","children":[]}]},
             "note":"n","comment":null}
            """;

    private static AsyncApiModel model;
    private static TypesGenerator.Result result;
    private static Compiled compiled;

    @BeforeAll
    static void generateAndCompile() {
        model = Showcase.model();
        result = TypesGenerator.create(GeneratorOptions.of(Showcase.BASE)).generate(model);
        compiled = InMemoryCompiler.compile(result.files());
    }

    private static Class<?> type(String simpleName) {
        return compiled.load(Showcase.PKG + "." + simpleName);
    }

    @Test
    void noDiagnosticsForSupportedShapes() {
        assertThat(result.diagnostics()).isEmpty();
    }

    @Test
    void fullPayloadRoundTripsToTheSameJson() {
        JsonNode back = compiled.roundTrip(ORDER, type("OrderPlaced"));
        assertThat(back).isEqualTo(compiled.tree(ORDER));
    }

    @Test
    void unknownPropertiesAreTolerated() {
        String withExtra = ORDER.replace("\"note\":\"n\"", "\"note\":\"n\",\"addedLater\":{\"x\":1}");
        assertThat(compiled.roundTrip(withExtra, type("OrderPlaced"))).isEqualTo(compiled.tree(ORDER));
    }

    @Test
    void validPayloadHasNoViolations() {
        assertThat(violations(compiled.read(ORDER, type("OrderPlaced")))).isEmpty();
    }

    @Test
    void violationsNameTheJsonPath() {
        String bad = ORDER.replace("{\"sku\":\"XYZ-22\",\"qty\":1000}", "{\"sku\":\"xy\",\"qty\":0}")
                .replace("\"total\":12.50", "\"total\":-0.005")
                .replace("\"tags\":[\"a\",\"b\"]", "\"tags\":[\"a\",\"a\",\"\"]")
                .replace("\"kind\":\"order.placed\"", "\"kind\":\"other\"")
                .replace("\"priority\":2", "\"priority\":9")
                .replace("{\"petType\":\"dog\",\"name\":\"Rex\",\"barkVolume\":3.5}",
                        "{\"petType\":\"cat\",\"name\":\"Tom\",\"lives\":10}");
        assertThat(violations(compiled.read(bad, type("OrderPlaced")))).containsExactly(
                "$.priority: must be <= 5 but was 9",
                "$.kind: must be order.placed but was other",
                "$.total: must be >= 0 but was -0.005",
                "$.total: must be a multiple of 0.01 but was -0.005",
                "$.lines[1].sku: must match pattern ^[A-Z]{3}-\\d+$",
                "$.lines[1].qty: must be >= 1 but was 0",
                "$.tags: must not contain duplicate items",
                "$.tags[2]: length must be >= 1 but was 0",
                "$.pet.lives: must be <= 9 but was 10");
    }

    @Test
    void discriminatedUnionReadsAndWritesTheTypeId() throws Exception {
        Class<?> pet = type("Pet");
        Object dog = compiled.json().readValue("{\"petType\":\"dog\",\"name\":\"Rex\"}", pet);
        assertThat(dog.getClass().getSimpleName()).isEqualTo("Dog");
        Object cat = compiled.json().readValue("{\"name\":\"Tom\",\"petType\":\"cat\",\"lives\":3}", pet);
        assertThat(cat.getClass().getSimpleName()).isEqualTo("Cat");
        assertThat(compiled.json().writeValueAsString(cat)).isEqualTo("{\"petType\":\"cat\",\"name\":\"Tom\",\"lives\":3}");
        assertThatThrownBy(() -> compiled.json().readValue("{\"petType\":\"cow\",\"name\":\"Bess\"}", pet))
                .hasMessageContaining("cow");
    }

    @Test
    void unionWithoutDiscriminatorIsDeducedFromTheMembers() throws Exception {
        Class<?> shape = type("Shape");
        assertThat(compiled.json().readValue("{\"radius\":2}", shape).getClass().getSimpleName()).isEqualTo("Circle");
        Object rect = compiled.json().readValue("{\"width\":1,\"height\":2}", shape);
        assertThat(rect.getClass().getSimpleName()).isEqualTo("ShapeWidth");
        assertThat(compiled.json().writeValueAsString(rect)).isEqualTo("{\"width\":1,\"height\":2}");
    }

    @Test
    void enumsKeepWireValuesAndRejectUnknownOnes() {
        Class<?> status = type("Status");
        Object inProgress = call(status, "fromValue", "in-progress");
        assertThat(((Enum<?>) inProgress).name()).isEqualTo("IN_PROGRESS");
        assertThat(call(inProgress, "value")).isEqualTo("in-progress");
        assertThat(((Enum<?>) call(status, "fromValue", "2xx")).name()).isEqualTo("_2XX");
        assertThatThrownBy(() -> call(status, "fromValue", "lost"))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessage("unknown Status value \"lost\"; expected one of [new, in-progress, done, 2xx]");
        assertThatThrownBy(() -> compiled.json().readValue(ORDER.replace("in-progress", "lost"), type("OrderPlaced")))
                .hasMessageContaining("unknown Status value \"lost\"");
    }

    @Test
    void requiredMembersAreCheckedWithTheirWireName() {
        assertThatThrownBy(() -> compiled.json().readValue(ORDER.replace("\"class\":\"gold\",", ""), type("OrderPlaced")))
                .hasMessageContaining("class");
        Object builder = call(type("OrderPlaced"), "builder");
        assertThatThrownBy(() -> call(builder, "build")).hasRootCauseInstanceOf(NullPointerException.class)
                .rootCause().hasMessage("orderId");
    }

    @Test
    void builderAppliesDefaultsAndConst() {
        Class<?> placed = type("OrderPlaced");
        Object b = call(placed, "builder");
        call(b, "orderId", UUID.randomUUID());
        call(b, "placedAt", java.time.OffsetDateTime.parse("2024-01-01T00:00:00Z"));
        call(b, "class_", "x");
        call(b, "status", call(type("Status"), "fromValue", "new"));
        call(b, "total", new java.math.BigDecimal("1.00"));
        call(b, "lines", List.of());
        Object order = call(b, "build");
        assertThat(call(order, "priority")).isEqualTo(3);
        assertThat(call(order, "kind")).isEqualTo("order.placed");
        assertThat(violations(order)).containsExactly("$.lines: must have at least 1 items but had 0");
    }

    @Test
    void collectionsAreImmutableCopies() {
        Object order = compiled.read(ORDER, type("OrderPlaced"));
        List<?> lines = (List<?>) call(order, "lines");
        assertThatThrownBy(() -> lines.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void headersConvertToAndFromKafkaHeaders() {
        Class<?> headersType = type("OrderPlacedHeaders");
        Object h = compiled.read("{\"traceparent\":\"00-abc-01\",\"retryCount\":3,"
                + "\"correlationId\":\"7f1c1e9a-3f7e-4a53-9f1e-0a4c7d9b2e11\",\"source\":\"web\"}", headersType);
        Headers kafka = (Headers) call(h, "toKafkaHeaders");
        assertThat(new String(kafka.lastHeader("retryCount").value(), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(new String(kafka.lastHeader("source").value(), StandardCharsets.UTF_8)).isEqualTo("web");
        assertThat(new String(kafka.lastHeader("correlationId").value(), StandardCharsets.UTF_8))
                .isEqualTo("7f1c1e9a-3f7e-4a53-9f1e-0a4c7d9b2e11");
        kafka.add("unrelated", new byte[] {1});
        assertThat(call(headersType, "fromKafkaHeaders", kafka)).isEqualTo(h);

        Headers missing = new org.apache.kafka.common.header.internals.RecordHeaders();
        assertThatThrownBy(() -> call(headersType, "fromKafkaHeaders", missing))
                .hasRootCauseInstanceOf(NullPointerException.class).rootCause().hasMessage("traceparent");
        Headers broken = new org.apache.kafka.common.header.internals.RecordHeaders();
        broken.add("traceparent", "t".getBytes(StandardCharsets.UTF_8));
        broken.add("retryCount", "three".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> call(headersType, "fromKafkaHeaders", broken)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header retryCount ");
    }

    @Test
    void registryGivesPayloadHeadersAndKeyTypesPerMessage() {
        GeneratedTypes types = result.types();
        Message placed = model.operations().get(0).messages().get(0);
        MessageTypes t = types.of(placed);
        assertThat(t.payload()).isEqualTo(ClassName.get(Showcase.PKG, "OrderPlaced"));
        assertThat(t.payloadValidatable()).isTrue();
        assertThat(t.headers()).isEqualTo(ClassName.get(Showcase.PKG, "OrderPlacedHeaders"));
        assertThat(t.key()).isEqualTo(new KeyType(ClassName.get(Showcase.PKG, "OrderPlacedKey"), KeyEncoding.JSON,
                true));
        MessageTypes cancelled = types.of(model.operations().get(0).messages().get(1));
        assertThat(cancelled.key()).isEqualTo(new KeyType(ClassName.get(UUID.class), KeyEncoding.UUID, false));
        assertThat(cancelled.headersType()).isEmpty();
        MessageTypes ping = types.of(model.operations().get(0).messages().get(2));
        assertThat(ping.payload().toString()).isEqualTo("com.fasterxml.jackson.databind.JsonNode");
        assertThat(ping.payloadValidatable()).isFalse();
        assertThat(ping.key().encoding()).isEqualTo(KeyEncoding.LONG);
        assertThat(types.schemaType("Pet")).contains(ClassName.get(Showcase.PKG, "Pet"));
    }

    @Test
    void objectKeyRoundTripsAsJson() {
        String key = "{\"tenant\":\"t1\",\"orderId\":\"7f1c1e9a-3f7e-4a53-9f1e-0a4c7d9b2e11\"}";
        assertThat(compiled.roundTrip(key, type("OrderPlacedKey"))).isEqualTo(compiled.tree(key));
    }
}
