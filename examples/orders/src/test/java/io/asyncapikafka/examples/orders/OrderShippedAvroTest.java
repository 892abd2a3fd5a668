package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderShippedConsumer;
import io.asyncapikafka.examples.orders.client.kafka.InMemoryOrdersShippedV1Producer;
import io.asyncapikafka.examples.orders.client.model.Carrier;
import io.asyncapikafka.examples.orders.client.model.OrderShipped;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The contract's one Avro channel (orders.shipped.v1, schema in order-shipped.avsc) beside the JSON ones: the order
 * service's generated producer writes Avro single-object encoding with content-type application/vnd.apache.avro, and
 * billing's generated handler gets the typed record back. No broker (the avro module's tests cover the broker).
 */
class OrderShippedAvroTest {

    @Test
    void theAvroChannelSendsAvroAndTheHandlerGetsTheTypedRecord() {
        InMemoryOrdersShippedV1Producer orders = InMemoryOrdersShippedV1Producer.create();
        OrderShipped shipped = OrderShipped.builder().orderId("o-1")
                .shippedAt(OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 0, ZoneOffset.UTC)).carrier(Carrier.DHL)
                .trackingCode("JJD000390007").build();
        assertThat(shipped.validate()).isEmpty();
        orders.producer().publishOrderShipped(shipped).join();

        ProducerRecord<byte[], byte[]> r = orders.records().sent().get(0);
        assertThat(r.topic()).isEqualTo("orders.shipped.v1");
        assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/vnd.apache.avro");
        assertThat(r.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(r.value()[1]).isEqualTo((byte) 0x01);
        assertThat(orders.sentOrderShipped()).extracting(m -> m.payload()).containsExactly(shipped);

        List<String> seen = new CopyOnWriteArrayList<>();
        HandlerDriver billing = PublishOrderShippedConsumer.testDriver(m -> seen.add(m.payload().orderId() + " "
                + m.payload().carrier() + " " + m.payload().shippedAt())).build();
        assertThat(billing.deliver(r).status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(seen).containsExactly("o-1 DHL 2026-03-01T09:30Z");
    }
}
