package io.asyncapikafka.examples.orders.billing;

/**
 * The payment gateway did not answer in time. Transient by nature, so it is an ordinary (retryable) exception: the
 * runtime retries the record in place, then through the retry topic, and dead-letters it only when every attempt fails.
 */
public final class PaymentGatewayTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    public PaymentGatewayTimeoutException(String message) {
        super(message);
    }
}
