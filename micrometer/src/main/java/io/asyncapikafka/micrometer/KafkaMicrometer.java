package io.asyncapikafka.micrometer;

import io.asyncapikafka.runtime.KafkaClientListener;
import io.asyncapikafka.runtime.consumer.ConsumerMetrics;
import io.asyncapikafka.runtime.producer.ProducerObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Micrometer meters for the runtime, all in one {@link MeterRegistry}:
 *
 * <pre>{@code
 * KafkaMicrometer meters = KafkaMicrometer.of(registry);
 * kafka.customizeProducer(b -> b.observer(meters.producerObserver()).clientListener(meters.clientListener()));
 * kafka.customizeConsumers(b -> b.metrics(meters.consumerMetrics("billing")).clientListener(meters.clientListener()));
 * }</pre>
 *
 * The meter names and tags are listed in {@link KafkaMeterNames} and the module README.
 */
public final class KafkaMicrometer {

    private final MeterRegistry registry;
    private final ClientMetricsBinder clients;

    private KafkaMicrometer(MeterRegistry registry) {
        this.registry = registry;
        this.clients = new ClientMetricsBinder(registry);
    }

    /** Meters registered in {@code registry}. */
    public static KafkaMicrometer of(MeterRegistry registry) {
        return new KafkaMicrometer(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * The consumer counters, the handler timer and the lag gauges of consumer group {@code group} (the group is a tag;
     * give each runner its own group's metrics).
     */
    public ConsumerMetrics consumerMetrics(String group) {
        return new MicrometerConsumerMetrics(registry, Objects.requireNonNull(group, "group"));
    }

    /** The send timer and the contract-rejection counter of a producer. */
    public ProducerObserver producerObserver() {
        return new MicrometerProducerObserver(registry);
    }

    /**
     * Binds Micrometer's {@code KafkaClientMetrics} (every kafka-clients metric, {@code records-lag} included, as
     * {@code kafka.consumer.*} / {@code kafka.producer.*}) to each client the runtime creates, and unbinds it when the
     * client closes. One listener serves every producer and runner.
     */
    public KafkaClientListener clientListener() {
        return clients;
    }
}
