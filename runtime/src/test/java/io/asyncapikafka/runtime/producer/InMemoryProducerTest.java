package io.asyncapikafka.runtime.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.OrderEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InMemoryProducerTest {

    @Test
    void writesCloudEventsHeadersJsonValueAndKey() {
        InMemoryProducer producer = InMemoryProducer.create("urn:test:orders");
        producer.sendAndWait("orders", OrderEvent.TYPE, "key-1", OrderEvent.of("e1"), null);

        var record = producer.sent().get(0);
        assertThat(record.topic()).isEqualTo("orders");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("key-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"e1\",\"ref\":\"ref-e1\",\"qty\":1}");
        var h = record.headers();
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.ID)).isEqualTo("e1");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.TYPE)).isEqualTo("OrderCreated");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.SOURCE)).isEqualTo("urn:test:orders");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(HeaderValues.getOrNull(h, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(h.lastHeader(CloudEventHeaders.TRACEPARENT)).isNull();
        assertThat(producer.sent(OrderEvent.TYPE)).containsExactly(new Message<>("key-1", OrderEvent.of("e1"), null));
    }

    @Test
    void withoutAnEventIdEachRecordGetsAFreshUuid() {
        InMemoryProducer producer = InMemoryProducer.create();
        var type = io.asyncapikafka.runtime.MessageType.of("Plain", OrderEvent.class);
        producer.send("t", type, null, OrderEvent.of("x"), null);
        producer.send("t", type, null, OrderEvent.of("x"), null);
        String a = HeaderValues.getOrNull(producer.sent().get(0).headers(), CloudEventHeaders.ID);
        String b = HeaderValues.getOrNull(producer.sent().get(1).headers(), CloudEventHeaders.ID);
        assertThat(java.util.UUID.fromString(a)).isNotEqualTo(java.util.UUID.fromString(b));
    }

    @Test
    void invalidPayloadIsRejectedBeforeAnythingIsSent() {
        InMemoryProducer producer = InMemoryProducer.create();
        assertThatThrownBy(() -> producer.send("orders", OrderEvent.TYPE, "k", new OrderEvent("e1", "r", -1), null))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("$.qty");
        assertThat(producer.sent()).isEmpty();
    }

    @Test
    void abortedTransactionSendsNothing() {
        InMemoryProducer producer = InMemoryProducer.create();
        assertThatThrownBy(() -> producer.runInTransaction(() -> {
            producer.send("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(producer.sent()).isEmpty();
    }
}
