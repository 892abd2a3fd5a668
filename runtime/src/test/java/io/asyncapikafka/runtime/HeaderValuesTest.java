package io.asyncapikafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    private static String text(Headers h, String name) {
        return new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void typedValuesTravelAsTheirTextAndReadBack() {
        Headers h = new RecordHeaders();
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        HeaderValues.putString(h, "s", "grüße");
        HeaderValues.putLong(h, "l", -9_000_000_000L);
        HeaderValues.putInt(h, "i", 42);
        HeaderValues.putBoolean(h, "b", false);
        HeaderValues.putUuid(h, "u", id);
        HeaderValues.putJson(h, "d", new BigDecimal("1.5"));
        HeaderValues.putJson(h, "t", OffsetDateTime.parse("2024-05-01T10:00:00Z"));
        HeaderValues.putJson(h, "list", List.of(1, 2));

        assertThat(text(h, "s")).isEqualTo("grüße");
        assertThat(text(h, "l")).isEqualTo("-9000000000");
        assertThat(text(h, "b")).isEqualTo("false");
        assertThat(text(h, "u")).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(text(h, "d")).isEqualTo("1.5");
        assertThat(text(h, "t")).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(text(h, "list")).isEqualTo("[1,2]");

        assertThat(HeaderValues.getString(h, "s")).isEqualTo("grüße");
        assertThat(HeaderValues.getLong(h, "l")).isEqualTo(-9_000_000_000L);
        assertThat(HeaderValues.getInt(h, "i")).isEqualTo(42);
        assertThat(HeaderValues.getBoolean(h, "b")).isFalse();
        assertThat(HeaderValues.getUuid(h, "u")).isEqualTo(id);
        BigDecimal d = HeaderValues.getJson(h, "d", Json.mapper().constructType(BigDecimal.class), false);
        assertThat(d).isEqualByComparingTo("1.5");
        OffsetDateTime t = HeaderValues.getJson(h, "t", Json.mapper().constructType(OffsetDateTime.class), true);
        assertThat(t).isEqualTo(OffsetDateTime.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void putReplacesEarlierValuesAndNullLeavesThemAlone() {
        Headers h = new RecordHeaders();
        h.add("n", "1".getBytes(StandardCharsets.UTF_8));
        h.add("n", "2".getBytes(StandardCharsets.UTF_8));
        HeaderValues.putLong(h, "n", 3L);
        assertThat(h.headers("n")).hasSize(1);
        assertThat(HeaderValues.getLong(h, "n")).isEqualTo(3L);

        HeaderValues.putLong(h, "n", null);
        HeaderValues.putJson(h, "n", null);
        assertThat(HeaderValues.getLong(h, "n")).isEqualTo(3L);
    }

    @Test
    void numbersReadAsLongValueOfAndIntegerValueOfReadThem() {
        for (String text : List.of("0", "7", "-7", "+7", "007", "-0", "123456789", "999999999999999999",
                "-999999999999999999", "9223372036854775807", "-9223372036854775808", "2147483647", "-2147483648",
                "2147483648", "9223372036854775808", "1234567890", "\u0661\u0662", "", "-", "+", "1-", " 1", "1.0",
                "0x1")) {
            Headers h = new RecordHeaders();
            HeaderValues.putString(h, "n", text);
            assertSameOutcome(() -> HeaderValues.getLong(h, "n"), () -> Long.valueOf(text), text);
            assertSameOutcome(() -> HeaderValues.getInt(h, "n"), () -> Integer.valueOf(text), text);
        }
    }

    private static void assertSameOutcome(Supplier<Object> actual, Supplier<Object> expected, String text) {
        Object value;
        try {
            value = expected.get();
        } catch (NumberFormatException e) {
            assertThatThrownBy(actual::get).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("header n does not hold a valid value")
                    .cause().isInstanceOf(NumberFormatException.class).hasMessage(e.getMessage());
            return;
        }
        assertThat(actual.get()).as(text).isEqualTo(value);
    }

    @Test
    void absentHeadersReadAsNull() {
        Headers h = new RecordHeaders();
        h.add("empty", null);
        assertThat(HeaderValues.getString(h, "missing")).isNull();
        assertThat(HeaderValues.getLong(h, "empty")).isNull();
        assertThat(HeaderValues.getUuid(h, "missing")).isNull();
        assertThat((Object) HeaderValues.getJson(h, "missing", Json.mapper().constructType(BigDecimal.class), false))
                .isNull();
    }

    @Test
    void malformedValuesNameTheHeader() {
        Headers h = new RecordHeaders();
        HeaderValues.putString(h, "n", "12x");
        HeaderValues.putString(h, "b", "yes");
        HeaderValues.putString(h, "u", "not-a-uuid");
        HeaderValues.putString(h, "j", "{oops");
        assertThatThrownBy(() -> HeaderValues.getLong(h, "n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header n does not hold a valid value");
        assertThatThrownBy(() -> HeaderValues.getInt(h, "n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header n ");
        assertThatThrownBy(() -> HeaderValues.getBoolean(h, "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header b ");
        assertThatThrownBy(() -> HeaderValues.getUuid(h, "u"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header u ");
        assertThatThrownBy(() -> HeaderValues.getJson(h, "j", Json.mapper().constructType(BigDecimal.class), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header j ");
        assertThatThrownBy(() -> HeaderValues.get(h, "u", v -> {
            throw new IllegalArgumentException("unknown value");
        })).hasMessage("header u does not hold a valid value: unknown value");
    }
}
