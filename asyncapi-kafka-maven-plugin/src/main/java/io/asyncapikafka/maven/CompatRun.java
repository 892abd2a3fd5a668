package io.asyncapikafka.maven;

import io.asyncapikafka.compat.CompatChecker;
import io.asyncapikafka.compat.CompatOptions;
import io.asyncapikafka.compat.DocumentModes;
import io.asyncapikafka.compat.Finding;
import io.asyncapikafka.compat.Rule;
import io.asyncapikafka.compat.Severity;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The {@code compat} goal without Maven: reads the contract and each baseline with the real reader, compares them,
 * prints every finding as a clickable line and a summary table, and fails on breaking findings nobody acknowledged.
 */
final class CompatRun {

    /** A deliberate breaking change: its rule and the JSON pointer of the finding (new document, else old). */
    record Acknowledgement(String rule, String pointer) {

        /** {@code RULE_ID #/pointer} (the {@code #} optional). */
        static Acknowledgement parse(String text) throws InvalidParameterException {
            String t = text == null ? "" : text.trim();
            int space = t.indexOf(' ');
            String rule = space < 0 ? t : t.substring(0, space);
            String pointer = space < 0 ? "" : t.substring(space + 1).trim();
            if (pointer.startsWith("#")) {
                pointer = pointer.substring(1);
            }
            boolean known = Stream.of(Rule.values()).anyMatch(r -> r.id().equals(rule));
            if (!known || pointer.isEmpty() || !pointer.startsWith("/")) {
                throw new InvalidParameterException("Invalid acknowledgement '" + text + "': write the rule id and"
                        + " the JSON pointer the finding prints, e.g. REQUIRED_PROPERTY_REMOVED"
                        + " #/components/schemas/Order (rule ids are listed in COMPAT.md)");
            }
            return new Acknowledgement(rule, pointer);
        }

        boolean matches(Finding f) {
            return f.rule().id().equals(rule)
                    && (f.newLocation().pointer().equals(pointer) || f.oldLocation().pointer().equals(pointer));
        }

        @Override
        public String toString() {
            return rule + " #" + pointer;
        }
    }

    /** What the run found. */
    record Result(List<Finding> findings, int breaking, int acknowledged) {}

    private CompatRun() {}

    /**
     * @param baselines oldest first: files (relative to {@code root}) or {@code git:<rev>}
     */
    static Result run(Path contract, ReaderOptions readerOptions, List<String> baselines, CompatOptions options,
            List<Acknowledgement> acknowledgements, BuildLog log) throws ContractFailure {
        return run(contract, readerOptions, baselines, options, acknowledgements, Baselines.ArtifactResolver.NONE, log);
    }

    /**
     * @param artifacts resolves {@code groupId:artifactId:version} baselines to their attached contract archive
     */
    static Result run(Path contract, ReaderOptions readerOptions, List<String> baselines, CompatOptions options,
            List<Acknowledgement> acknowledgements, Baselines.ArtifactResolver artifacts, BuildLog log)
            throws ContractFailure {
        Path file = contract.toAbsolutePath().normalize();
        AsyncApiModel current = read(file, readerOptions, log);
        Map<String, AsyncApiModel> models = readBaselines(file, readerOptions, baselines, artifacts, log);
        List<Finding> findings = CompatChecker.compare(models, current, documentModes(file, options, current));
        return report(file, findings, acknowledgements, log);
    }

    /** Each baseline read into a model, by its label, in the order given. */
    static Map<String, AsyncApiModel> readBaselines(Path contract, ReaderOptions readerOptions, List<String> baselines,
            Baselines.ArtifactResolver artifacts, BuildLog log) throws ContractFailure {
        Path file = contract.toAbsolutePath().normalize();
        Path root = readerOptions.rootDirectory() != null ? readerOptions.rootDirectory() : file.getParent();
        Map<String, AsyncApiModel> models = new LinkedHashMap<>();
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("asyncapi-compat");
            int n = 0;
            for (String spec : baselines) {
                Path into = scratch.resolve(Integer.toString(n++));
                Files.createDirectories(into);
                Baselines.Baseline b = Baselines.resolve(spec, file, root, into.toRealPath(), artifacts);
                AsyncApiModel model = read(b.contract(), readerOptions.withRootDirectory(b.root()), log);
                models.put(b.label(), model);
            }
        } catch (IOException e) {
            throw new ContractFailure("Cannot prepare the baseline: " + e.getMessage());
        } finally {
            deleteQuietly(scratch);
        }
        return models;
    }

    /**
     * The Avro schemas the baselines know (every message's schema and the other versions it lists), for the
     * generator's single-object readers (see {@code GeneratorOptions#avroBaselineSchemas}).
     */
    static List<String> avroSchemasOf(Path contract, ReaderOptions readerOptions, List<String> baselines,
            Baselines.ArtifactResolver artifacts, BuildLog log) throws ContractFailure {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (AsyncApiModel model : readBaselines(contract, readerOptions, baselines, artifacts, log).values()) {
            out.addAll(io.asyncapikafka.model.AvroVersions.schemasOf(model));
        }
        return List.copyOf(out);
    }

    /** The options with the contract's {@code x-compatibility} on channels and messages added. */
    private static CompatOptions documentModes(Path file, CompatOptions options, AsyncApiModel model)
            throws ContractFailure {
        try {
            Object tree = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            return DocumentModes.apply(options, tree, model);
        } catch (IOException e) {
            throw new ContractFailure("Cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ContractFailure(file.getFileName() + ": " + e.getMessage());
        }
    }

    private static AsyncApiModel read(Path contract, ReaderOptions options, BuildLog log) throws ContractFailure {
        return ContractDiagnostics.read(contract, p -> ContractReader.create(options).read(p), log).model()
                .orElseThrow();
    }

    private static Result report(Path contract, List<Finding> findings, List<Acknowledgement> acknowledgements,
            BuildLog log) throws ContractFailure {
        List<String> failures = new ArrayList<>();
        int acknowledged = 0;
        List<Acknowledgement> used = new ArrayList<>();
        Map<Rule, int[]> table = new TreeMap<>(Comparator.comparing(Rule::ordinal));
        for (Finding f : findings) {
            String line = clickable(f, contract);
            int[] row = table.computeIfAbsent(f.rule(), r -> new int[4]);
            Acknowledgement ack = acknowledgements.stream().filter(a -> a.matches(f)).findFirst().orElse(null);
            if (f.isBreaking() && ack != null) {
                used.add(ack);
                acknowledged++;
                row[3]++;
                log.warn(line + " (acknowledged)");
            } else if (f.isBreaking()) {
                row[0]++;
                log.error(line);
                failures.add(line);
            } else if (f.severity() == Severity.NEEDS_COORDINATION) {
                row[1]++;
                log.warn(line);
            } else {
                row[2]++;
                log.info(line);
            }
        }
        for (Acknowledgement a : acknowledgements) {
            if (!used.contains(a)) {
                log.warn("asyncapi-kafka compat: acknowledgement " + a + " matches no breaking finding (remove it)");
            }
        }
        summary(table, log);
        if (!failures.isEmpty()) {
            throw new ContractFailure("Contract " + contract.getFileName() + " has "
                    + ContractDiagnostics.count(failures.size(), "breaking change")
                    + " against its baseline. Version the channel (e.g. orders.v2 beside orders.v1), or acknowledge"
                    + " a deliberate change with <acknowledgement>RULE #/pointer</acknowledgement>:\n"
                    + String.join("\n", failures));
        }
        return new Result(findings, failures.size(), acknowledged);
    }

    private static void summary(Map<Rule, int[]> table, BuildLog log) {
        if (table.isEmpty()) {
            log.info("asyncapi-kafka compat: no contract changes that reach the wire");
            return;
        }
        log.info(String.format("asyncapi-kafka compat: %-28s %8s %12s %5s %5s", "rule", "breaking", "coordination",
                "safe", "ack'd"));
        int[] total = new int[4];
        for (Map.Entry<Rule, int[]> e : table.entrySet()) {
            int[] r = e.getValue();
            log.info(String.format("asyncapi-kafka compat: %-28s %8d %12d %5d %5d", e.getKey().id(), r[0], r[1], r[2],
                    r[3]));
            for (int i = 0; i < 4; i++) {
                total[i] += r[i];
            }
        }
        log.info(String.format("asyncapi-kafka compat: %-28s %8d %12d %5d %5d", "total", total[0], total[1], total[2],
                total[3]));
    }

    /** The finding's line with the new document's file made absolute, so IDEs and CI link it. */
    static String clickable(Finding f, Path contract) {
        String text = f.format();
        String file = f.newLocation().file();
        if (file.isEmpty() || !text.startsWith(file)) {
            return text;
        }
        return contract.getParent().resolve(file).normalize() + text.substring(file.length());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder under the temp directory; the OS cleans it up eventually
        }
    }
}
