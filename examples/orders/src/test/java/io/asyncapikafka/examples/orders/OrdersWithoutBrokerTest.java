package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.examples.orders.billing.BillingHandler;
import io.asyncapikafka.examples.orders.billing.PaymentGatewayTimeoutException;
import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.kafka.InMemoryOrdersV1Producer;
import io.asyncapikafka.examples.orders.client.model.OrderCreated;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The order service and billing wired through the generated test doubles: what the client-role producer puts on the
 * wire is delivered to the application-role handler by the generated test driver. No broker.
 */
class OrdersWithoutBrokerTest {

    private final InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
    private final OrderService service =
            new OrderService(orders.producer(), Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC));
    private final BillingHandler billing = new BillingHandler((customer, amount) -> {
        if (customer.equals("c-offline")) {
            throw new PaymentGatewayTimeoutException("gateway timed out for " + customer);
        }
    });
    private final HandlerDriver driver =
            PublishOrderCreatedConsumer.testDriver(billing).retryPolicy(OrdersStory.DEMO_RETRIES).build();

    private OrderCreated order(String id, String customer, String total) {
        return service.newOrder(id, customer, new BigDecimal(total),
                List.of(new OrderCreatedItem("sku-1", 1, new BigDecimal(total).abs())));
    }

    private ProducerRecord<byte[], byte[]> publish(OrderCreated order) {
        service.publish(order).join();
        List<ProducerRecord<byte[], byte[]>> sent = orders.records().sent();
        return sent.get(sent.size() - 1);
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anOrderIsPublishedWithItsEventIdAndCharged() {
        OrderCreated order = order("o-1", "c-ana", "25.00");
        ProducerRecord<byte[], byte[]> record = publish(order);

        assertThat(record.topic()).isEqualTo("orders.v1");
        assertThat(header(record, "ce_id")).isEqualTo(order.eventId().toString());
        assertThat(header(record, "ce_type")).isEqualTo("OrderCreated");
        HandlerDriver.Result result = driver.deliver(record);
        assertThat(result.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(billing.charges()).singleElement().satisfies(c -> {
            assertThat(c.orderId()).isEqualTo("o-1");
            assertThat(c.total()).isEqualByComparingTo("25.00");
        });
    }

    @Test
    void publishingTheSameEventTwiceChargesOnce() {
        OrderCreated order = order("o-1", "c-ana", "25.00");
        ProducerRecord<byte[], byte[]> first = publish(order);
        ProducerRecord<byte[], byte[]> again = publish(order);

        assertThat(driver.deliver(first).status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(driver.deliver(again).status()).isEqualTo(HandlerDriver.Status.DUPLICATE);
        // A new event for the same order is a different event: not a technical duplicate.
        assertThat(driver.deliver(publish(order("o-1", "c-ana", "25.00"))).status())
                .isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(billing.charges()).hasSize(2);
    }

    @Test
    void aPaymentThatKeepsTimingOutGoesThroughTheRetryTopicToTheDlq() {
        ProducerRecord<byte[], byte[]> record = publish(order("o-9", "c-offline", "40.00"));

        HandlerDriver.Result first = driver.deliver(record);
        assertThat(first.status()).isEqualTo(HandlerDriver.Status.SENT_TO_RETRY_TOPIC);
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(first.forwarded().topic()).isEqualTo("orders.retry.v1");

        HandlerDriver.Result last = driver.deliver(first.forwarded());
        assertThat(last.status()).isEqualTo(HandlerDriver.Status.DEAD_LETTERED);
        assertThat(last.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        ProducerRecord<byte[], byte[]> dead = last.forwarded();
        assertThat(dead.topic()).isEqualTo("orders.dlq.v1");
        assertThat(header(dead, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("orders.v1");
        assertThat(header(dead, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(dead, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo("orders-eda.orders.v1");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS)).isEqualTo(PaymentGatewayTimeoutException.class.getName());
        assertThat(dead.value()).isEqualTo(record.value());
        assertThat(billing.failures()).extracting(f -> f.topic() + "#" + f.attempt())
                .containsExactly("orders.v1#1", "orders.v1#2", "orders.retry.v1#3", "orders.retry.v1#4");
        assertThat(billing.charges()).isEmpty();
    }

    @Test
    void aNegativeTotalIsRejectedBeforeSending() {
        assertThatThrownBy(() -> service.publish(order("o-5", "c-eve", "-5.00")))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("$.total");
        assertThat(orders.records().sent()).isEmpty();
    }
}
