package io.asyncapikafka.runtime;

/**
 * The database or store a handler works through cannot be reached right now (a connection refused or broken, the
 * server shutting down or starting up): the record is fine, the outage is not its fault. Thrown by a handler (the JDBC
 * inbox throws it for its database), anywhere in the cause chain of what it throws, the consumer waits the outage out
 * as it does for a failing dedup store: the record is tried again with back-off, no attempt is used up, and it is
 * never retried through the retry topic or dead-lettered for this; the failure is counted as a store failure.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
