package io.asyncapikafka.benchmarks.runtime;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.asyncapikafka.benchmarks.Stats;
import io.asyncapikafka.benchmarks.Table;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.json.JsonCodec;
import io.asyncapikafka.runtime.json.JsonCodecs;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Issue 13's codec row: the benchmark payload encoded and decoded by databind (the path before the generated codec)
 * and by the generated streaming codec ({@code OrderPlaced.Codec}, what {@code MessageType} now uses), CPU µs per
 * record on one thread (median of batches after warm-up). Checks first that both give the same bytes and values.
 */
public final class CodecBenchmark {

    private static final int BATCH = 20_000;
    private static final int BATCHES = 9;
    private static final int WARMUP_BATCHES = 5;

    private final PrintStream out;
    private final OrderPlaced[] orders;
    private final byte[][] json;
    private long sink;

    private CodecBenchmark(int size, PrintStream out) {
        this.out = out;
        Workload w = Workload.create(size);
        orders = new OrderPlaced[size];
        json = new byte[size][];
        for (int i = 0; i < size; i++) {
            orders[i] = w.order(i);
            json[i] = w.json(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    public static CodecBenchmark create(int size, PrintStream out) {
        return new CodecBenchmark(size, out);
    }

    public void run() throws IOException {
        ObjectWriter writer = Json.mapper().writerFor(OrderPlaced.class);
        ObjectReader reader = Json.mapper().readerFor(OrderPlaced.class);
        JsonCodec<OrderPlaced> codec = JsonCodecs.of(OrderPlaced.class)
                .orElseThrow(() -> new IllegalStateException("OrderPlaced has no generated streaming codec"));
        for (int i = 0; i < orders.length; i++) {
            if (!Arrays.equals(writer.writeValueAsBytes(orders[i]), JsonCodecs.write(codec, orders[i]))
                    || !reader.readValue(json[i]).equals(JsonCodecs.read(codec, json[i]))) {
                throw new IllegalStateException("codec and databind differ on payload " + i);
            }
        }
        // contenders alternate batch by batch, so a load change on the machine hits both alike
        double[] us = us(List.of(
                i -> bytes(() -> writer.writeValueAsBytes(orders[i % orders.length])),
                i -> bytes(() -> JsonCodecs.write(codec, orders[i % orders.length])),
                i -> lines(() -> reader.readValue(json[i % json.length])),
                i -> lines(() -> JsonCodecs.read(codec, json[i % json.length])),
                i -> {
                    try {
                        return Json.mapper().readTree(json[i % json.length]).size();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        double dbEncode = us[0];
        double codecEncode = us[1];
        double dbDecode = us[2];
        double codecDecode = us[3];
        double tree = us[4];
        Table t = Table.of("JSON payload codec (benchmark OrderPlaced, " + json[0].length + " B), per record",
                "databind us", "generated codec us", "ratio");
        t.row("encode", f2(dbEncode), f2(codecEncode), f2(codecEncode / dbEncode));
        t.row("decode", f2(dbDecode), f2(codecDecode), f2(codecDecode / dbDecode));
        t.row("(reference: decode to a JsonNode tree)", f2(tree), "", "");
        out.println();
        out.print(t.render());
        out.printf("(CPU time of this thread; equal output checked on %d payloads first; checksum %d)%n", orders.length,
                sink);
    }

    @FunctionalInterface
    private interface Io<T> {
        T get() throws IOException;
    }

    private static long bytes(Io<byte[]> op) {
        try {
            return op.get().length;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lines(Io<Object> op) {
        try {
            return ((OrderPlaced) op.get()).lines().size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Median CPU µs per call of each op, batches of the ops interleaved. */
    private double[] us(List<IntToLongFunction> ops) {
        List<List<Double>> perOp = new ArrayList<>();
        ops.forEach(o -> perOp.add(new ArrayList<>()));
        for (int b = 0; b < WARMUP_BATCHES + BATCHES; b++) {
            for (int k = 0; k < ops.size(); k++) {
                IntToLongFunction op = ops.get(k);
                long acc = 0;
                long t = cpuNow();
                for (int i = 0; i < BATCH; i++) {
                    acc += op.applyAsLong(i);
                }
                long elapsed = cpuNow() - t;
                sink += acc;
                if (b >= WARMUP_BATCHES) {
                    perOp.get(k).add(elapsed / 1e3 / BATCH);
                }
            }
        }
        return perOp.stream().mapToDouble(Stats::median).toArray();
    }

    private static long cpuNow() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }
}
