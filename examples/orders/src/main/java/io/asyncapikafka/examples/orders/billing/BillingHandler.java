package io.asyncapikafka.examples.orders.billing;

import io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedHandler;
import io.asyncapikafka.examples.orders.billing.model.OrderCreated;
import io.asyncapikafka.examples.orders.billing.model.OrderCreatedHeaders;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The billing side's code: all a user writes to consume {@code orders.v1}. Decoding, validation, dedup by
 * {@code eventId}, retries, the retry topic and the dead-letter topic are the runtime's job; this class only charges.
 *
 * <p>It keeps a log of what it did so the demo (and its tests) can tell the story afterwards; handler threads write
 * it, so the lists are thread-safe.
 */
public final class BillingHandler implements PublishOrderCreatedHandler {

    /** One successful charge. */
    public record Charge(String orderId, String customerId, java.math.BigDecimal total, String topic, int attempt) {}

    /** One failed attempt. */
    public record FailedAttempt(String orderId, String topic, int attempt, String error) {}

    private final PaymentGateway gateway;
    private final List<Charge> charges = new CopyOnWriteArrayList<>();
    private final List<FailedAttempt> failures = new CopyOnWriteArrayList<>();

    public BillingHandler(PaymentGateway gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public void onOrderCreated(ReceivedMessage<Void, OrderCreated, OrderCreatedHeaders> message)
            throws PaymentGatewayTimeoutException {
        OrderCreated order = message.payload();
        try {
            gateway.charge(order.customerId(), order.total());
        } catch (PaymentGatewayTimeoutException e) {
            failures.add(new FailedAttempt(order.orderId(), message.topic(), message.attempt(), e.getMessage()));
            throw e; // let the runtime decide: retry in place, retry topic, or DLQ
        }
        charges.add(new Charge(order.orderId(), order.customerId(), order.total(), message.topic(), message.attempt()));
    }

    /** Successful charges, in the order they happened. */
    public List<Charge> charges() {
        return List.copyOf(charges);
    }

    /** Failed attempts, in the order they happened. */
    public List<FailedAttempt> failures() {
        return List.copyOf(failures);
    }
}
