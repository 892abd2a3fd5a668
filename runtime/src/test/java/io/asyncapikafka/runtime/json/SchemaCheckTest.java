package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spot checks of the run-time checker; the conformance suite in codegen-core covers every keyword. */
class SchemaCheckTest {

    @Test
    void uniqueItemsAndConstCompareNumbersByValue() throws Exception {
        SchemaCheck unique = SchemaCheck.of("{\"uniqueItems\": true}");
        assertThat(unique.accepts(Json.mapper().readTree("[1, 1.0]"))).isFalse();
        assertThat(unique.accepts(Json.mapper().readTree("[{\"a\": 1}, {\"a\": 1.00}]"))).isFalse();
        assertThat(unique.accepts(Json.mapper().readTree("[1, \"1\", true, [1], {\"a\": 1}]"))).isTrue();
        assertThat(SchemaCheck.of("{\"const\": 2}").accepts(Json.mapper().readTree("2.0"))).isTrue();
        assertThat(SchemaCheck.of("{\"type\": \"integer\"}").accepts(Json.mapper().readTree("1e2"))).isTrue();
        assertThat(SchemaCheck.of("{\"type\": \"integer\"}").accepts(Json.mapper().readTree("1.5"))).isFalse();
    }

    @Test
    void violationsNameThePath() throws Exception {
        SchemaCheck check = SchemaCheck.of("{\"definitions\": {\"n\": {\"minimum\": 0}},"
                + " \"properties\": {\"xs\": {\"items\": {\"$ref\": \"#/definitions/n\"}}}}");
        List<Violation> out = new ArrayList<>();
        check.check(Json.mapper().readTree("{\"xs\": [1, -1]}"), "$", out);
        assertThat(out).containsExactly(new Violation("$.xs[1]", "must be >= 0 but was -1"));
    }

    @Test
    void handWrittenUuidAndDateChecksAgreeWithTheGrammar() {
        java.util.regex.Pattern uuid = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        java.util.regex.Pattern date = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        java.time.format.DateTimeFormatter strict = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd")
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String uuidChars = "0123456789abcdefABCDEF-g ";
        String dateChars = "0123456789-";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder u = new StringBuilder(java.util.UUID.randomUUID().toString());
            for (int k = random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(u.length() + 1);
                if (random.nextBoolean() && at < u.length()) {
                    u.setCharAt(at, uuidChars.charAt(random.nextInt(uuidChars.length())));
                } else {
                    u.insert(at, uuidChars.charAt(random.nextInt(uuidChars.length())));
                }
            }
            assertThat(Formats.isUuid(u.toString())).as(u.toString()).isEqualTo(uuid.matcher(u).matches());
            StringBuilder d = new StringBuilder(String.format("%04d-%02d-%02d", random.nextInt(10000),
                    random.nextInt(14), random.nextInt(33)));
            if (random.nextInt(4) == 0) {
                d.setCharAt(random.nextInt(d.length()), dateChars.charAt(random.nextInt(dateChars.length())));
            }
            boolean expected = date.matcher(d).matches() && parses(strict, d.toString());
            assertThat(Formats.isDate(d.toString())).as(d.toString()).isEqualTo(expected);
        }
    }

    private static boolean parses(java.time.format.DateTimeFormatter f, String text) {
        try {
            java.time.LocalDate.parse(text, f);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void formatsFollowTheirRfcs() {
        assertThat(Formats.isDateTime("1998-12-31T23:59:60Z")).isTrue();
        assertThat(Formats.isDateTime("1998-12-31T15:59:60.123-08:00")).isTrue();
        assertThat(Formats.isDateTime("1998-12-31T23:58:60Z")).isFalse();
        assertThat(Formats.isDate("2020-02-29")).isTrue();
        assertThat(Formats.isDate("2021-02-29")).isFalse();
        assertThat(Formats.isDate("2020-01-01T00:00:00Z")).isFalse();
        assertThat(Formats.isTime("08:30:06Z")).isTrue();
        assertThat(Formats.isTime("08:30:06")).isFalse();
        assertThat(Formats.isUri("urn:isbn:0451450523")).isTrue();
        assertThat(Formats.isUri("http://[::1]:80/a?b#c")).isTrue();
        assertThat(Formats.isUri("relative/ref")).isFalse();
        assertThat(Formats.isUri("http://a b")).isFalse();
        assertThat(Formats.isIpv6("::ffff:192.0.2.1")).isTrue();
        assertThat(Formats.isIpv6("1::2::3")).isFalse();
        assertThat(Formats.isIpv6("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(Formats.isIpv6("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(Formats.isIpv4("192.168.0.1")).isTrue();
        assertThat(Formats.isIpv4("192.168.0.01")).isFalse();
        assertThat(Formats.isIpv4("192.168.0.1\n")).isFalse();
        assertThat(Formats.isEmail("joe.bloggs@example.com")).isTrue();
        assertThat(Formats.isEmail("joe..bloggs@example.com")).isFalse();
        assertThat(Formats.isHostname("-bad.example")).isFalse();
        assertThat(Formats.valid("duration", "P1Y2M3DT4H5M6S")).isTrue();
        assertThat(Formats.valid("duration", "PT")).isFalse();
        assertThat(Formats.valid("duration", "P1W")).isTrue();
        assertThat(Formats.isUuid("123e4567-e89b-12d3-a456-426614174000")).isTrue();
        assertThat(Formats.isUuid("123e4567e89b12d3a456426614174000")).isFalse();
    }
}
