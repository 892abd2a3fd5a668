package io.asyncapikafka.runtime;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Hears of the kafka-clients objects the runtime creates and closes, so that a metrics library can bind their client
 * metrics (Micrometer's {@code KafkaClientMetrics} needs the {@link Producer} or {@link Consumer} itself). Called on
 * the thread that creates or closes the client. A listener must not use a consumer it is given: a
 * {@code KafkaConsumer} belongs to its poll thread; reading {@code metrics()} is the safe use. Every method has a no-op
 * default.
 */
public interface KafkaClientListener {

    /** A producer was created; {@code clientId} is its {@code client.id}. */
    default void producerCreated(String clientId, Producer<?, ?> producer) {}

    /** The producer is being closed; drop what refers to it. */
    default void producerClosed(String clientId, Producer<?, ?> producer) {}

    /** A consumer was created; {@code clientId} is its {@code client.id}. */
    default void consumerCreated(String clientId, Consumer<?, ?> consumer) {}

    /** The consumer was closed; drop what refers to it. */
    default void consumerClosed(String clientId, Consumer<?, ?> consumer) {}

    /** Runs one notification; a listener that throws is logged and ignored, so it cannot break a client's life cycle. */
    static void notify(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(KafkaClientListener.class).warn("client listener threw on {}; ignored: {}",
                    what, e.toString());
        }
    }

    /** The listener that does nothing. */
    static KafkaClientListener noop() {
        return new KafkaClientListener() {};
    }
}
