package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.order.OrderHeaders;
import io.asyncapikafka.benchmarks.order.OrderPlaced;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The same workload through the runtime: {@link KafkaTypedProducer} (validation, JSON, CloudEvents headers, acks=all,
 * idempotence) and {@link ConsumerRunner} (dispatch on {@code ce_type}, JSON, validation, in-memory deduplication by
 * event id, manual commits of finished offsets) with its defaults unless a setting is given.
 */
final class TypedContender implements Contender {

    private final KafkaClientConfig config;
    private final Workload workload;
    private final TypedProducer producer;
    private final Duration pollTimeout;
    private final Duration commitInterval;
    private final String label;
    /** Distinguishes event ids of different produce calls, so deduplication never skips a benchmark record. */
    private final AtomicLong batch = new AtomicLong(System.nanoTime());

    /**
     * @param pollTimeout the runner's poll timeout, {@code null} for its default
     * @param commitInterval the runner's commit interval, {@code null} for its default
     */
    TypedContender(String bootstrap, Workload workload, Duration pollTimeout, Duration commitInterval, String label) {
        this.config = KafkaClientConfig.of(bootstrap);
        this.workload = workload;
        this.producer = KafkaTypedProducer.builder(config).source("urn:asyncapi-kafka:benchmark").build();
        this.pollTimeout = pollTimeout;
        this.commitInterval = commitInterval;
        this.label = label;
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public long produce(String topic, int n, int ratePerSecond) throws Exception {
        CountDownLatch acked = new CountDownLatch(n);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long salt = batch.incrementAndGet();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Contender.pace(start, i, ratePerSecond);
            OrderPlaced order = workload.order(i).withEventId(new UUID(salt, i));
            producer.send(topic, Workload.ORDER_PLACED, order.orderId(), order,
                    new OrderHeaders(System.nanoTime(), Workload.TENANT)).whenComplete((md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                        acked.countDown();
                    });
        }
        if (!acked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("typed producer: acknowledgements missing after 5 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("typed producer: a send failed", failure.get());
        }
        return elapsed;
    }

    @Override
    public Running consume(String topic, String group, int partitions, Sink sink) throws Exception {
        ConsumerRunner.Builder builder = ConsumerRunner.builder(config)
                .groupId(group)
                .topics(topic)
                .handle(Workload.ORDER_PLACED, m -> sink.handled(m.headers().sentAt()))
                .processedEventStore(InMemoryProcessedEventStore.create())
                .deadLetterTopic(topic + ".dlq")
                .consumerProperty(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CountingInterceptor.class.getName());
        if (pollTimeout != null) {
            builder.pollTimeout(pollTimeout);
        }
        if (commitInterval != null) {
            builder.commitInterval(commitInterval);
        }
        ConsumerRunner runner = builder.build().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (runner.assignment().size() < partitions) {
            if (System.nanoTime() > deadline || runner.failure().isPresent()) {
                runner.close();
                throw new IllegalStateException("typed consumer was not assigned " + partitions
                        + " partitions in 60 s", runner.failure().orElse(null));
            }
            Thread.sleep(5);
        }
        return () -> {
            runner.close();
            if (runner.failure().isPresent()) {
                throw new IllegalStateException("typed consumer failed", runner.failure().get());
            }
        };
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
