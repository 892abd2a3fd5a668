package io.asyncapikafka.benchmarks;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratedSources;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.SourceFiles;
import io.asyncapikafka.maven.OutputSync;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Codegen speed: synthetic contracts of growing size go through the stages the plugin runs — read
 * ({@link ContractReader}), generate ({@link CodeGenerator#generateSources}: the Java files, each rendered to UTF-8
 * text as soon as it is built) and write (the plugin's {@link OutputSync}: parallel, atomic per file, into a fresh
 * folder per run, i.e. a clean build where every file is new).
 *
 * <p>Memory: allocation is the exact per-thread count ({@code com.sun.management.ThreadMXBean}); peak heap is the sum
 * of the heap pools' peak usage, reset after a {@link System#gc()} before each run (an upper bound: pools peak at
 * different moments and garbage counts until collected); retained is the heap in use after a GC with the model and
 * the files still referenced, minus the same figure before the run.
 */
final class CodegenBenchmark {

    private static final String BASE_PACKAGE = "com.acme.bench";

    private final List<Integer> sizes;
    private final int warmups;
    private final int runs;
    private final PrintStream out;
    /** Contracts, and every pass's output written to the disk (kept until the end, see {@link #pass}). */
    private final Path workDir;
    /** Where the timed write stage writes: a RAM-backed folder if the machine has one, else {@link #workDir}. */
    private final Path outputDir;
    private int passes;

    private CodegenBenchmark(List<Integer> sizes, int warmups, int runs, PrintStream out, Path workDir,
            Path outputDir) {
        this.sizes = List.copyOf(sizes);
        this.warmups = warmups;
        this.runs = runs;
        this.out = out;
        this.workDir = workDir;
        this.outputDir = outputDir;
    }

    static CodegenBenchmark create(List<Integer> sizes, int warmups, int runs, PrintStream out) throws IOException {
        Path work = Files.createTempDirectory("asyncapi-codegen-bench");
        Path shm = Path.of("/dev/shm");
        String configured = System.getProperty("bench.codegen.output", "auto");
        Path output = switch (configured) {
            case "auto" -> Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "asyncapi-codegen-bench") : work;
            case "disk" -> work;
            default -> Files.createDirectories(Path.of(configured)).resolve("asyncapi-codegen-bench-" + ProcessHandle
                    .current().pid());
        };
        return new CodegenBenchmark(sizes, warmups, runs, out, work, output);
    }

    /** The four stages, in order. */
    private static final String[] STAGES = {"read", "generate", "write"};

    /**
     * One read → generate (and render) → write pass: per stage wall nanoseconds, CPU nanoseconds of this thread and
     * allocated bytes; plus output size and heap figures.
     */
    private record Pass(long[] wallNs, long[] cpuNs, long[] allocated, long gcMillis, long processCpuNs, int files,
            long bytes, long peakHeapBytes, long retainedBytes, long diskWriteNs) {
        long totalNs() {
            return Arrays.stream(wallNs).sum();
        }

        long totalCpuNs() {
            return Arrays.stream(cpuNs).sum();
        }

        long totalAllocated() {
            return Arrays.stream(allocated).sum();
        }
    }

    /** Marks stage boundaries: wall clock, this thread's CPU time and its allocated bytes. */
    private static final class Clock {
        private final long[] wall = new long[STAGES.length + 1];
        private final long[] cpu = new long[STAGES.length + 1];
        private final long[] alloc = new long[STAGES.length + 1];
        private int next;

        void mark() {
            wall[next] = System.nanoTime();
            cpu[next] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            alloc[next] = allocatedBytes();
            next++;
        }

        static long[] diffs(long[] marks) {
            long[] d = new long[marks.length - 1];
            for (int i = 0; i < d.length; i++) {
                d[i] = marks[i + 1] - marks[i];
            }
            return d;
        }
    }

    void run() throws IOException {
        try {
            Map<Integer, Path> contracts = new LinkedHashMap<>();
            for (int n : sizes) {
                Path contract = workDir.resolve("synthetic-" + n + ".asyncapi.yaml");
                Files.writeString(contract, SyntheticContract.yaml(n), StandardCharsets.UTF_8);
                contracts.put(n, contract);
            }
            int largest = sizes.stream().max(Integer::compare).orElseThrow();
            // The largest contract once more in AsyncAPI 3.0: the same model, so only the read stage may differ.
            Path contract30 = workDir.resolve("synthetic-" + largest + "-3.0.asyncapi.yaml");
            Files.writeString(contract30, SyntheticContract.yamlV3(largest), StandardCharsets.UTF_8);
            List<Pass> measured30 = new ArrayList<>();
            double diskBefore = diskMicrosPerFile();

            // What `mvn generate-sources` pays: the first pass in a JVM where none of our code is compiled yet.
            Pass cold = pass(contracts.get(largest));

            for (int w = 0; w < warmups; w++) {
                for (Path contract : contracts.values()) {
                    pass(contract);
                }
                pass(contract30);
            }
            Map<Integer, List<Pass>> measured = new LinkedHashMap<>();
            for (int r = 0; r < runs; r++) {
                // Sizes interleaved per round, so a burst of load from other processes hits every size alike.
                for (Map.Entry<Integer, Path> e : contracts.entrySet()) {
                    measured.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(pass(e.getValue()));
                }
                measured30.add(pass(contract30));
            }
            double diskAfter = diskMicrosPerFile();
            print(contracts, measured, cold, largest, diskBefore, diskAfter, contract30, measured30);
        } finally {
            deleteTree(outputDir);
            deleteTree(workDir);
        }
    }

    private Pass pass(Path contract) throws IOException {
        // A fresh folder per pass (a clean build). The timed write goes to outputDir, RAM-backed where possible, and is
        // removed right after; the same files then also go to the disk, timed apart, into folders kept until the end:
        // deleting thousands of files right before creating thousands more makes this VM's ext4 (mounted with online
        // discard) several times slower at the creates, a cost of the benchmark's clean-up that no build pays.
        int pass = ++passes;
        Path output = outputDir.resolve("out-" + pass);
        heapUsedAfterGc();
        long baseline = heapUsedAfterGc();
        resetPeaks();
        long gcBefore = gcMillis();
        long processCpuBefore = processCpuNs();
        Clock clock = new Clock();

        clock.mark();
        ReadResult read = ContractReader.create(ReaderOptions.defaults()).read(contract);
        AsyncApiModel model = read.orThrow();
        clock.mark();
        GeneratedSources generated = CodeGenerator.create(GeneratorOptions.of(BASE_PACKAGE)).generateSources(model);
        if (generated.hasErrors()) {
            throw new IllegalStateException("synthetic contract does not generate: " + generated.diagnostics());
        }
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        for (SourceFiles.Source source : generated.sources()) {
            rendered.put(source.path(), source.bytes());
        }
        clock.mark();
        long bytes = write(output, rendered);
        clock.mark();
        long processCpu = processCpuNs() - processCpuBefore;
        long gc = gcMillis() - gcBefore;
        long diskWrite = 0;
        if (!outputDir.equals(workDir)) {
            long t = System.nanoTime();
            write(workDir.resolve("out-" + pass), rendered);
            diskWrite = System.nanoTime() - t;
            deleteTree(output);
        }

        long peak = peakHeap();
        long retained = heapUsedAfterGc() - baseline;
        Reference.reachabilityFence(model);
        Reference.reachabilityFence(generated);
        Reference.reachabilityFence(rendered);
        return new Pass(Clock.diffs(clock.wall), Clock.diffs(clock.cpu), Clock.diffs(clock.alloc), gc, processCpu,
                rendered.size(), bytes, peak, retained, diskWrite);
    }

    /** The plugin's writer on a fresh folder (nothing previously produced): every file is new. */
    private static long write(Path output, Map<String, byte[]> files) throws IOException {
        OutputSync.Result result = OutputSync.sync(output, files, List.of());
        if (result.written().size() != files.size()) {
            throw new IllegalStateException("a fresh folder must get every file written: " + result.unchanged());
        }
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    private void print(Map<Integer, Path> contracts, Map<Integer, List<Pass>> measured, Pass cold, int largest,
            double diskBefore, double diskAfter, Path contract30, List<Pass> measured30) throws IOException {
        boolean separateDisk = !outputDir.equals(workDir);
        out.printf("%nCODEGEN: read -> generate (+ render) -> write, in-process; median of %d runs after %d warm-up"
                + " rounds (each column's median separately)%n", runs, warmups);
        Table time = Table.of("channels", "read ms", "generate ms", "write ms", "total ms",
                "ms/channel", "thread CPU ms", "process CPU ms", "GC ms", "write to disk ms");
        Table size = Table.of("channels", "contract KB", "files", "source KB", "alloc MB read/gen/write",
                "alloc MB", "peak heap MB", "retained MB");
        Map<Integer, Double> totals = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Pass>> e : measured.entrySet()) {
            int n = e.getKey();
            List<Pass> p = e.getValue();
            double total = median(p, x -> x.totalNs() / 1e6);
            totals.put(n, total);
            time.row(n, f1(stageMs(p, 0)), f1(stageMs(p, 1)), f1(stageMs(p, 2)), f1(total),
                    f2(total / n), f1(median(p, x -> x.totalCpuNs() / 1e6)), f1(median(p, x -> x.processCpuNs() / 1e6)),
                    f1(median(p, x -> (double) x.gcMillis())),
                    separateDisk ? f1(median(p, x -> x.diskWriteNs() / 1e6)) : "(= write)");
            StringBuilder alloc = new StringBuilder();
            for (int s = 0; s < STAGES.length; s++) {
                int stage = s;
                alloc.append(s == 0 ? "" : " / ").append(f0(median(p, x -> x.allocated()[stage] / MB)));
            }
            Pass any = p.get(0);
            size.row(n, Files.size(contracts.get(n)) / 1024, any.files(), any.bytes() / 1024, alloc,
                    f0(median(p, x -> x.totalAllocated() / MB)), f0(median(p, x -> x.peakHeapBytes() / MB)),
                    f0(median(p, x -> x.retainedBytes() / MB)));
        }
        {
            List<Pass> p = measured30;
            double total = median(p, x -> x.totalNs() / 1e6);
            String label = largest + " (AsyncAPI 3.0)";
            time.row(label, f1(stageMs(p, 0)), f1(stageMs(p, 1)), f1(stageMs(p, 2)), f1(total),
                    f2(total / largest), f1(median(p, x -> x.totalCpuNs() / 1e6)),
                    f1(median(p, x -> x.processCpuNs() / 1e6)), f1(median(p, x -> (double) x.gcMillis())),
                    separateDisk ? f1(median(p, x -> x.diskWriteNs() / 1e6)) : "(= write)");
            StringBuilder alloc = new StringBuilder();
            for (int s = 0; s < STAGES.length; s++) {
                int stage = s;
                alloc.append(s == 0 ? "" : " / ").append(f0(median(p, x -> x.allocated()[stage] / MB)));
            }
            size.row(label, Files.size(contract30) / 1024, p.get(0).files(), p.get(0).bytes() / 1024, alloc,
                    f0(median(p, x -> x.totalAllocated() / MB)), f0(median(p, x -> x.peakHeapBytes() / MB)),
                    f0(median(p, x -> x.retainedBytes() / MB)));
        }
        out.print(time.render());
        out.print(size.render());
        out.printf("first pass in a cold JVM, %d channels: read %.0f, generate %.0f, write %.0f,"
                        + " total %.0f ms wall (%.0f ms thread CPU) - what one fresh `mvn generate-sources` pays%n",
                largest, cold.wallNs()[0] / 1e6, cold.wallNs()[1] / 1e6, cold.wallNs()[2] / 1e6,
                cold.totalNs() / 1e6, cold.totalCpuNs() / 1e6);
        List<Integer> ns = new ArrayList<>(totals.keySet());
        int small = ns.get(0);
        int big = ns.get(ns.size() - 1);
        List<Integer> froms = ns.size() > 2 ? List.of(small, ns.get(ns.size() - 2)) : ns.size() == 2 ? List.of(small)
                : List.of();
        for (int from : froms) {
            double growth = totals.get(big) / totals.get(from);
            out.printf("growth %d -> %d channels: total x%.1f for x%.0f channels, cost per channel x%.2f"
                    + " (1.00 = linear)%n", from, big, growth, (double) big / from, growth / ((double) big / from));
        }
        double warm = totals.get(big);
        out.printf("output of the timed write stage: %s; the disk (%s): a plain 3 KB Files.write of a new file took %.0f"
                + " us before the passes and %.0f us after (this VM's disk varies about 10x with its recent load)%n",
                separateDisk ? outputDir + " (RAM-backed)" : outputDir + " (disk)", workDir.getParent(), diskBefore,
                diskAfter);
        out.printf("goal %d channels under 2000 ms: warm %.0f ms %s; cold %.0f ms %s%n", big, warm,
                warm < 2000 ? "MET" : "NOT MET", cold.totalNs() / 1e6, cold.totalNs() / 1e6 < 2000 ? "MET" : "NOT MET");
        if (separateDisk) {
            List<Pass> p = measured.get(big);
            double onDisk = median(p, x -> (x.totalNs() - x.wallNs()[2] + x.diskWriteNs()) / 1e6);
            out.printf("  the same with the output on the disk instead: warm %.0f ms %s%n", onDisk,
                    onDisk < 2000 ? "MET" : "NOT MET");
        }
        out.println("notes: ms = wall clock (inflated by other load; thread CPU ms excludes waiting and GC threads; process CPU ms = all threads of the JVM, 2 cores make at most 2 ms of it per wall ms);"
                + " generate = CodeGenerator.generateSources as the plugin runs it: types, Kafka API, and each file rendered to UTF-8 as soon as it is built, in parallel; write = the"
                + " plugin's OutputSync into a folder that does not exist yet (a clean build: files written in parallel into a"
                + " staging folder renamed into place), on the RAM-backed folder named above; write to disk = the same"
                + " files through the same writer to the disk (not in total ms); thread CPU and alloc count the"
                + " benchmark thread only (generate and write also run on common-pool threads); alloc = bytes this thread"
                + " allocated (exact); peak heap = sum of heap pools' peaks after a GC + reset (upper bound); retained = heap held by model + files + bytes after a GC.");
    }

    private static final double MB = 1024.0 * 1024.0;

    private static double stageMs(List<Pass> passes, int stage) {
        return median(passes, p -> p.wallNs()[stage] / 1e6);
    }

    private static double median(List<Pass> passes, java.util.function.ToDoubleFunction<Pass> f) {
        return Stats.median(passes.stream().map(f::applyAsDouble).toList());
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    private static String f0(double v) {
        return String.format("%.0f", v);
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** CPU time of the whole JVM (all threads: the pool's, GC, JIT), or 0 where the JVM does not report it. */
    private static long processCpuNs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** Microseconds per new 3 KB file written with plain {@link Files#write} on the disk, median of 5 x 400. */
    private double diskMicrosPerFile() throws IOException {
        byte[] content = new byte[3_000];
        List<Double> samples = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            Path dir = Files.createDirectories(workDir.resolve("calibration-" + System.nanoTime()));
            long t = System.nanoTime();
            for (int i = 0; i < 400; i++) {
                Files.write(dir.resolve("F" + i + ".java"), content);
            }
            samples.add((System.nanoTime() - t) / 1e3 / 400);
        }
        return Stats.median(samples);
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean sun) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0; // not a HotSpot-like JVM: the column reads 0
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
