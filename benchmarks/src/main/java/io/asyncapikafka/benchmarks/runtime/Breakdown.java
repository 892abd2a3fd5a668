package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.benchmarks.Stats;
import io.asyncapikafka.benchmarks.Table;
import io.asyncapikafka.benchmarks.order.kafka.Messages;
import io.asyncapikafka.benchmarks.order.kafka.ReceiveOrderPlacedConsumer;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedHeaders;
import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import io.asyncapikafka.runtime.consumer.ClaimResult;
import io.asyncapikafka.runtime.consumer.DedupContext;
import io.asyncapikafka.runtime.consumer.InMemoryProcessedEventStore;
import io.asyncapikafka.runtime.consumer.RetryHeaders;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.producer.OutgoingRecords;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntToLongFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where the runtime's extra time goes: each per-record stage timed in isolation on the same payloads (single thread,
 * after warm-up, median of batches), the commit counts of the end-to-end runs, and the CPU each thread role used in
 * them. Printed when the end-to-end ratio misses 0.8 (or on request).
 */
final class Breakdown {

    private static final int BATCH = 20_000;
    private static final int BATCHES = 5;
    private static final int WARMUP_BATCHES = 3;
    private static final String TOPIC = "bench.breakdown";

    private final Workload workload;
    private final PrintStream out;
    private final OutgoingRecords encoder = OutgoingRecords.create("urn:asyncapi-kafka:benchmark");
    /** Keeps results alive so the JIT cannot drop the work. */
    private long sink;

    private Breakdown(Workload workload, PrintStream out) {
        this.workload = workload;
        this.out = out;
    }

    static Breakdown create(Workload workload, PrintStream out) {
        return new Breakdown(workload, out);
    }

    void run(Map<String, List<RuntimeBenchmark.Round>> results, RawContender raw) {
        out.printf("%nBREAKDOWN: where the runtime's time goes (single-thread microbenchmarks on the same payloads,"
                + " median of %d x %,d ops after warm-up; us = CPU microseconds per record)%n", BATCHES, BATCH);
        List<ProducerRecord<byte[], byte[]>> encoded = encodeUnique(BATCH);
        OrderPlacedHeaders headers = new OrderPlacedHeaders(System.nanoTime(), Workload.TENANT);
        StringSerializer ser = new StringSerializer();
        StringDeserializer de = new StringDeserializer();

        Table p = Table.of("producer side, per record", "us");
        double rawProduce = us(i -> {
            Headers h = new RecordHeaders();
            h.add(new RecordHeader(Workload.SENT_AT, Long.toString(i).getBytes(StandardCharsets.UTF_8)));
            return ser.serialize(TOPIC, workload.json(i)).length + h.toArray().length;
        });
        double encode = us(i -> encoder.encode(TOPIC, Messages.ORDER_PLACED, workload.key(i),
                Workload.withEventId(workload.order(i), new UUID(7, i)), headers).value().length);
        double json = us(i -> bytes(workload.order(i)).length);
        double validate = us(i -> validate(workload.order(i), headers));
        double headerWrite = us(i -> {
            Headers h = new RecordHeaders();
            headers.writeTo(h);
            return h.toArray().length;
        });
        byte[] typeBytes = utf8(Messages.ORDER_PLACED.name());
        byte[] sourceBytes = utf8("urn:asyncapi-kafka:benchmark");
        byte[] specBytes = utf8(CloudEventHeaders.SPEC_VERSION_VALUE);
        byte[] jsonBytes = utf8(CloudEventHeaders.JSON);
        double stamping = us(i -> {
            // a mirror of what OutgoingRecords.encode adds besides JSON, validation and the headers codec with the
            // producer's defaults (no ce_time): plain adds, constants encoded once, ce_id encoded per record
            Headers h = new RecordHeaders();
            h.add(CloudEventHeaders.ID, utf8(new UUID(7, i).toString()));
            h.add(CloudEventHeaders.TYPE, typeBytes);
            h.add(CloudEventHeaders.SOURCE, sourceBytes);
            h.add(CloudEventHeaders.SPEC_VERSION, specBytes);
            h.add(CloudEventHeaders.CONTENT_TYPE, jsonBytes);
            return h.toArray().length;
        });
        p.row("raw: StringSerializer + sentAt header", f2(rawProduce));
        p.row("runtime: OutgoingRecords.encode, all of:", f2(encode));
        p.row("  JSON serialize (Jackson)", f2(json));
        p.row("  validate payload + headers (generated checks)", f2(validate));
        p.row("  headers codec write (generated, via HeaderValues)", f2(headerWrite));
        p.row("  CloudEvents headers: 5 adds, ce_id encoded (ce_time off)", f2(stamping));
        p.row("  rest: key, Message, record, trace lookup", f2(encode - json - validate - headerWrite - stamping));
        out.print(p.render());

        Table c = Table.of("consumer side, per record", "us");
        double rawConsume = us(i -> {
            ProducerRecord<byte[], byte[]> r = encoded.get(i % encoded.size());
            return de.deserialize(TOPIC, r.value()).length()
                    + Long.parseLong(HeaderValues.getOrNull(r.headers(), Workload.SENT_AT));
        });
        double process = processThroughDriver(encoded);
        double parse = us(i -> {
            try {
                return Messages.ORDER_PLACED.readPayload(encoded.get(i % encoded.size()).value()).lines().size();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        double tree = us(i -> {
            try {
                return Json.mapper().readTree(encoded.get(i % encoded.size()).value()).size();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        double headerRead = us(i -> OrderPlacedHeaders.fromKafkaHeaders(encoded.get(i % encoded.size()).headers())
                .sentAt());
        double dedup = dedup();
        double lookups = us(i -> {
            Headers h = encoded.get(i % encoded.size()).headers();
            // what RecordProcessor reads per record: due time, attempts, ce_type, ce_id, traceparent
            return len(HeaderValues.getOrNull(h, RetryHeaders.DUE_AT))
                    + len(HeaderValues.getOrNull(h, RetryHeaders.ATTEMPTS))
                    + len(HeaderValues.getOrNull(h, CloudEventHeaders.TYPE))
                    + len(HeaderValues.getOrNull(h, CloudEventHeaders.ID))
                    + len(HeaderValues.getOrNull(h, CloudEventHeaders.TRACEPARENT));
        });
        double offsets = us(new IntToLongFunction() {
            // the structure OffsetTracker keeps per partition: a TreeSet<Long> of unfinished offsets, one add on
            // delivery and one remove on completion per record, plus one queued completion lambda per record
            private final java.util.TreeSet<Long> unfinished = new java.util.TreeSet<>();
            private final java.util.Queue<Runnable> completions = new java.util.concurrent.ConcurrentLinkedQueue<>();
            private long next;

            @Override
            public long applyAsLong(int i) {
                long offset = next++;
                unfinished.add(offset);
                completions.add(() -> unfinished.remove(offset));
                if (completions.size() > 500) {
                    Runnable r;
                    while ((r = completions.poll()) != null) {
                        r.run();
                    }
                }
                return unfinished.size();
            }
        });
        c.row("raw: StringDeserializer + sentAt parse", f2(rawConsume));
        c.row("runtime: RecordProcessor (via HandlerDriver), all of:", f2(process));
        c.row("  JSON deserialize (Jackson)", f2(parse));
        c.row("    for scale: parse to a JsonNode tree only", f2(tree));
        c.row("  validate payload + headers (generated checks)", f2(validate));
        c.row("  headers codec read (generated, via HeaderValues)", f2(headerRead));
        c.row("  dedup: claim + complete (in-memory store)", f2(dedup));
        c.row("  header lookups, upper bound (5 x getOrNull; the runtime now reads them in one byte pass)", f2(lookups));
        c.row("  rest: dispatch, ReceivedMessage, trace scope, driver", f2(process - parse - validate - headerRead
                - dedup - lookups));
        c.row("poll loop (not in the above): offset tracking, former design*", f2(offsets));
        out.print(c.render());
        out.println("* a stand-in for the loop's former offset tracking (TreeSet<Long> + a completion lambda per"
                + " record), an upper bound: OffsetTracker now keeps a primitive ring and one progress mark per"
                + " partition (package-private, so not timed here)");
        out.printf("bytes per record on the wire (key + value + headers): raw %.0f, runtime %.0f%n",
                rawBytes(encoded), wireBytes(encoded));

        commits(results, raw);
        cpu(results, process);
    }

    /** Commit counts of the e2e runs; the runtime's commit time estimated with the raw loop's measured mean. */
    private void commits(Map<String, List<RuntimeBenchmark.Round>> results, RawContender raw) {
        double meanCommitMs = raw.commitCount.get() == 0 ? 0 : raw.commitNanos.get() / 1e6 / raw.commitCount.get();
        Table t = Table.of("commits in the e2e runs", "polls with records", "records/poll", "commits/10k rec",
                "commit ms/10k rec");
        for (Map.Entry<String, List<RuntimeBenchmark.Round>> e : results.entrySet()) {
            List<RuntimeBenchmark.Round> r = e.getValue();
            double perTenK = RuntimeBenchmark.med(r, x -> 10_000.0 * x.commits() / Math.max(1, x.consumed()));
            t.row(e.getKey(), String.format("%,.0f", RuntimeBenchmark.med(r, x -> (double) x.polls())),
                    String.format("%.0f", RuntimeBenchmark.med(r, x -> (double) x.consumed() / Math.max(1, x.polls()))),
                    f1(perTenK), f1(perTenK * meanCommitMs));
        }
        out.print(t.render());
        out.printf("mean commitSync of the raw loop: %.2f ms (measured; the runtime's figure uses the same mean)%n",
                meanCommitMs);
    }

    /** CPU per record by thread role in the e2e runs, next to the wall time per record. */
    private void cpu(Map<String, List<RuntimeBenchmark.Round>> results, double processAlone) {
        List<String> names = new ArrayList<>(results.keySet());
        List<String> headers = new ArrayList<>();
        headers.add("e2e run, us per record (median; in the kernel)");
        headers.addAll(names);
        Table t = Table.of(headers.toArray(String[]::new));
        List<String> roles = new ArrayList<>(results.get(names.get(0)).get(0).e2eCpuNs().keySet());
        for (String role : roles) {
            List<Object> row = new ArrayList<>();
            row.add("CPU " + role);
            for (String n : names) {
                row.add(f1(RuntimeBenchmark.med(results.get(n),
                        x -> x.e2eCpuNs().get(role) / 1e3 / Math.max(1, x.consumed())))
                        + (role.equals(CpuSampler.VM) ? "" : " (" + f1(RuntimeBenchmark.med(results.get(n),
                                x -> x.e2eKernelNs().get(role) / 1e3 / Math.max(1, x.consumed()))) + ")"));
            }
            t.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("CPU total (this JVM: clients, broker, GC, JIT)"));
        List<Object> wall = new ArrayList<>(List.of("wall time (1 / e2e rate)"));
        for (String n : names) {
            total.add(f1(RuntimeBenchmark.med(results.get(n), x -> x.e2eCpuNs().values().stream()
                    .mapToLong(Long::longValue).sum() / 1e3 / Math.max(1, x.consumed()))));
            wall.add(f1(RuntimeBenchmark.med(results.get(n), x -> 1e6 / x.e2eRps())));
        }
        t.row(total.toArray());
        t.row(wall.toArray());
        out.print(t.render());
        out.printf("CPU per record is per record consumed; broker, producer and consumer share %d CPUs (and the"
                + " machine's other load), so CPU per record sets the ceiling of e2e throughput. In brackets: the"
                + " part spent in the kernel (thread CPU time less user time; the user time has the OS tick's"
                + " resolution): system calls, page faults and loopback TCP, mostly the broker's.%n",
                Runtime.getRuntime().availableProcessors());
        for (String n : names.subList(1, names.size())) {
            if (n.startsWith("raw")) {
                continue; // no handler threads
            }
            double inPipeline = RuntimeBenchmark.med(results.get(n),
                    x -> x.e2eCpuNs().get(CpuSampler.HANDLERS) / 1e3 / Math.max(1, x.consumed()));
            out.printf("%s: handler threads used %.1f us CPU per record in the e2e run; the same processing alone on"
                    + " one thread (RecordProcessor above) takes %.1f us%n", n, inPipeline, processAlone);
        }
    }

    /**
     * The full consumer processing per record, through the generated handler's test driver; a fresh driver (and
     * store) per batch so no event id repeats within a store.
     */
    private double processThroughDriver(List<ProducerRecord<byte[], byte[]>> encoded) {
        List<Double> perOp = new ArrayList<>();
        for (int b = 0; b < WARMUP_BATCHES + BATCHES; b++) {
            HandlerDriver driver = ReceiveOrderPlacedConsumer.testDriver(m -> sink += m.headers().sentAt())
                    .processedEventStore(InMemoryProcessedEventStore.create())
                    .build();
            long t = cpuNow();
            for (int i = 0; i < encoded.size(); i++) {
                HandlerDriver.Result r = driver.deliver(encoded.get(i));
                if (r.status() != HandlerDriver.Status.PROCESSED) {
                    throw new IllegalStateException("breakdown record not processed: " + r);
                }
            }
            if (b >= WARMUP_BATCHES) {
                perOp.add((cpuNow() - t) / 1e3 / encoded.size());
            }
        }
        return Stats.median(perOp);
    }

    /** One claim and one completion per record on unique ids, in a store with the runtime's default bounds. */
    private double dedup() {
        List<Double> perOp = new ArrayList<>();
        for (int b = 0; b < WARMUP_BATCHES + BATCHES; b++) {
            InMemoryProcessedEventStore store = InMemoryProcessedEventStore.create();
            String[] ids = new String[BATCH];
            for (int i = 0; i < BATCH; i++) {
                ids[i] = new UUID(b, i).toString();
            }
            DedupContext context = new DedupContext("bench", "OrderCreated", DedupContext.Kind.EVENT_ID, "orders", 0, 0);
            long t = cpuNow();
            for (String id : ids) {
                if (store.claim(context, id) == ClaimResult.CLAIMED) {
                    store.complete(context, id);
                }
            }
            if (b >= WARMUP_BATCHES) {
                perOp.add((cpuNow() - t) / 1e3 / BATCH);
            }
            sink += store.size();
        }
        return Stats.median(perOp);
    }

    private List<ProducerRecord<byte[], byte[]>> encodeUnique(int n) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(encoder.encode(TOPIC, Messages.ORDER_PLACED, workload.key(i),
                    Workload.withEventId(workload.order(i), new UUID(42, i)),
                    new OrderPlacedHeaders(System.nanoTime(), Workload.TENANT)));
        }
        return out;
    }

    /**
     * CPU microseconds of this thread per call of {@code op} (median of batches after warm-up). CPU time rather than
     * wall time: on a shared machine a batch can be preempted, which would charge other processes' work to it.
     */
    private double us(IntToLongFunction op) {
        List<Double> perOp = new ArrayList<>();
        for (int b = 0; b < WARMUP_BATCHES + BATCHES; b++) {
            long acc = 0;
            long t = cpuNow();
            for (int i = 0; i < BATCH; i++) {
                acc += op.applyAsLong(i);
            }
            long elapsed = cpuNow() - t;
            sink += acc;
            if (b >= WARMUP_BATCHES) {
                perOp.add(elapsed / 1e3 / BATCH);
            }
        }
        return Stats.median(perOp);
    }

    private double rawBytes(List<ProducerRecord<byte[], byte[]>> encoded) {
        long sum = 0;
        for (int i = 0; i < encoded.size(); i++) {
            sum += workload.key(i).length() + workload.json(i).getBytes(StandardCharsets.UTF_8).length
                    + Workload.SENT_AT.length() + Long.toString(System.nanoTime()).length();
        }
        return (double) sum / encoded.size();
    }

    private static double wireBytes(List<ProducerRecord<byte[], byte[]>> encoded) {
        long sum = 0;
        for (ProducerRecord<byte[], byte[]> r : encoded) {
            sum += (r.key() == null ? 0 : r.key().length) + r.value().length;
            for (var h : r.headers()) {
                sum += h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
            }
        }
        return (double) sum / encoded.size();
    }

    private static long cpuNow() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long validate(OrderPlaced order, OrderPlacedHeaders headers) {
        List<Violation> violations = new ArrayList<>();
        order.validate("$", violations);
        headers.validate("headers", violations);
        return violations.size();
    }

    /** The payload's JSON as the runtime writes it (the message type's cached writer). */
    private static byte[] bytes(OrderPlaced value) {
        try {
            return Messages.ORDER_PLACED.writePayload(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long len(String s) {
        return s == null ? 0 : s.length();
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }

    /** The accumulated results; read so the work above is observable. */
    long sink() {
        return sink;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
