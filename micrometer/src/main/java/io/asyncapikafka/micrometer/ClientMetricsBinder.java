package io.asyncapikafka.micrometer;

import io.asyncapikafka.runtime.KafkaClientListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Binds {@link KafkaClientMetrics} to every client it hears of and closes the binding (which removes its meters) when
 * the client closes. KafkaClientMetrics only reads the client's {@code metrics()}, which is thread-safe.
 */
final class ClientMetricsBinder implements KafkaClientListener {

    private final MeterRegistry registry;
    private final Map<Object, KafkaClientMetrics> bound = new IdentityHashMap<>();

    ClientMetricsBinder(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void producerCreated(String clientId, Producer<?, ?> producer) {
        bind(producer, new KafkaClientMetrics(producer));
    }

    @Override
    public void producerClosed(String clientId, Producer<?, ?> producer) {
        unbind(producer);
    }

    @Override
    public void consumerCreated(String clientId, Consumer<?, ?> consumer) {
        bind(consumer, new KafkaClientMetrics(consumer));
    }

    @Override
    public void consumerClosed(String clientId, Consumer<?, ?> consumer) {
        unbind(consumer);
    }

    private synchronized void bind(Object client, KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        KafkaClientMetrics previous = bound.put(client, metrics);
        if (previous != null) {
            previous.close();
        }
    }

    private synchronized void unbind(Object client) {
        KafkaClientMetrics metrics = bound.remove(client);
        if (metrics != null) {
            metrics.close();
        }
    }

    /** How many clients are bound now. */
    synchronized int boundClients() {
        return bound.size();
    }
}
