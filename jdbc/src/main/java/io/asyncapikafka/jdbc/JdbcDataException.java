package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.NonRetryableException;

/**
 * A dedup-table statement the database refused for the value itself (SQLSTATE class 22, a data exception: an event
 * id or business key longer than its column, say). Retrying cannot help, so the runtime dead-letters the record
 * ({@code NON_RETRYABLE}, this message in its headers) instead of waiting on its partition forever; the fix is a
 * wider column (see the DDL) or shorter ids.
 */
public final class JdbcDataException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    JdbcDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
