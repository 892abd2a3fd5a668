package io.asyncapikafka.runtime.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class OutgoingRecordsTest {

    @Test
    void ceTimeIsTheClocksInstantInIso8601WithMilliseconds() {
        for (String at : List.of("2024-05-01T12:00:00.123Z", "2024-05-01T12:00:00.000Z", "2024-05-01T12:00:00.007Z",
                "1969-12-31T23:59:59.999Z", "2024-12-31T23:59:59.990Z")) {
            OutgoingRecords records =
                    OutgoingRecords.create("urn:t", Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).withTime(true);
            Headers h = records.encode("t", OrderEvent.TYPE, "k", OrderEvent.of("e"), null).headers();
            assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.TIME)).isEqualTo(at);
        }
    }

    @Test
    void ceTypeIsEachRecordsOwnWhenTypesAlternate() {
        OutgoingRecords records = OutgoingRecords.create("urn:t");
        MessageType<String, OrderEvent, Void> other =
                MessageType.of("OrderShipped", OrderEvent.class, KeyCodec.string(), HeadersCodec.none());
        for (MessageType<String, OrderEvent, Void> type : List.of(OrderEvent.TYPE, other, other, OrderEvent.TYPE)) {
            Headers h = records.encode("t", type, "k", OrderEvent.of("e"), null).headers();
            assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.TYPE)).isEqualTo(type.name());
        }
    }

    @Test
    void theCachedSecondIsNotReusedForAnotherSecond() {
        OutgoingRecords records = OutgoingRecords.create("urn:t");
        long base = Instant.parse("2024-05-01T12:00:59.999Z").toEpochMilli();
        assertThat(text(records.time(base))).isEqualTo("2024-05-01T12:00:59.999Z");
        assertThat(text(records.time(base + 1))).isEqualTo("2024-05-01T12:01:00.000Z");
        assertThat(text(records.time(base))).isEqualTo("2024-05-01T12:00:59.999Z");
    }

    @Test
    void ceTimeIsOffByDefaultAndEverythingElseStays() {
        for (OutgoingRecords records : List.of(OutgoingRecords.create("urn:t"),
                OutgoingRecords.create("urn:t").withTime(true).withTime(false))) {
            Headers h = records.encode("t", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).headers();
            assertThat(h.lastHeader(CloudEventHeaders.TIME)).isNull();
            assertThat(names(h)).containsExactly(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
                    CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE);
            assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.ID)).isEqualTo("e1");
        }
    }

    @Test
    void ceTimeIsStampedWhenTurnedOn() {
        Headers h = OutgoingRecords.create("urn:t").withTime(true)
                .encode("t", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null).headers();
        assertThat(names(h)).containsExactly(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE);
        assertThat(Instant.parse(HeaderValues.getOrNull(h, CloudEventHeaders.TIME)))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void declaredHeadersNamedLikeOursAreReplacedNotStacked() {
        HeadersCodec<String> codec = new HeadersCodec<>() {
            @Override
            public void write(String value, Headers target) {
                HeaderValues.set(target, "tenant", value);
                HeaderValues.set(target, CloudEventHeaders.ID, "id-from-header");
                HeaderValues.set(target, CloudEventHeaders.TYPE, "spoofed");
                HeaderValues.set(target, CloudEventHeaders.TIME, "yesterday");
            }

            @Override
            public String read(Headers source) {
                return HeaderValues.getOrNull(source, "tenant");
            }
        };
        MessageType<Void, OrderEvent, String> type =
                MessageType.of("Tenanted", OrderEvent.class, KeyCodec.none(), codec);
        Headers h = OutgoingRecords.create("urn:t").withTime(true)
                .encode("t", type, null, OrderEvent.of("x"), "acme").headers();
        List<String> names = names(h);
        assertThat(names).containsExactlyInAnyOrder("tenant", CloudEventHeaders.ID, CloudEventHeaders.TYPE,
                CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME,
                CloudEventHeaders.CONTENT_TYPE);
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.ID)).as("event id from the header")
                .isEqualTo("id-from-header");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.TYPE)).isEqualTo("Tenanted");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.TIME)).isNotEqualTo("yesterday");
        assertThat(HeaderValues.getOrNull(h, "tenant")).isEqualTo("acme");

        // without ce_time, a declared ce_time is not left behind as if it were ours
        Headers plain = OutgoingRecords.create("urn:t").encode("t", type, null, OrderEvent.of("x"), "acme").headers();
        assertThat(plain.lastHeader(CloudEventHeaders.TIME)).isNull();
        assertThat(HeaderValues.getOrNull(plain, CloudEventHeaders.TYPE)).isEqualTo("Tenanted");
    }

    private static List<String> names(Headers headers) {
        List<String> names = new ArrayList<>();
        for (Header header : headers) {
            names.add(header.key());
        }
        return names;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
