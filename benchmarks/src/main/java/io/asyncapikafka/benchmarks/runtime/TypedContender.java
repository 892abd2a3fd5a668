package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.order.kafka.BenchOrdersV1Producer;
import io.asyncapikafka.benchmarks.order.kafka.ReceiveOrderPlacedConsumer;
import io.asyncapikafka.benchmarks.order.kafka.ReceiveOrderPlacedHandler;
import io.asyncapikafka.benchmarks.order.kafka.Topics;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedHeaders;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.consumer.ProcessedEventStore;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The same workload through the code generated from {@code order-placed.asyncapi.yaml} on the runtime: the
 * {@link BenchOrdersV1Producer} facade over a {@link KafkaTypedProducer} (validation, JSON, CloudEvents headers,
 * acks=all, idempotence) and the {@code ReceiveOrderPlacedHandler} registered with
 * {@link ReceiveOrderPlacedConsumer#runner} on a {@link ConsumerRunner} (dispatch on {@code ce_type}, JSON, validation,
 * in-memory deduplication by event id, manual commits of finished offsets), the runner's defaults unless a setting is
 * given. Only the topic and group differ from the generated ones: every run uses fresh topics.
 */
final class TypedContender implements Contender {

    /** The runtime's (non-API) switch of the hand-off bound; see {@link #handOffRecords(int)}. */
    static final String HAND_OFF_PROPERTY = "asyncapikafka.consumer.handOffRecords";

    private final KafkaClientConfig config;
    private final Workload workload;
    private TypedProducer producer;
    /** The kafka-clients producer under {@link #producer}, for its metrics. */
    private volatile org.apache.kafka.clients.producer.Producer<?, ?> client;
    private final String bootstrap;
    private int concurrency = 1;
    private Integer handOffRecords;
    private boolean ceTime;
    /** Extra producer properties of this contender (an experiment row), none by default. */
    private final Map<String, Object> producerProperties = new java.util.LinkedHashMap<>();
    /** Extra consumer properties of this contender (an experiment row), none by default. */
    private final Map<String, Object> consumerProperties = new java.util.LinkedHashMap<>();
    private final Duration pollTimeout;
    private final Duration commitInterval;
    private final String label;
    private final Dedup dedup;
    /** Distinguishes event ids of different produce calls, so deduplication never skips a benchmark record. */
    private final AtomicLong batch = new AtomicLong(System.nanoTime());

    /**
     * @param pollTimeout the runner's poll timeout, {@code null} for its default
     * @param commitInterval the runner's commit interval, {@code null} for its default
     */
    TypedContender(String bootstrap, Workload workload, Duration pollTimeout, Duration commitInterval, String label) {
        this(bootstrap, workload, pollTimeout, commitInterval, label, Dedup.IN_MEMORY);
    }

    /** As above, with the event-id dedup (and handler wrapping) of {@code dedup}. */
    TypedContender(String bootstrap, Workload workload, Duration pollTimeout, Duration commitInterval, String label,
            Dedup dedup) {
        this.dedup = dedup;
        this.config = KafkaClientConfig.of(bootstrap);
        this.bootstrap = bootstrap;
        this.workload = workload;
        this.pollTimeout = pollTimeout;
        this.commitInterval = commitInterval;
        this.label = label;
    }

    /** The runner's {@code concurrency(n)}. */
    TypedContender concurrency(int threads) {
        this.concurrency = threads;
        return this;
    }

    /**
     * The consumer threads' hand-off bound in records (the runtime's {@code asyncapikafka.consumer.handOffRecords});
     * {@code 1} runs the former protocol, which paused a partition as soon as one batch waited behind the running one.
     */
    TypedContender handOffRecords(int records) {
        this.handOffRecords = records;
        return this;
    }

    /** Whether the producer stamps {@code ce_time} (off by default, as in the runtime). */
    TypedContender ceTime(boolean stamp) {
        this.ceTime = stamp;
        return this;
    }

    /** A producer property on top of the runtime's defaults (for an experiment row). */
    TypedContender producerProperty(String name, Object value) {
        producerProperties.put(name, value);
        return this;
    }

    /** A consumer property on top of the runner's defaults (for an experiment row). */
    TypedContender consumerProperty(String name, Object value) {
        consumerProperties.put(name, value);
        return this;
    }

    /** This contender with another workload (payload size), the same settings otherwise. */
    TypedContender with(Workload other, String name) {
        TypedContender c = new TypedContender(bootstrap, other, pollTimeout, commitInterval, name, dedup);
        c.concurrency = concurrency;
        c.handOffRecords = handOffRecords;
        c.ceTime = ceTime;
        c.producerProperties.putAll(producerProperties);
        c.consumerProperties.putAll(consumerProperties);
        return c;
    }

    private TypedProducer producer() {
        if (producer == null) {
            KafkaTypedProducer.Builder b = KafkaTypedProducer.builder(config).source("urn:asyncapi-kafka:benchmark")
                    .cloudEventsTime(ceTime);
            producerProperties.forEach(b::property);
            b.clientListener(new io.asyncapikafka.runtime.KafkaClientListener() {
                @Override
                public void producerCreated(String clientId, org.apache.kafka.clients.producer.Producer<?, ?> p) {
                    client = p;
                }
            });
            producer = b.build();
        }
        return producer;
    }

    /**
     * A producer-level metric of this contender's producer ({@code producer-metrics} group, e.g.
     * {@code compression-rate-avg}: compressed over uncompressed batch size), NaN before its first send.
     */
    double producerMetric(String name) {
        org.apache.kafka.clients.producer.Producer<?, ?> p = client;
        if (p == null) {
            return Double.NaN;
        }
        for (var e : p.metrics().entrySet()) {
            if (e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name)) {
                Object v = e.getValue().metricValue();
                return v instanceof Number n ? n.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The producer's {@code compression.type}: the experiment's, else the runtime's default. */
    String compression() {
        Object c = producerProperties.get(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG);
        return c != null ? c.toString() : KafkaTypedProducer.DEFAULT_COMPRESSION;
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
        BenchOrdersV1Producer orders = new BenchOrdersV1Producer(new ToTopic(producer(), topic));
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Contender.pace(start, i, ratePerSecond);
            OrderPlaced order = Workload.withEventId(workload.order(i), new UUID(salt, i));
            orders.sendOrderPlaced(order.orderId(), order,
                    new OrderPlacedHeaders(System.nanoTime(), Workload.TENANT)).whenComplete((md, e) -> {
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
        ConsumerRunner.Builder builder = ReceiveOrderPlacedConsumer
                .runner(config, dedup.wrap(m -> sink.handled(m.headers().sentAt())))
                .groupId(group)
                .topics(topic)
                .processedEventStore(dedup.eventStore())
                .deadLetterTopic(topic + ".dlq")
                .consumerProperty(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CountingInterceptor.class.getName());
        consumerProperties.forEach(builder::consumerProperty);
        if (pollTimeout != null) {
            builder.pollTimeout(pollTimeout);
        }
        if (commitInterval != null) {
            builder.commitInterval(commitInterval);
        }
        builder.concurrency(concurrency);
        ConsumerRunner runner;
        if (handOffRecords == null) {
            runner = builder.build().start();
        } else {
            // read once per consumer thread as the runner starts them
            System.setProperty(HAND_OFF_PROPERTY, Integer.toString(handOffRecords));
            try {
                runner = builder.build().start();
            } finally {
                System.clearProperty(HAND_OFF_PROPERTY);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (runner.assignment().size() < partitions) {
            if (System.nanoTime() > deadline || runner.failure().isPresent()) {
                runner.close();
                throw new IllegalStateException("typed consumer was not assigned " + partitions
                        + " partitions in 60 s", runner.failure().orElse(null));
            }
            Thread.sleep(5);
        }
        if (concurrency > 1) {
            awaitEveryMember(group, concurrency, deadline, runner);
        }
        return () -> {
            runner.close();
            if (runner.failure().isPresent()) {
                throw new IllegalStateException("typed consumer failed", runner.failure().get());
            }
        };
    }

    /**
     * With several consumer threads the first may hold every partition until the others' join rebalances the group
     * (seconds later, at its next heartbeat): wait until the group is stable with every thread holding partitions, so
     * the run does not pay for that rebalance.
     */
    private void awaitEveryMember(String group, int members, long deadline, ConsumerRunner runner) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                if (d.groupState() == GroupState.STABLE && d.members().size() == members
                        && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    runner.close();
                    throw new IllegalStateException("typed consumer group " + group + " not stable with " + members
                            + " members in 60 s: " + d);
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** How the consumer deduplicates: the runtime's event-id store, and what wraps the handler. */
    interface Dedup {
        /** The runner's defaults: the in-memory store, the handler as is. */
        Dedup IN_MEMORY = new Dedup() {
            @Override
            public ProcessedEventStore eventStore() {
                return InMemoryProcessedEventStore.create();
            }
        };

        ProcessedEventStore eventStore();

        default ReceiveOrderPlacedHandler wrap(ReceiveOrderPlacedHandler handler) {
            return handler;
        }
    }

    /**
     * Hands the generated facade's sends, addressed to the channel's topic {@code bench.orders.v1}, to this run's
     * fresh topic; everything else is the wrapped producer's. One extra call per send, nothing more.
     */
    private record ToTopic(TypedProducer delegate, String topic) implements TypedProducer {
        @Override
        public <K, V, H> CompletableFuture<RecordMetadata> send(String channelTopic, MessageType<K, V, H> type, K key,
                V payload, H headers) {
            if (!Topics.BENCH_ORDERS_V1.name().equals(channelTopic)) {
                throw new IllegalArgumentException("unexpected topic " + channelTopic);
            }
            return delegate.send(topic, type, key, payload, headers);
        }

        @Override
        public void runInTransaction(Runnable work) {
            delegate.runInTransaction(work);
        }

        @Override
        public void close(Duration timeout) {
            // the contender owns the wrapped producer and closes it once, after all runs
        }
    }
}
