package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.avro.AvroCodec;
import io.asyncapikafka.avro.AvroCodec.Mapping;
import io.asyncapikafka.benchmarks.Stats;
import io.asyncapikafka.benchmarks.Table;
import io.asyncapikafka.benchmarks.order.kafka.Messages;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedHeaders;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * AVRO rows: the benchmark payload (OrderPlaced, the runtime benchmark's workload) as JSON (the generated message
 * type's streaming codec) and as Avro through asyncapi-kafka-avro's codec, single-object encoding (the registry framing
 * is the same body with 5 framing bytes instead of 10), on its direct path (record members straight to Avro's encoder
 * and back) and on the plain JSON-tree path. Bytes per record and single-thread microseconds to encode and to decode,
 * median of rounds after warm-up; each decoded record is checked equal to the original once, so the paths are known to
 * carry the same value. Then end to end on an in-JVM broker: records/s from the first send to the last record handled,
 * JSON against Avro (direct), through the runtime's producer and consumer runner as the runtime part runs them.
 */
public final class AvroBenchmark {

    /** The contract's OrderPlaced written as Avro: decimals with the payload's scale 2, the timestamp in millis. */
    static final Schema ORDER_PLACED = new Schema.Parser().parse("""
            {"type":"record","name":"OrderPlaced","namespace":"io.asyncapikafka.benchmarks","fields":[
              {"name":"eventId","type":{"type":"string","logicalType":"uuid"}},
              {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":"string"},
              {"name":"status","type":{"type":"enum","name":"OrderPlacedStatus",
                "symbols":["NEW","PAID","SHIPPED","CANCELLED"]}},
              {"name":"currency","type":"string"},
              {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}},
              {"name":"lines","type":{"type":"array","items":{"type":"record","name":"OrderLine","fields":[
                {"name":"sku","type":"string"},
                {"name":"qty","type":"int"},
                {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}}]}}}]}""");

    private static final String TOPIC = "bench.orders.v1";

    private final int records;
    private final int rounds;
    private final int e2eRecords;
    private final int partitions;
    private final PrintStream out;

    public AvroBenchmark(int records, int rounds, PrintStream out) {
        this(records, rounds, Integer.getInteger("bench.avro.e2eRecords", 50_000),
                Integer.getInteger("bench.partitions", 6), out);
    }

    public AvroBenchmark(int records, int rounds, int e2eRecords, int partitions, PrintStream out) {
        this.records = records;
        this.rounds = rounds;
        this.e2eRecords = e2eRecords;
        this.partitions = partitions;
        this.out = out;
    }

    public void run() throws Exception {
        codecs();
        if (e2eRecords > 0) {
            endToEnd();
        }
    }

    private static MessageType<String, OrderPlaced, OrderPlacedHeaders> avro(Mapping mapping) {
        return Messages.ORDER_PLACED.withPayloadCodec(AvroCodec.singleObject(OrderPlaced.class, ORDER_PLACED,
                List.of(), mapping));
    }

    private void codecs() throws Exception {
        Workload workload = Workload.create(records);
        MessageType<String, OrderPlaced, OrderPlacedHeaders> json = Messages.ORDER_PLACED;
        if (AvroCodec.defaultMapping(OrderPlaced.class, ORDER_PLACED) != Mapping.DIRECT) {
            throw new IllegalStateException("the benchmark payload has no direct Avro mapping");
        }
        List<MessageType<String, OrderPlaced, OrderPlacedHeaders>> avros = List.of(avro(Mapping.DIRECT),
                avro(Mapping.JSON_TREE));
        byte[][] jsonBytes = new byte[records][];
        byte[][] avroBytes = new byte[records][];
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < records; i++) {
            jsonBytes[i] = json.writePayload(workload.order(i));
            avroBytes[i] = avros.get(0).writePayload(TOPIC, workload.order(i), headers);
            if (!java.util.Arrays.equals(avroBytes[i], avros.get(1).writePayload(TOPIC, workload.order(i), headers))
                    || !avros.get(0).readPayload(avroBytes[i], headers).equals(workload.order(i))
                    || !avros.get(1).readPayload(avroBytes[i], headers).equals(workload.order(i))
                    || !json.readPayload(jsonBytes[i]).equals(workload.order(i))) {
                throw new IllegalStateException("record " + i + " does not survive the round trip");
            }
        }
        List<Double> je = new ArrayList<>();
        List<Double> jd = new ArrayList<>();
        List<List<Double>> ae = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> ad = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long sink = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += json.writePayload(workload.order(i)).length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += json.readPayload(jsonBytes[i]).lines().size();
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                je.add((t1 - t0) / 1e3 / records);
                jd.add((t2 - t1) / 1e3 / records);
            }
            for (int a = 0; a < avros.size(); a++) {
                MessageType<String, OrderPlaced, OrderPlacedHeaders> avro = avros.get(a);
                long t3 = System.nanoTime();
                for (int i = 0; i < records; i++) {
                    sink += avro.writePayload(TOPIC, workload.order(i), headers).length;
                }
                long t4 = System.nanoTime();
                for (int i = 0; i < records; i++) {
                    sink += avro.readPayload(avroBytes[i], headers).lines().size();
                }
                long t5 = System.nanoTime();
                if (r >= 0) {
                    ae.get(a).add((t4 - t3) / 1e3 / records);
                    ad.get(a).add((t5 - t4) / 1e3 / records);
                }
            }
            if (sink == 42) {
                out.print(""); // keeps the loops' results alive
            }
        }
        out.printf("%nAVRO: the benchmark payload as JSON and as Avro (single-object encoding), %,d records, median of"
                + " %d rounds after 2 warm-up rounds; single thread, us per record%n", records, rounds);
        Table t = Table.of("format", "bytes/record", "encode us", "decode us");
        t.row("JSON (generated streaming codec)", String.format("%.1f", mean(jsonBytes)),
                String.format("%.2f", Stats.median(je)), String.format("%.2f", Stats.median(jd)));
        t.row("Avro single-object, direct (asyncapi-kafka-avro)", String.format("%.1f", mean(avroBytes)),
                String.format("%.2f", Stats.median(ae.get(0))), String.format("%.2f", Stats.median(ad.get(0))));
        t.row("Avro single-object, via JSON tree (plain path)", String.format("%.1f", mean(avroBytes)),
                String.format("%.2f", Stats.median(ae.get(1))), String.format("%.2f", Stats.median(ad.get(1))));
        out.print(t.render());
    }

    /**
     * End to end on an in-JVM broker: per format and round a fresh topic, the consumer runner assigned first, then
     * every record sent without waiting (the runtime's producer: validation, payload codec, CloudEvents headers,
     * acks=all, idempotence) and handled once (the runner: dispatch, payload codec, validation, in-memory dedup,
     * commits). Records/s from the first send to the last record handled; one warm-up round per format, the median of
     * the measured rounds printed.
     */
    private void endToEnd() throws Exception {
        Workload workload = Workload.create(Math.min(e2eRecords, 20_000));
        List<String> names = List.of("JSON (generated streaming codec)", "Avro single-object, direct");
        List<MessageType<String, OrderPlaced, OrderPlacedHeaders>> types = List.of(Messages.ORDER_PLACED,
                avro(Mapping.DIRECT));
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
        AtomicLong salt = new AtomicLong(System.nanoTime());
        out.printf("%nAVRO end to end: starting an in-JVM KRaft broker (testkit KafkaBroker)...%n");
        try (KafkaBroker broker = KafkaBroker.start()) {
            KafkaClientConfig config = KafkaClientConfig.of(broker.bootstrapServers());
            try (TypedProducer producer = KafkaTypedProducer.builder(config).source("urn:asyncapi-kafka:benchmark")
                    .build()) {
                for (int r = -1; r < rounds; r++) {
                    for (int f = 0; f < types.size(); f++) {
                        int n = r < 0 ? e2eRecords / 4 : e2eRecords;
                        String topic = "bench.avro.e2e." + f + "." + (r + 1);
                        broker.createTopic(topic, partitions);
                        double rate = run(config, producer, types.get(f), workload, topic, n, salt.incrementAndGet());
                        if (r >= 0) {
                            rates.get(f).add(rate);
                        }
                    }
                }
            }
        }
        out.printf("%nAVRO end to end: %,d records per run, %d partitions, one producer, one consumer runner; median of"
                + " %d rounds after a warm-up round; records/s from first send to last handled%n", e2eRecords,
                partitions, rounds);
        Table t = Table.of("format", "records/s", "vs JSON");
        double jsonRate = Stats.median(rates.get(0));
        for (int f = 0; f < types.size(); f++) {
            double rate = Stats.median(rates.get(f));
            t.row(names.get(f), String.format("%,.0f", rate), String.format("%.2f", rate / jsonRate));
        }
        out.print(t.render());
    }

    private static double run(KafkaClientConfig config, TypedProducer producer,
            MessageType<String, OrderPlaced, OrderPlacedHeaders> type, Workload workload, String topic, int n,
            long salt) throws Exception {
        AtomicLong handled = new AtomicLong();
        AtomicLong lastHandled = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ConsumerRunner runner = ConsumerRunner.builder(config).groupId(topic + ".g").topics(topic)
                .handle(type, m -> {
                    if (handled.incrementAndGet() == n) {
                        lastHandled.set(System.nanoTime());
                    }
                }).build().start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (runner.assignment().isEmpty()) {
                if (System.nanoTime() > deadline || runner.failure().isPresent()) {
                    throw new IllegalStateException("consumer not assigned in 60 s", runner.failure().orElse(null));
                }
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                OrderPlaced order = Workload.withEventId(workload.order(i % workload.size()), new UUID(salt, i));
                producer.send(topic, type, order.orderId(), order, new OrderPlacedHeaders(System.nanoTime(),
                        Workload.TENANT)).whenComplete((md, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (handled.get() < n) {
                if (failure.get() != null || runner.failure().isPresent() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + ": " + handled.get() + " of " + n + " handled",
                            failure.get() != null ? failure.get() : runner.failure().orElse(null));
                }
                Thread.sleep(1);
            }
            return n / ((lastHandled.get() - start) / 1e9);
        }
    }

    private static double mean(byte[][] values) {
        long sum = 0;
        for (byte[] v : values) {
            sum += v.length;
        }
        return (double) sum / values.length;
    }
}
