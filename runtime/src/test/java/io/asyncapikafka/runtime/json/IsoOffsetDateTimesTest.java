package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.asyncapikafka.runtime.ContractViolationException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The fast path must not change a byte or a value: everything is compared with the same mapper configuration without
 * it (plain jackson-datatype-jsr310).
 */
class IsoOffsetDateTimesTest {

    /** The wire configuration of {@link Json} without the fast path. */
    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    record Event(String id, OffsetDateTime at, List<OffsetDateTime> more) {}

    record Formatted(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy/MM/dd HH:mm XXX")
            OffsetDateTime at) {}

    @Test
    void writesAndReadsWhatJsr310WritesAndReads() throws Exception {
        List<OffsetDateTime> values = new ArrayList<>(List.of(
                OffsetDateTime.of(2026, 1, 1, 8, 45, 6, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 120_000_000, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-9, -30)),
                OffsetDateTime.of(2000, 6, 15, 1, 2, 3, 1, ZoneOffset.ofHoursMinutes(5, 45)),
                OffsetDateTime.of(2000, 6, 15, 1, 2, 3, 1_000, ZoneOffset.MAX),
                OffsetDateTime.of(2000, 6, 15, 1, 2, 3, 500_000_000, ZoneOffset.MIN),
                OffsetDateTime.of(2000, 6, 15, 1, 2, 3, 0, ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)),
                OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC),
                OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            values.add(OffsetDateTime.of(random.nextInt(1900, 2200), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), nanos,
                    ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 15 * 60)));
        }
        char[] buffer = new char[IsoOffsetDateTimes.MAX_FAST_LENGTH];
        int fast = 0;
        for (OffsetDateTime value : values) {
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
            int length = IsoOffsetDateTimes.format(value, buffer);
            if (length >= 0) {
                fast++;
                assertThat(new String(buffer, 0, length)).isEqualTo(iso);
            }
            OffsetDateTime parsed = IsoOffsetDateTimes.parse(iso);
            if (parsed != null) {
                assertThat(parsed).isEqualTo(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            }
            String expected = PLAIN.writeValueAsString(value);
            assertThat(expected).isEqualTo("\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value) + "\"");
            assertThat(Json.mapper().writeValueAsString(value)).isEqualTo(expected);
            Event event = new Event("e", value, List.of(value, value.plusNanos(1)));
            assertThat(Json.mapper().writeValueAsString(event)).isEqualTo(PLAIN.writeValueAsString(event));
            if (value.getOffset().getTotalSeconds() % 60 != 0 || value.getYear() > 9999 || value.getYear() < 0) {
                continue; // RFC 3339 has no seconds in offsets nor 5-digit years: refused on input (see below)
            }
            assertThat(Json.mapper().readValue(expected, OffsetDateTime.class))
                    .isEqualTo(PLAIN.readValue(expected, OffsetDateTime.class)).isEqualTo(value);
            String json = PLAIN.writeValueAsString(event);
            assertThat(Json.mapper().readValue(json, Event.class)).isEqualTo(PLAIN.readValue(json, Event.class));
        }
        assertThat(fast).as("values formatted by the fast path").isEqualTo(values.size() - 2);
    }

    @Test
    void theFastPathIsInPlace() throws Exception {
        assertThat(Json.mapper().getSerializerProviderInstance().findValueSerializer(OffsetDateTime.class))
                .isInstanceOf(IsoOffsetDateTimes.Writer.class);
        var parser = Json.mapper().createParser("\"2026-01-01T08:45:06Z\"");
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext)
                Json.mapper().getDeserializationContext())
                .createInstance(Json.mapper().getDeserializationConfig(), parser, null);
        assertThat(context.findRootValueDeserializer(Json.mapper().constructType(OffsetDateTime.class)))
                .isInstanceOf(IsoOffsetDateTimes.Reader.class);
        // properties too: jsr310 makes a contextual copy per property, which must still be wrapped
        assertThat(propertySerializer(Event.class, "at")).isInstanceOf(IsoOffsetDateTimes.Writer.class);
        assertThat(propertySerializer(Formatted.class, "at")).isNotInstanceOf(IsoOffsetDateTimes.Writer.class);
        assertThat(IsoOffsetDateTimes.parse("2026-01-01T08:45:06.120+02:00"))
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 45, 6, 120_000_000, ZoneOffset.ofHours(2)));
    }

    @Test
    void otherRfc3339ShapesReadAsJsr310ReadsThem() throws Exception {
        for (String text : List.of("\"2026-01-01T08:45:06+00:00\"", "\"2026-01-01T08:45:06-00:00\"",
                "\"2026-01-01T08:45:06.123456789+05:30\"")) {
            assertSameOutcome(text);
        }
        // RFC 3339 allows lower-case t and z, any number of fraction digits, and leap seconds
        assertThat(Json.mapper().readValue("\"2026-01-01t08:45:06z\"", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 45, 6, 0, ZoneOffset.UTC));
        assertThat(Json.mapper().readValue("\"2026-01-01T08:45:06.1234567891Z\"", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 45, 6, 123_456_789, ZoneOffset.UTC));
        assertThat(Json.mapper().readValue("\"2016-12-31T23:59:60Z\"", OffsetDateTime.class))
                .as("java.time has no second 60: read as Instant.parse reads it")
                .isEqualTo(OffsetDateTime.of(2016, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC));
        assertThat(Json.mapper().readValue("\"2016-12-31T15:59:60-08:00\"", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2016, 12, 31, 15, 59, 59, 0, ZoneOffset.ofHours(-8)));
    }

    @Test
    void whatIsNotRfc3339IsAContractViolation() {
        for (String text : List.of("\"2026-01-01T08:45Z\"", "\" 2026-01-01T08:45:06Z \"", "\"2026-01-01T08:45:06Z\\n\"",
                "\"2026-01-01T08:45:06+0100\"", "\"2026-01-01T08:45:06+01\"", "\"+12026-01-01T08:45:06Z\"",
                "\"2026-01-01T08:45:06+01:00:30\"", "1700000000", "1700000000.5", "\"1700000000\"",
                "\"2026-01-01T08:45:06.Z\"", "\"2026-02-30T08:45:06Z\"", "\"2026-13-01T08:45:06Z\"",
                "\"2026-01-01T24:00:00Z\"", "\"2026-01-01T23:60:00Z\"", "\"2026-01-01T22:59:60Z\"",
                "\"2026-01-01T08:45:06+19:00\"", "\"2026-01-01T08:45:06+01:60\"", "\"2026-01-01T08:45:0xZ\"",
                "\"2026-01-01 08:45:06Z\"", "\"2026-01-01\"", "\"not a date\"", "\"\"", "true", "[]")) {
            assertThat(catchThrowable(() -> Json.mapper().readValue(text, OffsetDateTime.class))).as(text)
                    .isInstanceOf(ContractViolationException.class).hasMessageContaining("expected string (date-time");
        }
    }

    @Test
    void annotationsAndFeaturesStillDecide() throws Exception {
        Formatted formatted = new Formatted(OffsetDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.ofHours(1)));
        String json = PLAIN.writeValueAsString(formatted);
        assertThat(json).contains("2026/01/02 03:04 +01:00");
        assertThat(Json.mapper().writeValueAsString(formatted)).isEqualTo(json);
        assertThat(Json.mapper().readValue(json, Formatted.class)).isEqualTo(PLAIN.readValue(json, Formatted.class));

        OffsetDateTime value = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.ofHours(1));
        ObjectMapper timestamps = Json.mapper().copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertThat(timestamps.writeValueAsString(value))
                .isEqualTo(PLAIN.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(value));
        ObjectMapper zoned = Json.mapper().copy().setTimeZone(TimeZone.getTimeZone("America/New_York"));
        assertThat(zoned.writeValueAsString(value))
                .isEqualTo(PLAIN.copy().setTimeZone(TimeZone.getTimeZone("America/New_York")).writeValueAsString(value))
                .contains("-05:00");
        ObjectMapper adjusting = Json.mapper().copy().enable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        String text = "\"2026-01-02T03:04:05.6+01:00\"";
        assertThat(adjusting.readValue(text, OffsetDateTime.class))
                .isEqualTo(PLAIN.copy().enable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                        .readValue(text, OffsetDateTime.class))
                .hasToString("2026-01-02T02:04:05.600Z");
    }

    private static Object propertySerializer(Class<?> type, String property) throws Exception {
        var serializer = Json.mapper().getSerializerProviderInstance().findValueSerializer(type);
        for (var it = serializer.properties(); it.hasNext(); ) {
            if (it.next() instanceof BeanPropertyWriter writer && writer.getName().equals(property)) {
                return writer.getSerializer();
            }
        }
        throw new AssertionError("no property " + property + " on " + type);
    }

    private static void assertSameOutcome(String json) throws Exception {
        OffsetDateTime expected;
        try {
            expected = PLAIN.readValue(json, OffsetDateTime.class);
        } catch (JsonProcessingException e) {
            assertThatThrownBy(() -> Json.mapper().readValue(json, OffsetDateTime.class)).as(json)
                    .isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            return;
        }
        assertThat(Json.mapper().readValue(json, OffsetDateTime.class)).as(json).isEqualTo(expected);
    }
}
