package io.asyncapikafka.runtime;

/**
 * A payload's schema cannot be fetched right now (the schema registry is down or answers 5xx): the record is fine,
 * the outage is not its fault. The consumer tries the record again with backoff and never dead-letters it for this;
 * the producer's send fails with it.
 */
public class SchemaUnavailableException extends RuntimeException {

    public SchemaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
