package io.asyncapikafka.benchmarks;

import io.asyncapikafka.compat.CompatChecker;
import io.asyncapikafka.compat.CompatOptions;
import io.asyncapikafka.compat.Finding;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Contract evolution speed (issue 12's goal: under 2 s in-process): the {@link SyntheticContract} of {@code channels}
 * channels against a copy with one edit on every tenth channel, half of them partitions increased on a keyed channel,
 * half an enum value removed from a payload. A timed pass is what the {@code compat} goal does per baseline: read both
 * contracts ({@link ContractReader}) and compare them ({@link CompatChecker#compare}).
 */
final class CompatBenchmark {

    /** The goal the issue sets for the 500-channel contract with 50 edits. */
    static final double GOAL_MS = 2_000;

    private final int channels;
    private final int warmups;
    private final int runs;
    private final PrintStream out;

    CompatBenchmark(int channels, int warmups, int runs, PrintStream out) {
        this.channels = channels;
        this.warmups = warmups;
        this.runs = runs;
        this.out = out;
    }

    /** A pass's figures and what it found. */
    private record Pass(long readNs, long compareNs, List<Finding> findings) {}

    void run() throws IOException {
        Path dir = Files.createTempDirectory("asyncapi-compat-bench");
        try {
            Path old = dir.resolve("old.asyncapi.yaml");
            Path now = dir.resolve("new.asyncapi.yaml");
            String baseline = SyntheticContract.yaml(channels);
            Set<String> edited = new TreeSet<>();
            Files.writeString(old, baseline, StandardCharsets.UTF_8);
            Files.writeString(now, edit(baseline, edited), StandardCharsets.UTF_8);

            Pass cold = pass(old, now);
            check(cold.findings(), edited);
            for (int w = 0; w < warmups; w++) {
                pass(old, now);
            }
            List<Pass> measured = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                measured.add(pass(old, now));
            }
            List<Double> read = measured.stream().map(p -> p.readNs() / 1e6).toList();
            List<Double> compare = measured.stream().map(p -> p.compareNs() / 1e6).toList();
            List<Double> total = measured.stream().map(p -> (p.readNs() + p.compareNs()) / 1e6).toList();
            double median = Stats.median(total);
            long breaking = cold.findings().stream().filter(Finding::isBreaking).count();

            out.printf("%nCOMPAT: read both contracts + compare, in-process; median of %d runs after %d warm-up runs"
                    + " (goal: under %.0f ms)%n", runs, warmups, GOAL_MS);
            out.print(Table.of("channels", "edits", "findings", "breaking", "read both ms", "compare ms", "total ms",
                    "first run ms (cold JVM)", "goal met")
                    .row(channels, edited.size(), cold.findings().size(), breaking,
                            String.format("%.1f", Stats.median(read)), String.format("%.1f", Stats.median(compare)),
                            String.format("%.1f", median),
                            String.format("%.1f", (cold.readNs() + cold.compareNs()) / 1e6),
                            median < GOAL_MS ? "yes" : "NO")
                    .render());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Pass pass(Path old, Path now) {
        long t0 = System.nanoTime();
        ContractReader reader = ContractReader.create(ReaderOptions.defaults());
        AsyncApiModel baseline = reader.read(old).orThrow();
        AsyncApiModel current = reader.read(now).orThrow();
        long t1 = System.nanoTime();
        List<Finding> findings = CompatChecker.compare(baseline, current, CompatOptions.defaults());
        long t2 = System.nanoTime();
        return new Pass(t1 - t0, t2 - t1, findings);
    }

    /**
     * One edit on every tenth channel: {@code i % 20 == 0} gets one more partition (the channels are keyed, so the
     * key → partition mapping changes), the others lose the enum value {@code CLOSED} from their created message's
     * {@code status}. Records the edited channels' topics in {@code edited}.
     */
    static String edit(String yaml, Set<String> edited) {
        StringBuilder y = new StringBuilder(yaml);
        for (int i = 0; i < count(yaml); i += 10) {
            String topic = "domain" + (i % 20) + ".entity" + i + ".v1";
            edited.add(topic);
            if (i % 20 == 0) {
                String partitions = "        topic: " + topic + "\n        partitions: " + (1 + i % 12) + "\n";
                replaceOnce(y, partitions, "        topic: " + topic + "\n        partitions: " + (2 + i % 12) + "\n",
                        0);
            } else {
                int from = indexOf(y, "    Entity" + i + "Created:\n", 0);
                replaceOnce(y, "status: {type: string, enum: [NEW, ACTIVE, SUSPENDED, CLOSED]}",
                        "status: {type: string, enum: [NEW, ACTIVE, SUSPENDED]}", from);
            }
        }
        return y.toString();
    }

    private static int count(String yaml) {
        int n = 0;
        while (yaml.contains("    Entity" + n + "Created:\n")) {
            n++;
        }
        return n;
    }

    private static void replaceOnce(StringBuilder y, String what, String with, int from) {
        int at = indexOf(y, what, from);
        y.replace(at, at + what.length(), with);
    }

    private static int indexOf(StringBuilder y, String what, int from) {
        int at = y.indexOf(what, from);
        if (at < 0) {
            throw new IllegalStateException("the synthetic contract no longer has: " + what.strip());
        }
        return at;
    }

    /** Not a figure but a sanity check: a comparison that missed the edits would time nothing worth printing. */
    private static void check(List<Finding> findings, Set<String> edited) {
        Set<String> found = findings.stream().map(Finding::channel).filter(c -> c != null)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!found.equals(edited)) {
            throw new IllegalStateException("compat found changes on " + found.size() + " channels, expected exactly the "
                    + edited.size() + " edited ones; findings: "
                    + findings.stream().map(Finding::format).limit(5).toList());
        }
    }
}
