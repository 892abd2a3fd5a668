package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.Stats;
import io.asyncapikafka.benchmarks.Table;
import io.asyncapikafka.benchmarks.order.kafka.ReceiveOrderPlacedConsumer;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.testkit.KafkaBroker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows beyond the main table (issue 13): end-to-end runs of raw kafka-clients and the runtime at other payload
 * sizes, partition counts and {@code concurrency(3)}; what the CloudEvents headers cost (the same raw loop with and
 * without them, the runtime with and without {@code ce_time}); and the heap a partition holds while its handler is
 * stuck and records keep arriving (the hand-off bound). Each run alternates the contenders' order per round; medians.
 */
final class ScaleRows {

    private record Shape(String name, int partitions, int payloadBytes, int concurrency) {}

    /** One e2e run's figures. */
    private record Run(double rps, double cpuUsPerRecord, double wallUsPerRecord, double heapAfterMb) {}

    private final KafkaBroker broker;
    private final RuntimeBenchmark.Settings settings;
    private final PrintStream out;
    /** Records per run of these rows ({@code bench.scale.records}): fewer than the main table's, to keep it short. */
    private final int records = Integer.getInteger("bench.scale.records", 20_000);
    private int seq;

    ScaleRows(KafkaBroker broker, RuntimeBenchmark.Settings settings, PrintStream out) {
        this.broker = broker;
        this.settings = settings;
        this.out = out;
    }

    void run() throws Exception {
        scale();
        headers();
        memory();
    }

    private void scale() throws Exception {
        List<Shape> shapes = List.of(
                new Shape("1 KB payloads, 6 partitions", 6, 1024, 1),
                new Shape("10 KB payloads, 6 partitions", 6, 10 * 1024, 1),
                new Shape("1 partition", 1, 0, 1),
                new Shape("24 partitions", 24, 0, 1),
                new Shape("concurrency(3), 6 partitions", 6, 0, 3));
        Table t = Table.of("shape", "records", "raw e2e rec/s", "runtime e2e rec/s", "e2e ratio", "CPU-norm. ratio",
                "runtime wall/CPU", "raw wall/CPU", "heap after run MB");
        String bootstrap = broker.bootstrapServers();
        for (Shape s : shapes) {
            Workload w = Workload.create(200, s.payloadBytes());
            // the same bytes per run whatever the payload size, so a 10 KB row takes about as long as a small one
            int n = (int) Math.max(2_000, records * 330.0 / Math.max(330, w.meanJsonBytes()));
            RawContender raw = new RawContender(bootstrap, w, false, 0, false, s.concurrency(), "raw");
            TypedContender typed = new TypedContender(bootstrap, w, null, null, "runtime").concurrency(s.concurrency());
            try {
                List<List<Run>> runs = alternate(List.of(raw, typed), s.partitions(), n);
                Run r = median(runs.get(0));
                Run b = median(runs.get(1));
                t.row(s.name() + String.format(" (%.0f B JSON)", w.meanJsonBytes()), String.format("%,d", n),
                        f0(r.rps()), f0(b.rps()), f2(b.rps() / r.rps()),
                        f2(r.cpuUsPerRecord() / b.cpuUsPerRecord()),
                        f2(b.wallUsPerRecord() / b.cpuUsPerRecord()), f2(r.wallUsPerRecord() / r.cpuUsPerRecord()),
                        f0(b.heapAfterMb()));
            } finally {
                raw.close();
                typed.close();
            }
        }
        out.printf("%nSCALE: end-to-end, raw kafka-clients vs the runtime, median of %d rounds (alternated); wall/CPU ="
                + " wall time per record / CPU per record of the whole JVM (idle share; 2 CPUs => 0.5 at best)%n",
                settings.rounds());
        out.print(t.render());
    }

    private void headers() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Workload w = Workload.create(1_000);
        // the raw rows batch and compress as the runtime's producer does (64 KB, lz4), so the headers are priced as
        // the runtime sends them and not mixed with the client's 16 KB batches filling a third sooner
        int batch = io.asyncapikafka.runtime.producer.KafkaTypedProducer.DEFAULT_BATCH_SIZE;
        String lz4 = io.asyncapikafka.runtime.producer.KafkaTypedProducer.DEFAULT_COMPRESSION;
        List<Contender> cs = List.of(
                new RawContender(bootstrap, w, false, 0, false, 1, "raw, sentAt header only", batch).compression(lz4),
                new RawContender(bootstrap, w, false, 2, false, 1, "raw + ce_id, ce_type", batch).compression(lz4),
                new RawContender(bootstrap, w, false, 4, false, 1, "raw + ce_source, ce_specversion", batch)
                        .compression(lz4),
                new RawContender(bootstrap, w, false, 5, false, 1, "raw + content-type (all 5)", batch)
                        .compression(lz4),
                new RawContender(bootstrap, w, false, 5, true, 1, "raw + all 5 + ce_time", batch).compression(lz4),
                new TypedContender(bootstrap, w, null, null, "runtime (ce_time off, default)"),
                new TypedContender(bootstrap, w, null, null, "runtime, ce_time on").ceTime(true));
        // the differences priced here are 1-3 us on ~15 us per record: runs of 20,000 records (a third of a second)
        // and three rounds left them in the noise, so this block runs the main table's records and at least 5 rounds
        int perRun = Math.max(records, settings.records());
        int rounds = Math.max(5, settings.rounds());
        try {
            List<List<Run>> runs = alternate(cs, settings.partitions(), perRun, rounds);
            Table t = Table.of("contender", "e2e rec/s", "e2e CPU us/rec", "e2e vs first row of its kind",
                    "CPU per record vs it");
            for (int i = 0; i < cs.size(); i++) {
                Run m = median(runs.get(i));
                Run base = median(runs.get(i < 5 ? 0 : 5));
                t.row(cs.get(i).name(), f0(m.rps()), f1(m.cpuUsPerRecord()), f2(m.rps() / base.rps()),
                        String.format("%+.1f us", m.cpuUsPerRecord() - base.cpuUsPerRecord()));
            }
            out.printf("%nCLOUDEVENTS HEADERS: what they cost on the wire, broker and clients (raw loop with and"
                    + " without them, 64 KB lz4 batches as the runtime's producer) and ce_time in the runtime; median of %d"
                    + " rounds of %,d records; bytes per header: ce_id 41,"
                    + " ce_type 18, ce_source 37, ce_specversion 17, content-type 28, ce_time 31 (name + value)%n",
                    rounds, perRun);
            out.print(t.render());
        } finally {
            cs.forEach(Contender::close);
        }
    }

    /**
     * 24 partitions whose handler is stuck on its first record while records keep arriving: the heap the consumer
     * then holds (after a GC, minus the heap before) per partition, against the bound of the hand-off.
     */
    private void memory() throws Exception {
        int partitions = 24;
        int perPartition = 3_000;
        String topic = "bench.memory." + (++seq);
        broker.createTopic(topic, partitions);
        Workload w = Workload.create(1_000);
        TypedContender producer = new TypedContender(broker.bootstrapServers(), w, null, null, "producer");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Set<Integer> stuck = ConcurrentHashMap.newKeySet();
        double before = heapMb();
        double during;
        try {
            ConsumerRunner runner = ReceiveOrderPlacedConsumer.runner(KafkaClientConfig.of(broker.bootstrapServers()),
                    m -> {
                        if (stuck.add(m.partition())) {
                            release.await();
                        }
                        handled.incrementAndGet();
                    }).groupId("bench-memory-" + seq).topics(topic).deadLetterTopic(topic + ".dlq").build().start();
            try {
                producer.produce(topic, partitions * perPartition, 0);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (stuck.size() < partitions && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(2_000); // the poll thread fetches until every hand-off is full, then only polls
                during = heapMb();
            } finally {
                release.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (handled.get() < partitions * perPartition && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                runner.close();
            }
        } finally {
            producer.close();
        }
        double perPartitionMb = (during - before) / partitions;
        out.printf("%nMEMORY: %d partitions, %,d records each (%.0f B JSON + headers), handlers stuck on their first"
                        + " record: heap held %.1f MB over the %.1f MB before = %.2f MB per in-flight partition"
                        + " (bound: a 500-record / 1 MB hand-off plus one poll of max.poll.records=500; every record"
                        + " handled after the release: %s)%n", partitions, perPartition, w.meanJsonBytes(),
                during - before, before, perPartitionMb, handled.get() == partitions * perPartition);
    }

    /** Runs every contender {@code rounds} times (after one warm-up run each), alternating the order per round. */
    private List<List<Run>> alternate(List<? extends Contender> cs, int partitions, int records) throws Exception {
        return alternate(cs, partitions, records, settings.rounds());
    }

    private List<List<Run>> alternate(List<? extends Contender> cs, int partitions, int records, int rounds)
            throws Exception {
        for (Contender c : cs) {
            e2e(c, partitions, Math.max(1_000, records / 4));
        }
        List<List<Run>> runs = new ArrayList<>();
        cs.forEach(c -> runs.add(new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < cs.size(); k++) {
                int i = r % 2 == 0 ? k : cs.size() - 1 - k;
                runs.get(i).add(e2e(cs.get(i), partitions, records));
            }
        }
        return runs;
    }

    private Run e2e(Contender c, int partitions, int records) throws Exception {
        String topic = "bench.scale." + (++seq);
        broker.createTopic(topic, partitions);
        Sink sink = new Sink(records);
        long ns;
        Map<String, Long> cpu;
        try (Contender.Running ignored = c.consume(topic, "bench-scale-" + seq, partitions, sink)) {
            CpuSampler sampler = CpuSampler.start();
            long start = System.nanoTime();
            c.produce(topic, records, 0);
            if (!sink.await(180_000)) {
                throw new IllegalStateException(c.name() + ": only " + sink.count() + " records handled in 180 s");
            }
            ns = sink.finishedAt() - start;
            cpu = sampler.stop();
        }
        double cpuUs = cpu.values().stream().mapToLong(Long::longValue).sum() / 1e3 / records;
        return new Run(records / (ns / 1e9), cpuUs, ns / 1e3 / records, heapMb());
    }

    private static Run median(List<Run> runs) {
        return new Run(med(runs, Run::rps), med(runs, Run::cpuUsPerRecord), med(runs, Run::wallUsPerRecord),
                med(runs, Run::heapAfterMb));
    }

    private static double med(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return Stats.median(runs.stream().map(f::applyAsDouble).toList());
    }

    /** Used heap after a full GC, MB. */
    private static double heapMb() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static String f0(double v) {
        return String.format("%,.0f", v);
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }
}
