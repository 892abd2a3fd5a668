package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import java.sql.Connection;

/**
 * A handler whose database work runs inside the inbox's transaction: do every write on {@code connection} and do not
 * commit, roll back or close it; the inbox commits it together with the dedup mark, or rolls both back when this
 * method throws.
 *
 * @param <K> key type
 * @param <V> payload type
 * @param <H> headers type
 */
@FunctionalInterface
public interface InboxHandler<K, V, H> {

    /** Handles {@code message}, writing through {@code connection} (a transaction in progress). */
    void handle(ReceivedMessage<K, V, H> message, Connection connection) throws Exception;
}
