package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The one-pass header reading and byte-wise dispatch of {@link RecordProcessor}. */
class RuntimeHeadersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(RecordHeaders headers) {
        return new ConsumerRecord<>("t", 0, 0, 0, TimestampType.CREATE_TIME, 0, 0, null, null, headers,
                Optional.empty());
    }

    @Test
    void findsEachHeaderAndTheLastValueWins() {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.TYPE, utf8("First"));
        h.add(CloudEventHeaders.ID, utf8("id-1"));
        h.add("tenant", utf8("acme"));
        h.add(CloudEventHeaders.TYPE, utf8("Second"));
        h.add(CloudEventHeaders.TRACEPARENT, utf8("00-abc-def-01"));
        h.add(RetryHeaders.DUE_AT, utf8("123"));
        h.add(RetryHeaders.ATTEMPTS, utf8("4"));
        h.add(RetryHeaders.COUNT, utf8("2"));
        h.add(CloudEventHeaders.ID, null); // a later null value means absent, as with HeaderValues.getOrNull

        RecordProcessor.RuntimeHeaders seen = RecordProcessor.RuntimeHeaders.of(record(h));
        assertThat(seen.type).asString(StandardCharsets.UTF_8).isEqualTo("Second");
        assertThat(seen.id).isNull();
        assertThat(seen.traceparent).asString(StandardCharsets.UTF_8).isEqualTo("00-abc-def-01");
        assertThat(seen.dueAt).asString(StandardCharsets.UTF_8).isEqualTo("123");
        assertThat(seen.attempts).asString(StandardCharsets.UTF_8).isEqualTo("4");
    }

    /**
     * A fetched record's header copies its value out of the fetch buffer on the first {@code value()} call: the pass
     * must not make that copy for headers it does not read (issue 13: three or more of them on every record).
     */
    @Test
    void readsTheValueOfNoHeaderItDoesNotNeed() {
        List<String> read = new ArrayList<>();
        RecordHeaders h = new RecordHeaders();
        for (String name : List.of(CloudEventHeaders.TYPE, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE, "tenant", "sentAt")) {
            h.add(new Header() {
                @Override
                public String key() {
                    return name;
                }

                @Override
                public byte[] value() {
                    read.add(name);
                    return utf8("v");
                }
            });
        }
        RecordProcessor.RuntimeHeaders seen = RecordProcessor.RuntimeHeaders.of(record(h));
        assertThat(seen.type).asString(StandardCharsets.UTF_8).isEqualTo("v");
        assertThat(read).containsExactly(CloudEventHeaders.TYPE, CloudEventHeaders.ID);
    }

    @Test
    void recordsWithoutRuntimeHeadersLeaveEverythingAbsent() {
        RecordHeaders h = new RecordHeaders();
        h.add("tenant", utf8("acme"));
        h.add("ce_source", utf8("urn:x"));
        RecordProcessor.RuntimeHeaders seen = RecordProcessor.RuntimeHeaders.of(record(h));
        assertThat(seen.type).isNull();
        assertThat(seen.id).isNull();
        assertThat(seen.traceparent).isNull();
        assertThat(seen.dueAt).isNull();
        assertThat(seen.attempts).isNull();
    }

    @Test
    void dispatchByBytesMatchesDispatchByName() {
        Map<String, HandlerRegistry.Registration<?, ?, ?>> byName = new LinkedHashMap<>();
        HandlerRegistry.add(byName, OrderEvent.TYPE, m -> {});
        MessageType<Void, OrderEvent, Void> other = MessageType.of("Ünïcode", OrderEvent.class);
        HandlerRegistry.add(byName, other, m -> {});
        HandlerRegistry registry = HandlerRegistry.of(byName);

        assertThat(registry.resolve(utf8("OrderCreated"))).isSameAs(registry.resolve("OrderCreated")).isNotNull();
        assertThat(registry.resolve(utf8("Ünïcode")).type()).isSameAs(other);
        assertThat(registry.resolve(utf8("OrderCreate"))).isNull();
        assertThat(registry.resolve((byte[]) null)).as("no ce_type with two types registered").isNull();
    }
}
