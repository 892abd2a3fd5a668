package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import io.asyncapikafka.runtime.consumer.HandlerDriver.Status;
import io.asyncapikafka.runtime.json.ContractSchemas;
import io.asyncapikafka.runtime.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ten defects of issue 11, each on the consumer's path (raw bytes through the generated test driver) and, where
 * a typed value can break the contract, on the producer's path ({@code ContractViolationException} before sending).
 */
class ContractValidationDefectsTest {

    @TempDir
    static Path dir;

    private static PayloadHarness h;

    @BeforeAll
    static void generate() throws Exception {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        p.put("Coerced", json("""
                {"type": "object", "required": ["n", "flag"], "properties": {"n": {"type": "integer", "format": "int64"},
                 "s": {"type": "string"}, "x": {"type": "number"}, "flag": {"type": "boolean"}}}"""));
        p.put("Note", json("{\"type\": \"string\", \"maxLength\": 2}"));
        p.put("Count", json("{\"type\": \"integer\", \"minimum\": 0}"));
        p.put("Names", json("{\"type\": \"array\", \"items\": {\"type\": \"string\", \"maxLength\": 3}}"));
        p.put("Untyped", json("""
                {"type": "object", "properties": {"name": {"maxLength": 3}, "at": {"format": "date-time"},
                 "u": {"uniqueItems": true}}}"""));
        p.put("Priced", json("{\"type\": \"object\", \"properties\": {\"amount\": {\"allOf\": [{\"$ref\": \"#/components/schemas/Amount\"}]}}}"));
        p.put("Either", json("""
                {"oneOf": [{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
                           {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer"}}}]}"""));
        p.put("Closed", json("""
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}},
                 "additionalProperties": false}"""));
        p.put("Tenanted", json("""
                {"type": "object", "required": ["id", "tenant"], "properties": {"id": {"type": "string"}}}"""));
        p.put("Formats", json("""
                {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"},
                 "day": {"type": "string", "format": "date"}, "id": {"type": "string", "format": "uuid"},
                 "link": {"type": "string", "format": "uri"}}}"""));
        p.put("Big", json("{\"type\": \"object\", \"properties\": {\"n\": {\"type\": \"integer\"}}}"));
        p.put("Unique", json("""
                {"type": "object", "properties": {"xs": {"type": "array", "items": {"type": "number"}, "uniqueItems": true}}}"""));
        p.put("Rules", json("""
                {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"},
                 "t": {"type": "array", "items": [{"type": "string"}], "contains": {"const": "x"}}},
                 "not": {"required": ["forbidden"]}, "if": {"required": ["a"]}, "then": {"required": ["b"]},
                 "dependencies": {"b": ["a"]}, "propertyNames": {"maxLength": 9}, "minProperties": 1,
                 "maxProperties": 3}"""));
        // a schema longer than one class-file string constant: the annotation holds it in parts
        StringBuilder reserved = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            reserved.append(i == 0 ? "" : ", ").append("\"reserved-code-").append(i).append('"');
        }
        p.put("Wide", json("{\"type\": \"object\", \"properties\": {\"code\": {\"type\": \"string\", \"not\": {\"enum\": ["
                + reserved + "]}}}}"));
        p.put("Overlap", json("""
                {"oneOf": [{"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}},
                            "additionalProperties": false},
                           {"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "integer"},
                            "b": {"type": "integer"}}}]}"""));
        h = PayloadHarness.of(dir, p, json("{\"Amount\": {\"type\": \"number\", \"minimum\": 0}}"));
    }

    @AfterAll
    static void close() {
        h.close();
    }

    @Test
    void noCoercion() throws Exception {
        assertRefused("Coerced", "{\"n\": 1.9, \"flag\": true}", "$.n",
                "expected integer (int64) but was number 1.9");
        assertRefused("Coerced", "{\"n\": 1, \"s\": 1, \"flag\": true}", "$.s", "expected string but was integer 1");
        assertRefused("Coerced", "{\"n\": 1, \"x\": \"1\", \"flag\": true}", "$.x",
                "expected number but was string \"1\"");
        assertRefused("Coerced", "{\"n\": 1, \"flag\": 0}", "$.flag", "expected boolean but was integer 0");
        assertRefused("Coerced", "{\"n\": null, \"flag\": true}", "$.n", "expected integer (int64) but was null");
        assertThat(h.receive("Coerced", "{\"n\": 1.0, \"flag\": true}").status()).isEqualTo(Status.PROCESSED);
        assertThat(h.receive("Coerced", "{\"n\": 1e2, \"flag\": false}").status()).isEqualTo(Status.PROCESSED);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsValidatedOnBothSides() throws Exception {
        assertThat(h.receive("Note", "\"ab\"").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Note", "\"abc\"", "$", "length must be <= 2 but was 3");
        assertSendRefused("Note", h.read("Note", "\"ab\"").getClass().getMethod("of", String.class)
                .invoke(null, "abc"), "$", "length must be <= 2 but was 3");
        assertRefused("Count", "-1", "$", "must be >= 0 but was -1");
        assertThat(h.receive("Count", "5.0").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Names", "[\"abcd\"]", "$[0]", "length must be <= 3 but was 4");
    }

    @Test
    void untypedConstraintsAreChecked() throws Exception {
        assertRefused("Untyped", "{\"name\": \"abcd\"}", "$.name", "length must be <= 3 but was 4");
        assertRefused("Untyped", "{\"at\": \"2020-01-01\"}", "$.at", "must be a valid date-time");
        assertRefused("Untyped", "{\"u\": [1, 1.0]}", "$.u", "must not contain duplicate items");
        assertThat(h.receive("Untyped", "{\"name\": 12345, \"at\": 5}").status()).isEqualTo(Status.PROCESSED);
        Object bad = h.read("Untyped", "{\"name\": \"abc\"}");
        Object tooLong = bad.getClass().getRecordComponents()[0].getType() == JsonNode.class
                ? bad.getClass().getConstructors()[0].newInstance(Json.mapper().readTree("\"abcd\""), null, null)
                : null;
        assertSendRefused("Untyped", tooLong, "$.name", "length must be <= 3 but was 4");
    }

    @Test
    void allOfWithANumberPart() throws Exception {
        assertThat(h.receive("Priced", "{\"amount\": 10.5}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Priced", "{\"amount\": -1}", "$.amount", "must be >= 0 but was -1");
        assertThat(h.generated.diagnostics()).anyMatch(d -> d.code().equals("AKG012"));
    }

    @Test
    void oneOfMeansExactlyOne() throws Exception {
        assertThat(h.receive("Either", "{\"a\": 1}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Either", "{\"a\": 1, \"b\": 2}", "$", "must match exactly one schema of oneOf but matched several");
        assertRefused("Either", "{}", "$", "must match exactly one schema of oneOf but matched none");
    }

    @Test
    void aLargeSchemaIsCheckedWhole() throws Exception {
        assertThat(h.receive("Wide", "{\"code\": \"free-code\"}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Wide", "{\"code\": \"reserved-code-4999\"}", "$.code", "must not match the schema of not");
    }

    @Test
    void variantsThatMemberNamesCannotTellApartAreReportedAtBuildTime() throws Exception {
        assertThat(h.generated.diagnostics()).filteredOn(d -> d.code().equals("AKG013")).singleElement()
                .satisfies(d -> assertThat(d.location().pointer()).isEqualTo("/channels/t.Overlap/publish/message/payload"));
        assertThat(h.receive("Overlap", "{\"a\": 1, \"b\": 2}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Overlap", "{\"a\": 1, \"c\": 2}", "$", "must match exactly one schema of oneOf");
    }

    @Test
    void additionalPropertiesFalseAndRequiredWithoutProperty() throws Exception {
        assertThat(h.receive("Closed", "{\"id\": \"x\"}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Closed", "{\"id\": \"x\", \"extra\": 1}", "$.extra", "is not a declared member");
        // a required name without a property is a required JsonNode member: received, kept, and sent again
        assertThat(h.receive("Tenanted", "{\"id\": \"x\", \"tenant\": 7}").status()).isEqualTo(Status.PROCESSED);
        assertThat(h.send("Tenanted", h.lastPayload("Tenanted")).status()).isEqualTo(Status.PROCESSED);
        assertThat(h.receive("Tenanted", "{\"id\": \"x\"}").status()).isEqualTo(Status.DEAD_LETTERED);
    }

    @Test
    void formatsFollowTheirRfcs() throws Exception {
        assertThat(h.receive("Formats", "{\"at\": \"1998-12-31T23:59:60Z\"}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Formats", "{\"day\": \"2020-01-01T00:00:00Z\"}", "$.day", "expected string (date)");
        assertRefused("Formats", "{\"day\": \"2020-01-01\\n\"}", "$.day", "expected string (date)");
        assertRefused("Formats", "{\"id\": \" 123e4567-e89b-12d3-a456-426614174000\"}", "$.id", "expected string (uuid)");
        assertRefused("Formats", "{\"at\": \"2020-01-01T00:00:00Z \"}", "$.at", "expected string (date-time)");
        assertRefused("Formats", "{\"link\": \"/orders/1\"}", "$.link", "expected string (uri)");
    }

    @Test
    void integersBeyondLongWithoutBound() throws Exception {
        assertThat(h.receive("Big", "{\"n\": 18446744073709551616}").status()).isEqualTo(Status.PROCESSED);
        Object payload = h.lastPayload("Big");
        assertThat(payload.getClass().getMethod("n").invoke(payload)).isEqualTo(new BigInteger("18446744073709551616"));
    }

    @Test
    void uniqueItemsComparesNumbersByValue() throws Exception {
        assertRefused("Unique", "{\"xs\": [1, 1.0]}", "$.xs", "must not contain duplicate items");
        Object dup = h.read("Unique", "{\"xs\": [1, 2]}").getClass().getConstructors()[0]
                .newInstance(List.of(new BigDecimal("1"), new BigDecimal("1.0")));
        assertSendRefused("Unique", dup, "$.xs", "must not contain duplicate items");
    }

    @Test
    void theOnceUnsupportedKeywordsAreEnforcedWithoutWarning() throws Exception {
        assertThat(h.receive("Rules", "{\"a\": 1, \"b\": 2, \"t\": [\"x\"]}").status()).isEqualTo(Status.PROCESSED);
        assertRefused("Rules", "{\"a\": 1, \"forbidden\": 0, \"b\": 1}", "$", "must not match the schema of not");
        assertRefused("Rules", "{\"a\": 1}", "$.b", "is required but missing");
        assertRefused("Rules", "{\"b\": 1}", "$.a", "is required when b is present");
        assertRefused("Rules", "{\"a\": 1, \"b\": 1, \"t\": [1, \"x\"]}", "$.t[0]", "expected string but was integer");
        assertRefused("Rules", "{\"a\": 1, \"b\": 1, \"t\": [\"y\"]}", "$.t", "must contain an item");
        assertRefused("Rules", "{\"a\": 1, \"b\": 1, \"longer_name\": 0}", "$.longer_name", "length must be <= 9");
        assertRefused("Rules", "{}", "$", "must have at least 1 members");
        assertRefused("Rules", "{\"a\": 1, \"b\": 1, \"c\": 1, \"d\": 1}", "$", "must have at most 3 members");
        assertThat(h.generated.diagnostics()).noneMatch(d -> d.code().equals("AKM033"));
    }

    /** Dead-lettered on receive, with a contract violation naming the path and the broken rule. */
    private static void assertRefused(String message, String data, String path, String text) throws Exception {
        HandlerDriver.Result r = h.receive(message, data);
        assertThat(r.status()).as(data).isEqualTo(Status.DEAD_LETTERED);
        assertThat(r.reason()).as(data + ": dead-letter reason").isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        ContractViolationException e = ContractSchemas.violationIn(r.error()).orElseThrow(
                () -> new AssertionError(data + ": no contract violation in " + r.error(), r.error()));
        assertThat(e.violations()).as(data).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).startsWith(text);
        });
    }

    /** Refused before sending. */
    private static void assertSendRefused(String message, Object payload, String path, String text) {
        Throwable t = catchThrowable(() -> h.send(message, payload));
        assertThat(t).isInstanceOf(ContractViolationException.class);
        assertThat(((ContractViolationException) t).violations()).extracting(Violation::path).contains(path);
        assertThat(((ContractViolationException) t).violations()).anySatisfy(v -> assertThat(v.message())
                .startsWith(text));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
