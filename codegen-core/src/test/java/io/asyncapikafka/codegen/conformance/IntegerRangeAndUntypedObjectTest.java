package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.runtime.consumer.HandlerDriver.Status;
import io.asyncapikafka.runtime.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's leftovers: the Java type of an integer holds what its bounds allow, or the build says where it does not
 * (AKG014); a schema with {@code properties} but no {@code type} is read as an object, and the build says that a
 * non-object value, valid by JSON Schema, is refused (AKG015).
 */
class IntegerRangeAndUntypedObjectTest {

    @TempDir
    static Path dir;

    private static PayloadHarness h;

    @BeforeAll
    static void generate() throws Exception {
        Map<String, JsonNode> payloads = new LinkedHashMap<>();
        payloads.put("Wide", schema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":0,"
                + "\"maximum\":1e30}}}"));
        payloads.put("Lower", schema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":0}}}"));
        payloads.put("Upper", schema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":0}}}"));
        payloads.put("Declared", schema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\","
                + "\"format\":\"int64\",\"minimum\":0}}}"));
        payloads.put("Untyped", schema("{\"properties\":{\"id\":{\"type\":\"string\"}}}"));
        h = PayloadHarness.of(dir, payloads, null);
    }

    @Test
    void anIntegerWithBothBoundsBeyondLongIsABigIntegerAndChecked() throws Exception {
        assertThat(h.receive("Wide", "{\"n\": 9223372036854775808}").status()).isEqualTo(Status.PROCESSED);
        assertThat(h.receive("Wide", "{\"n\": 1e30}").status()).isEqualTo(Status.PROCESSED);
        assertThat(h.receive("Wide", "{\"n\": 1000000000000000000000000000001}").status())
                .isEqualTo(Status.DEAD_LETTERED);
        assertThat(h.receive("Wide", "{\"n\": -1}").status()).isEqualTo(Status.DEAD_LETTERED);
        assertThat(codes("/channels/t.Wide")).isEmpty();
    }

    @Test
    void aOneSidedBoundIsLongAndTheBuildSaysTheOpenSideIsNarrowed() throws Exception {
        assertThat(h.receive("Lower", "{\"n\": 9223372036854775807}").status()).isEqualTo(Status.PROCESSED);
        // valid by the schema, but beyond long: refused, and the build said so
        assertThat(h.receive("Lower", "{\"n\": 9223372036854775808}").status()).isEqualTo(Status.DEAD_LETTERED);
        assertThat(narrowed("Lower")).singleElement().satisfies(d -> {
            assertThat(d.location().pointer()).isEqualTo("/channels/t.Lower/publish/message/payload/properties/n");
            assertThat(d.location().line()).isPositive();
            assertThat(d.message()).contains("only a minimum", "above 9223372036854775807");
            assertThat(d.hint()).contains("format: int64");
        });
        assertThat(narrowed("Upper")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("only a maximum", "below -9223372036854775808"));
        assertThat(narrowed("Declared")).as("format: int64 declares the range").isEmpty();
    }

    @Test
    void propertiesWithoutTypeAreAnObjectAndTheBuildSaysNonObjectsAreRefused() throws Exception {
        assertThat(h.receive("Untyped", "{\"id\": \"x\"}").status()).isEqualTo(Status.PROCESSED);
        assertThat(h.receive("Untyped", "\"x\"").status()).isEqualTo(Status.DEAD_LETTERED);
        assertThat(codes("/channels/t.Untyped")).containsExactly("AKG015");
        assertThat(h.generated.diagnostics()).filteredOn(d -> d.code().equals("AKG015")).singleElement()
                .satisfies(d -> {
                    assertThat(d.location().pointer()).isEqualTo("/channels/t.Untyped/publish/message/payload");
                    assertThat(d.hint()).contains("type: object");
                });
        assertThat(codes("/channels/t.Wide")).as("type: object written").doesNotContain("AKG015");
    }

    private static List<Diagnostic> narrowed(String message) {
        return h.generated.diagnostics().stream().filter(d -> d.code().equals("AKG014"))
                .filter(d -> d.location().pointer().startsWith("/channels/t." + message + "/")).toList();
    }

    private static List<String> codes(String pointerPrefix) {
        return h.generated.diagnostics().stream().filter(d -> d.location().pointer().startsWith(pointerPrefix))
                .map(Diagnostic::code).toList();
    }

    private static JsonNode schema(String json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
