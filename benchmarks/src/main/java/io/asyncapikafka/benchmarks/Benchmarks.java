package io.asyncapikafka.benchmarks;

import io.asyncapikafka.benchmarks.runtime.CodecBenchmark;
import io.asyncapikafka.benchmarks.runtime.RuntimeBenchmark;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Prints the codegen table and the runtime table in one run. Figures are printed, never asserted: they depend on the
 * machine and its load, which is printed alongside.
 *
 * <p>Arguments: {@code codegen}, {@code compat}, {@code codec}, {@code avro}, {@code runtime}, {@code pipeline} (comma-separated), {@code all} or nothing (every part). Sizes and counts are system properties
 * ({@code bench.*}, see {@code benchmarks/README.md}).
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Set<String> parts = new java.util.HashSet<>();
        for (String a : args) {
            parts.addAll(Arrays.asList(a.split(",")));
        }
        if (parts.isEmpty() || parts.remove("all")) {
            parts.addAll(List.of("codegen", "compat", "codec", "avro", "runtime", "pipeline"));
        }
        PrintStream out = System.out;
        out.println("asyncapi-kafka benchmarks");
        out.printf("machine: %d CPUs, %s %s, max heap %d MB; load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024), loadAverage());
        if (parts.contains("codegen")) {
            CodegenBenchmark.create(intList("bench.codegen.sizes", "10,100,500"),
                    Integer.getInteger("bench.codegen.warmups", 3), Integer.getInteger("bench.codegen.runs", 5), out)
                    .run();
        }
        if (parts.contains("compat")) {
            new CompatBenchmark(Integer.getInteger("bench.compat.channels", 500),
                    Integer.getInteger("bench.compat.warmups", 3), Integer.getInteger("bench.compat.runs", 5), out).run();
        }
        if (parts.contains("codec")) { // issue 13: generated streaming codec against databind, no broker
            CodecBenchmark.create(Integer.getInteger("bench.codec.payloads", 1000), out).run();
        }
        if (parts.contains("avro")) {
            new io.asyncapikafka.benchmarks.runtime.AvroBenchmark(Integer.getInteger("bench.avro.records", 20_000),
                    Integer.getInteger("bench.avro.rounds", 5), out).run();
        }
        if (parts.contains("runtime")) {
            RuntimeBenchmark.create(RuntimeBenchmark.Settings.fromSystemProperties(), out).run();
        }
        if (parts.contains("pipeline")) {
            io.asyncapikafka.benchmarks.pipeline.PipelineBenchmark.fromSystemProperties(out).run();
        }
        out.printf("%nload average after: %s%n", loadAverage());
    }

    /** The 1/5/15-minute load averages (Linux), else the JVM's 1-minute figure. */
    static String loadAverage() {
        try {
            Path proc = Path.of("/proc/loadavg");
            if (Files.isReadable(proc)) {
                String[] f = Files.readString(proc).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2] + " (1/5/15 min)";
            }
        } catch (IOException e) {
            // fall back to the JVM's figure below
        }
        return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<Integer> intList(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
    }
}
