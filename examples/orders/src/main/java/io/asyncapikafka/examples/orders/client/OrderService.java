package io.asyncapikafka.examples.orders.client;

import io.asyncapikafka.examples.orders.client.kafka.OrdersV1Producer;
import io.asyncapikafka.examples.orders.client.model.OrderCreated;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The order service's code: places orders and announces them on {@code orders.v1} through the generated
 * {@link OrdersV1Producer}. The producer validates the payload against the contract before anything is sent, and
 * sends the payload's {@code eventId} as {@code ce_id}.
 */
public final class OrderService {

    private final OrdersV1Producer orders;
    private final Clock clock;

    public OrderService(OrdersV1Producer orders, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An {@code OrderCreated} event with a new event id, for {@code items} of the given prices (quantity 1 each). */
    public OrderCreated newOrder(String orderId, String customerId, BigDecimal total, List<OrderCreatedItem> items) {
        return OrderCreated.builder()
                .eventId(UUID.randomUUID())
                .occurredAt(OffsetDateTime.now(clock))
                .orderId(orderId)
                .customerId(customerId)
                .total(total)
                .items(items)
                .build();
    }

    /**
     * Publishes the event. Calling it again with the same event (a producer-side retry after a timeout, say) sends the
     * same {@code ce_id}, which consumers deduplicate.
     *
     * @throws io.asyncapikafka.runtime.ContractViolationException at once, before sending, when the event breaks the
     *     contract (e.g. a negative total)
     */
    public CompletableFuture<RecordMetadata> publish(OrderCreated event) {
        return orders.publishOrderCreated(event);
    }
}
