package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The wire mapper refuses every coercion (issue 11, defects 1, 7, 8) and checks ContractSchema types' trees. */
class StrictJsonTest {

    record Typed(@JsonProperty(required = true) int count, Long big, String name, Boolean flag, BigDecimal amount,
            BigInteger huge, LocalDate day, UUID id, URI link, List<Long> values, Map<String, Integer> counts) {}

    @ContractSchema({"{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},", "\"additionalProperties\":false}"})
    record Closed(Long a) {}

    record Holder(Closed closed, String note) {}

    record Blob(byte[] data) {}

    /** As generated: wire values through {@code @JsonValue}/{@code @JsonCreator}. */
    enum Code {
        ONE("1"), YES("true"), A("A");

        private final String value;

        Code(String value) {
            this.value = value;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String value() {
            return value;
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Code fromValue(String value) {
            for (Code c : values()) {
                if (c.value.equals(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown " + value);
        }
    }

    record Coded(Code code, List<Code> codes) {}

    @Test
    void aStringEnumIsReadFromAJsonStringOnly() throws Exception {
        assertThat(Json.mapper().readValue("{\"code\": \"1\", \"codes\": [\"true\", \"A\"]}", Coded.class))
                .isEqualTo(new Coded(Code.ONE, List.of(Code.YES, Code.A)));
        // databind's enum creator took the text of any scalar: 1 became "1", true became "true"
        for (String[] c : new String[][] {{"{\"code\": 1}", "$.code", "expected string but was integer 1"},
                {"{\"codes\": [true]}", "$.codes[0]", "expected string but was boolean true"},
                {"{\"code\": [\"A\"]}", "$.code", "expected string but was array"}}) {
            Throwable t = catchThrowable(() -> Json.mapper().readValue(c[0], Coded.class));
            assertThat(ContractSchemas.violationIn(t)).as(c[0]).get().extracting(ContractViolationException::violations)
                    .isEqualTo(List.of(new Violation(c[1], c[2])));
        }
    }

    @Test
    void bytesAreBase64TextOnly() throws Exception {
        assertThat(Json.mapper().readValue("{\"data\": \"AQID\"}", Blob.class).data()).containsExactly(1, 2, 3);
        Throwable t = catchThrowable(() -> Json.mapper().readValue("{\"data\": [1, 2, 3]}", Blob.class));
        assertThat(ContractSchemas.violationIn(t)).get().extracting(e -> e.violations().get(0).message())
                .isEqualTo("expected string (base64) but was array");
    }

    @Test
    void aValueOfAnotherJsonTypeIsAContractViolationNamingPathAndTypes() {
        assertViolation("{\"count\": 1.9}", "$.count", "expected integer (int32) but was number 1.9");
        assertViolation("{\"count\": 1, \"big\": \"1\"}", "$.big", "expected integer (int64) but was string \"1\"");
        assertViolation("{\"count\": 1, \"name\": 1}", "$.name", "expected string but was integer 1");
        assertViolation("{\"count\": 1, \"amount\": \"1\"}", "$.amount", "expected number but was string \"1\"");
        assertViolation("{\"count\": 1, \"flag\": 0}", "$.flag", "expected boolean but was integer 0");
        assertViolation("{\"count\": null}", "$.count", "expected integer (int32) but was null");
        assertViolation("{\"count\": 1, \"values\": [1, 2.5]}", "$.values[1]",
                "expected integer (int64) but was number 2.5");
        assertViolation("{\"count\": 1, \"counts\": {\"a b\": true}}", "$.counts['a b']",
                "expected integer (int32) but was boolean true");
        assertViolation("{\"count\": 1, \"big\": 9223372036854775808}", "$.big",
                "expected integer (int64) but was integer 9223372036854775808");
        assertViolation("{\"count\": 1, \"values\": 1}", "$.values", null);
    }

    @Test
    void integralNumbersAreIntegersAndNumbersStayExact() throws Exception {
        Typed t = Json.mapper().readValue("{\"count\": 1.0, \"big\": 1e2, \"huge\": 123456789012345678901234567890,"
                + " \"amount\": 0.10000000000000000001}", Typed.class);
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.big()).isEqualTo(100L);
        assertThat(t.huge()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(t.amount()).isEqualByComparingTo("0.10000000000000000001");
        JsonNode node = Json.mapper().readTree("{\"n\": 1.0}");
        assertThat(node.get("n").toString()).isEqualTo("1.0");
    }

    @Test
    void formattedScalarsAreCheckedExactlyWithoutTrimming() {
        assertViolation("{\"count\": 1, \"day\": \"2020-01-01T00:00:00Z\"}", "$.day", "expected string (date)");
        assertViolation("{\"count\": 1, \"day\": \" 2020-01-01\"}", "$.day", "expected string (date)");
        assertViolation("{\"count\": 1, \"day\": \"2020-01-01\\n\"}", "$.day", "expected string (date)");
        assertViolation("{\"count\": 1, \"id\": \"1-1-1-1-1\"}", "$.id", "expected string (uuid)");
        assertViolation("{\"count\": 1, \"id\": \"123e4567-e89b-12d3-a456-426614174000 \"}", "$.id", null);
        assertViolation("{\"count\": 1, \"link\": \"/relative/path\"}", "$.link", "expected string (uri)");
        assertViolation("{\"count\": 1, \"link\": \"//host/x\"}", "$.link", "expected string (uri)");
    }

    @Test
    void aContractSchemaTypeIsCheckedOnTheTreeAsReceived() throws Exception {
        assertThat(Json.mapper().readValue("{\"a\": 1}", Closed.class)).isEqualTo(new Closed(1L));
        Throwable t = catchThrowable(() -> Json.mapper().readValue("{\"a\": 1, \"b\": 2}", Closed.class));
        assertThat(ContractSchemas.violationIn(t)).get().extracting(ContractViolationException::violations)
                .isEqualTo(List.of(new Violation("$.b", "is not a declared member")));
        Throwable nested = catchThrowable(() -> Json.mapper().readValue(
                "{\"closed\": {\"a\": 1, \"b\": 2}, \"note\": \"x\"}", Holder.class));
        assertThat(ContractSchemas.violationIn(nested)).get().extracting(ContractViolationException::violations)
                .isEqualTo(List.of(new Violation("$.closed.b", "is not a declared member")));
        List<Violation> out = new ArrayList<>();
        ContractSchemas.check(Closed.class, new Closed(5L), "$", out);
        assertThat(out).isEmpty();
    }

    private static void assertViolation(String json, String path, String message) {
        Throwable t = catchThrowable(() -> Json.mapper().readValue(json, Typed.class));
        assertThat(t).as(json).isNotNull();
        if (message == null) {
            return; // refused; the message is Jackson's (e.g. no array coercion)
        }
        ContractViolationException e = ContractSchemas.violationIn(t).orElseThrow(() -> new AssertionError(json, t));
        assertThat(e.violations()).as(json).hasSize(1);
        assertThat(e.violations().get(0).path()).as(json).isEqualTo(path);
        assertThat(e.violations().get(0).message()).as(json).startsWith(message);
    }
}
