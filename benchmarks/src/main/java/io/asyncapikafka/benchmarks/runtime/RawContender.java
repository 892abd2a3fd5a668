package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: plain kafka-clients with String serdes and the prebuilt JSON text (optionally also parsing it, the
 * least a real consumer does). Same durability as the runtime's
 * producer ({@code acks=all}, {@code enable.idempotence=true}, set explicitly), no validation, no deduplication, no
 * parsing; the consumer is the textbook loop: poll, handle each record, {@code commitSync()} after every non-empty
 * poll.
 */
final class RawContender implements Contender {

    private final String bootstrap;
    /** Built on the first send, so that {@link #compression} can still change its properties. */
    private KafkaProducer<String, String> producer;
    private final Map<String, Object> producerProps;
    /** Total time in {@code commitSync} and number of commits, across this contender's consumers. */
    final AtomicLong commitNanos = new AtomicLong();
    final AtomicLong commitCount = new AtomicLong();
    private final Workload workload;
    private final boolean parse;
    /** Whether each send also writes the payload record as JSON (Jackson databind), instead of prebuilt text. */
    private boolean serialize;

    /** How many of the runtime's CloudEvents headers records also carry, in the order of {@link #addCloudEvents}. */
    private final int ceHeaders;
    private final boolean ceTime;
    private final int consumers;
    private final String label;

    /** @param parse whether the handler also binds the JSON to the payload record, as a real raw consumer would */
    RawContender(String bootstrap, Workload workload, boolean parse) {
        this(bootstrap, workload, parse, 0, false, 1, parse ? "raw + Jackson readValue" : "raw kafka-clients");
    }

    /**
     * @param ceHeaders how many of the CloudEvents headers the runtime writes each record also carries (same names and
     *     value sizes, in this order: ce_id, ce_type, ce_source, ce_specversion, content-type; 0 to 5), to price them
     *     on the wire alone
     * @param ceTime whether {@code ce_time} is added too
     * @param consumers consumer threads, one {@code KafkaConsumer} each, in one group
     */
    RawContender(String bootstrap, Workload workload, boolean parse, int ceHeaders, boolean ceTime, int consumers,
            String label) {
        this(bootstrap, workload, parse, ceHeaders, ceTime, consumers, label, 0);
    }

    /**
     * As above; {@code batchSize} is the producer's {@code batch.size}, 0 for the client's default (the runtime's
     * producer uses 64 KB unless configured: this prices that default on the raw side too).
     */
    RawContender(String bootstrap, Workload workload, boolean parse, int ceHeaders, boolean ceTime, int consumers,
            String label, int batchSize) {
        this.bootstrap = bootstrap;
        this.workload = workload;
        this.parse = parse;
        this.ceHeaders = ceHeaders;
        this.ceTime = ceTime;
        this.consumers = consumers;
        this.label = label;
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "raw-producer-" + label.replaceAll("[^A-Za-z0-9._-]", "-"),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        if (batchSize > 0) {
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        }
        this.producerProps = props;
    }

    /**
     * This contender writing each payload record with Jackson on send (instead of sending the prebuilt text), the
     * least a real producer does; with {@code parse} the raw loop then does the JSON work of both sides that the
     * runtime does, and still no validation, deduplication or CloudEvents headers.
     */
    RawContender serializing() {
        this.serialize = true;
        return this;
    }

    /**
     * This contender's producer with {@code compression.type} {@code type} (the runtime's producer compresses with
     * lz4 unless configured: this prices that default on the raw side too); before the first send.
     */
    RawContender compression(String type) {
        if (producer != null) {
            throw new IllegalStateException("compression is set before the first send");
        }
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, type);
        return this;
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public long produce(String topic, int n, int ratePerSecond) throws Exception {
        CountDownLatch acked = new CountDownLatch(n);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Contender.pace(start, i, ratePerSecond);
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(Workload.SENT_AT,
                    Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8)));
            addCloudEvents(headers, i);
            String value = serialize ? Json.mapper().writeValueAsString(workload.order(i)) : workload.json(i);
            producer().send(new ProducerRecord<>(topic, null, workload.key(i), value, headers), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                acked.countDown();
            });
        }
        if (!acked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("raw producer: acknowledgements missing after 5 minutes");
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("raw producer: a send failed", failure.get());
        }
        return elapsed;
    }

    private static final byte[] SOURCE = "urn:asyncapi-kafka:benchmark".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "OrderPlaced".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPEC = CloudEventHeaders.SPEC_VERSION_VALUE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON = CloudEventHeaders.JSON.getBytes(StandardCharsets.UTF_8);

    /** The runtime's identity headers, prebuilt apart from the id (and time): what they cost on the wire alone. */
    private void addCloudEvents(RecordHeaders headers, int i) {
        if (ceHeaders >= 1) {
            headers.add(CloudEventHeaders.ID,
                    new UUID(System.nanoTime(), i).toString().getBytes(StandardCharsets.UTF_8));
        }
        if (ceHeaders >= 2) {
            headers.add(CloudEventHeaders.TYPE, TYPE);
        }
        if (ceHeaders >= 3) {
            headers.add(CloudEventHeaders.SOURCE, SOURCE);
        }
        if (ceHeaders >= 4) {
            headers.add(CloudEventHeaders.SPEC_VERSION, SPEC);
        }
        if (ceHeaders >= 5) {
            headers.add(CloudEventHeaders.CONTENT_TYPE, JSON);
        }
        if (ceTime) {
            headers.add(CloudEventHeaders.TIME, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public Running consume(String topic, String group, int partitions, Sink sink) throws Exception {
        AtomicIntegerArray sizes = new AtomicIntegerArray(consumers);
        CountDownLatch assigned = new CountDownLatch(1);
        List<Running> started = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            started.add(consumeOne(topic, group, i, partitions, sizes, assigned, sink));
        }
        Running all = () -> {
            for (Running r : started) {
                r.close();
            }
        };
        if (!assigned.await(60, TimeUnit.SECONDS)) {
            all.close();
            throw new IllegalStateException("raw consumers were not assigned " + partitions + " partitions in 60 s");
        }
        return all;
    }

    /** One consumer thread; {@code assigned} opens once every thread holds partitions and together all of them. */
    private Running consumeOne(String topic, String group, int index, int partitions, AtomicIntegerArray sizes,
            CountDownLatch assigned, Sink sink) throws Exception {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + index,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CountingInterceptor.class.getName()),
                new StringDeserializer(), new StringDeserializer());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try (consumer) {
                consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                        sizes.set(index, Math.max(0, consumer.assignment().size() - revoked.size()));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> added) {
                        sizes.set(index, consumer.assignment().size());
                        int sum = 0;
                        boolean everyOne = true;
                        for (int k = 0; k < sizes.length(); k++) {
                            sum += sizes.get(k);
                            everyOne &= sizes.get(k) > 0;
                        }
                        if (sum == partitions && (everyOne || partitions < sizes.length())) {
                            assigned.countDown();
                        }
                    }
                });
                while (running.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    for (ConsumerRecord<String, String> rec : records) {
                        if (parse && Json.mapper().readValue(rec.value(), OrderPlaced.class) == null) {
                            throw new IllegalStateException("null payload at offset " + rec.offset());
                        }
                        Header sentAt = rec.headers().lastHeader(Workload.SENT_AT);
                        sink.handled(Long.parseLong(new String(sentAt.value(), StandardCharsets.UTF_8)));
                    }
                    if (!records.isEmpty()) {
                        long t = System.nanoTime();
                        consumer.commitSync();
                        commitNanos.addAndGet(System.nanoTime() - t);
                        commitCount.incrementAndGet();
                    }
                }
            } catch (WakeupException e) {
                // close() woke the poll: the normal way out
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "raw-consumer-" + group + "-" + index);
        thread.start();
        return () -> {
            running.set(false);
            consumer.wakeup(); // thread-safe, unlike every other consumer method
            thread.join(30_000);
            if (failure.get() != null) {
                throw new IllegalStateException("raw consumer failed", failure.get());
            }
        };
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
