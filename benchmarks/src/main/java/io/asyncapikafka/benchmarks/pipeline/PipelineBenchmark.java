package io.asyncapikafka.benchmarks.pipeline;

import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ExactlyOnce;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consume-transform-produce pipeline's end-to-end throughput with and without exactly-once: N inputs already on
 * the input topic; a runner whose handler sends one output per input (as the orders example's billing does); the
 * clock runs from the runner's start until a {@code read_committed} reader has seen all N outputs. Exactly-once pays
 * one transaction (offsets-to-transaction and commit, a few broker round trips) per run of a partition's records
 * (default: up to 100 records of a poll) on each partition's handler thread, or per record with
 * {@code maxRunRecords(1)}; at-least-once sends asynchronously and commits offsets every 500 ms.
 *
 * <p>System properties: {@code bench.pipeline.records} (default 5000), {@code bench.partitions} (6).
 */
public final class PipelineBenchmark {

    /** The pipeline's message: small, as a charge is. */
    public record Charge(String id, long cents) {}

    static final MessageType<String, Charge, Void> CHARGE =
            MessageType.of("Charge", Charge.class, KeyCodec.string(), HeadersCodec.none());

    private final int records;
    private final int partitions;
    private final PrintStream out;

    private PipelineBenchmark(int records, int partitions, PrintStream out) {
        this.records = records;
        this.partitions = partitions;
        this.out = out;
    }

    public static PipelineBenchmark fromSystemProperties(PrintStream out) {
        return new PipelineBenchmark(Integer.getInteger("bench.pipeline.records", 5000),
                Integer.getInteger("bench.partitions", 6), out);
    }

    public void run() throws Exception {
        out.printf("%nPIPELINE: consume-transform-produce, %d records, %d partitions, in-JVM broker%n", records,
                partitions);
        try (KafkaBroker broker = KafkaBroker.start()) {
            KafkaClientConfig config = KafkaClientConfig.of(broker.bootstrapServers());
            once(broker, config, "warmup-alo", null, Math.max(500, records / 5));
            once(broker, config, "warmup-eos", ExactlyOnce.DEFAULT_MAX_RUN_RECORDS, Math.max(500, records / 5));
            double alo = once(broker, config, "alo", null, records);
            double eos = once(broker, config, "eos", ExactlyOnce.DEFAULT_MAX_RUN_RECORDS, records);
            double eosPerRecord = once(broker, config, "eos1", 1, records);
            out.printf(Locale.ROOT, "%-44s %12s %8s%n", "pipeline (in → handler → out)", "records/s", "ratio");
            out.printf(Locale.ROOT, "%-44s %12.0f %8.2f%n", "at-least-once (option off)", alo, 1.0);
            out.printf(Locale.ROOT, "%-44s %12.0f %8.2f%n",
                    "exactly-once, transaction per run (≤ " + ExactlyOnce.DEFAULT_MAX_RUN_RECORDS + ")", eos, eos / alo);
            out.printf(Locale.ROOT, "%-44s %12.0f %8.2f%n", "exactly-once, transaction per record", eosPerRecord,
                    eosPerRecord / alo);
        }
    }

    /** One run on fresh topics; records/s from the runner's start until every output is visible. */
    /** @param runRecords {@code maxRunRecords} of exactly-once, or {@code null} for at-least-once */
    private double once(KafkaBroker broker, KafkaClientConfig config, String name, Integer runRecords, int n)
            throws Exception {
        boolean exactlyOnce = runRecords != null;
        String in = "bench.pipeline." + name + ".in";
        String outTopic = "bench.pipeline." + name + ".out";
        broker.createTopic(in, partitions);
        broker.createTopic(outTopic, partitions);
        try (TypedProducer source = KafkaTypedProducer.builder(config).property("linger.ms", 5).build()) {
            List<CompletableFuture<?>> acks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                acks.add(source.send(in, CHARGE, "k" + i, new Charge("c" + i, i), null));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
        ExactlyOnce eos = exactlyOnce ? ExactlyOnce.builder(config).maxRunRecords(runRecords).build() : null;
        TypedProducer sends = exactlyOnce ? eos.producer() : KafkaTypedProducer.builder(config).build();
        AtomicLong seen = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> count(broker, outTopic, seen, stop), "pipeline-reader");
        reader.start();
        long t0 = System.nanoTime();
        try (ConsumerRunner runner = ConsumerRunner.builder(config).groupId("bench-" + name).topics(in)
                .exactlyOnce(eos)
                .handle(CHARGE, m -> sends.send(outTopic, CHARGE, m.key(), m.payload(), null))
                .build().start()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen.get() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": only " + seen.get() + " of " + n + " outputs seen");
                }
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        reader.join();
        if (!exactlyOnce) {
            sends.close();
        }
        return n / seconds;
    }

    private static void count(KafkaBroker broker, String topic, AtomicLong seen, AtomicBoolean stop) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                seen.addAndGet(consumer.poll(Duration.ofMillis(20)).count());
            }
        }
    }
}
