package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.NonRetryableException;

/** Key, value or headers of a record could not be decoded; dead-lettered with the raw bytes. */
public final class RecordDecodingException extends NonRetryableException {

    private static final long serialVersionUID = 1L;

    public RecordDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
