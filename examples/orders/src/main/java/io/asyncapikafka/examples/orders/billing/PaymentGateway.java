package io.asyncapikafka.examples.orders.billing;

import java.math.BigDecimal;

/** Charges a customer; the billing side's only dependency besides Kafka. */
@FunctionalInterface
public interface PaymentGateway {

    /**
     * Charges {@code amount} to {@code customerId}.
     *
     * @throws PaymentGatewayTimeoutException when the gateway does not answer in time (worth retrying)
     */
    void charge(String customerId, BigDecimal amount) throws PaymentGatewayTimeoutException;
}
