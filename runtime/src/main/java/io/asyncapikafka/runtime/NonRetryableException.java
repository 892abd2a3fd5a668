package io.asyncapikafka.runtime;

/**
 * Thrown by a handler when retrying cannot help (the event can never be processed): the record goes straight to the
 * dead-letter topic with reason {@code NON_RETRYABLE}. The same happens for exception types configured as
 * non-retryable on the consumer, also when found in the cause chain.
 */
public class NonRetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
