package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.NonRetryableException;

/** A record whose {@code ce_type} no registered handler accepts; it is dead-lettered. */
public final class UnknownMessageTypeException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    public UnknownMessageTypeException(String message) {
        super(message);
    }
}
