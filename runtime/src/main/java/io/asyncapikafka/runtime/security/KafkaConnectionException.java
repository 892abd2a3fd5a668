package io.asyncapikafka.runtime.security;

import org.apache.kafka.common.KafkaException;

/**
 * A client could not connect to a Kafka server: the message names the server, says what went wrong in one sentence
 * (with what the broker answered) and which variable to set. It never contains a secret. The cause is the client's
 * own exception.
 */
public final class KafkaConnectionException extends KafkaException {

    private static final long serialVersionUID = 1L;

    KafkaConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
