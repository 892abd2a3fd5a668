package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.NonRetryableException;

/** A second event for a business key that was already processed; dead-lettered with reason DUPLICATE_KEY. */
public final class DuplicateKeyException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message) {
        super(message);
    }
}
