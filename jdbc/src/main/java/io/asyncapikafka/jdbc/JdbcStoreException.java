package io.asyncapikafka.jdbc;

/**
 * A dedup-table statement failed (database down, timeout, an integrity violation other than a unique key). The
 * runtime treats it as a store failure: counted, retried with back-off, never a skip (see the runtime's Dedup SPI).
 */
public final class JdbcStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
