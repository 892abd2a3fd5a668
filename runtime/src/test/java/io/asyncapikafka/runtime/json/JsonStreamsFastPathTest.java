package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The member readers' shortcuts for decimals and UUIDs (issue 13) read exactly what the parser's own way reads: the
 * same value and scale as {@code new BigDecimal(text)}, the same UUID as {@code UUID.fromString}, and for anything
 * else the same outcome as the strict scalar (value or refusal).
 */
class JsonStreamsFastPathTest {

    private static JsonParser at(String json) throws IOException {
        JsonParser p = Json.mapper().getFactory().createParser(json);
        p.nextToken();
        return p;
    }

    @Test
    void decimalsReadAsTheParserReadsThem() throws IOException {
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.0", "-0.00", "1", "-1", "12.50", "0.001",
                "123456789012345678", "-123456789012345678", "1234567890123456789", "12345678901234567.8",
                "1234567890.123456789", "1e3", "1.5E-2", "-2.5e+10", "9223372036854775807", "99999999999999999.9",
                "0.000000000000000001", "100"));
        SplittableRandom random = new SplittableRandom(13);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder();
            if (random.nextBoolean()) {
                s.append('-');
            }
            int intDigits = 1 + random.nextInt(12);
            s.append(1 + random.nextInt(9));
            for (int i = 1; i < intDigits; i++) {
                s.append(random.nextInt(10));
            }
            if (random.nextInt(4) > 0) {
                s.append('.');
                int frac = 1 + random.nextInt(10);
                for (int i = 0; i < frac; i++) {
                    s.append(random.nextInt(10));
                }
            }
            if (random.nextInt(10) == 0) {
                s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "").append(
                        random.nextInt(20));
            }
            texts.add(random.nextInt(8) == 0 ? "0." + s.toString().replace("-", "").replace(".", "") : s.toString());
        }
        for (String text : texts) {
            BigDecimal expected = new BigDecimal(text);
            BigDecimal fast = JsonStreams.readDecimal(at(text));
            assertThat(fast).as(text).isEqualTo(expected); // equals: value and scale
            assertThat(fast.scale()).as(text).isEqualTo(expected.scale());
            assertThat(StrictScalars.DECIMAL.read(at(text))).as(text).isEqualTo(expected);
        }
    }

    @Test
    void nonNumbersAreRefusedAsBefore() throws IOException {
        for (String json : List.of("\"12.5\"", "true", "null", "[1]")) {
            Throwable fast = catchThrowable(() -> JsonStreams.readDecimal(at(json)));
            Throwable strict = catchThrowable(() -> StrictScalars.DECIMAL.read(at(json)));
            assertThat(fast).as(json).isNotNull().hasMessage(strict.getMessage());
        }
    }

    @Test
    void uuidsReadAsUuidFromStringReadsThem() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        List<String> texts = new ArrayList<>(List.of("00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
                "123e4567-e89b-12d3-a456-426614174000"));
        for (int n = 0; n < 2_000; n++) {
            String s = new UUID(random.nextLong(), random.nextLong()).toString();
            texts.add(random.nextBoolean() ? s : s.toUpperCase(Locale.ROOT));
        }
        for (String text : texts) {
            assertThat(JsonStreams.readUuid(at("\"" + text + "\""))).as(text).isEqualTo(UUID.fromString(text));
        }
    }

    @Test
    void anythingButACanonicalUuidGoesTheStrictWay() throws IOException {
        for (String json : List.of("\"123e4567-e89b-12d3-a456-42661417400g\"", "\"123e4567e89b-12d3-a456-4266141740001\"",
                "\"123e4567-e89b-12d3-a456-4266141740\"", "\"\u0661\u0662\u0663e4567-e89b-12d3-a456-426614174000\"",
                "\"123e4567-e89b-12d3-a456_426614174000\"", "12", "null", "\"\"")) {
            Throwable fast = catchThrowable(() -> JsonStreams.readUuid(at(json)));
            Throwable strict = catchThrowable(() -> StrictScalars.UUID_.read(at(json)));
            assertThat(fast).as(json).isNotNull();
            assertThat(fast.getMessage()).as(json).isEqualTo(strict.getMessage());
        }
    }
}
