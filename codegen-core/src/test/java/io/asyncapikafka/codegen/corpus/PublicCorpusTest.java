package io.asyncapikafka.codegen.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.Validatable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public corpus ({@code src/test/resources/corpus}, see its README): AsyncAPI documents taken unmodified from public
 * repositories, each judged by the official JavaScript parser ({@code tools/corpus-judge}). For every document in
 * {@code verdicts.tsv}:
 * <ul>
 *   <li>{@code ok}: read without errors, generated (twice, byte-identical), compiled ({@code -Xlint:all -Werror}),
 *       every generated class loaded and initialised, and every message example the official parser read
 *       ({@code examples.json}) read into its generated payload type and validated clean, under both roles;</li>
 *   <li>{@code refused CODES} (the official parser calls it invalid) and {@code unsupported CODES} (valid, but uses
 *       something this project does not support, the reason in the note): read with errors, among them every listed
 *       code, each error located;</li>
 *   <li>a {@code today} mark {@code fails TOKEN (why)} makes a failing expectation a known gap, printed loudly, and
 *       only while the failure really is {@code TOKEN} (a diagnostic code, {@code javac}, or {@code accepted} for an
 *       invalid document that is read without errors). A known gap that now meets its expectation fails the test, so
 *       the mark is removed when the gap is closed.</li>
 * </ul>
 * A reader bug ({@code AKM099}) fails the test whatever the marks say. A summary with every figure is printed at the end.
 */
class PublicCorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final String BASE = "com.example.corpus";
    private static final int MIN_DOCUMENTS = 50;
    /** The reader's "this is a bug" code: never an acceptable outcome, known gap or not. */
    private static final String READER_BUG = "AKM099";

    private static final Map<String, Result> RESULTS = new TreeMap<>();
    /** A generation summary line's message name and payload type (see CodeGenerator's summary). */
    private static final Pattern SUMMARY_PAYLOAD = Pattern.compile(".* (\\S+): payload (\\S+?)(, key .*|, headers .*)?");
    private static final JsonNode EXAMPLES = readExamples();
    /** path, message name, example index, reason: examples the official parser accepts but that break a rule it skips. */
    private static final List<String[]> SKIPPED_EXAMPLES = readSkippedExamples();

    private static List<String[]> readSkippedExamples() {
        try {
            return Files.readAllLines(CORPUS.resolve("examples-skip.tsv"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", -1))
                    .peek(c -> {
                        if (c.length != 4 || c[3].isBlank()) {
                            throw new IllegalArgumentException("examples-skip.tsv: path, message, index, reason: "
                                    + String.join(" | ", c));
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readExamples() {
        try {
            return new ObjectMapper().readTree(CORPUS.resolve("examples.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The reader's options for one role. Documents are read as a user's build would read them: defaults, with
     * {@link #CORPUS} as the project's base directory, so that {@code social-media/*}'s {@code ../common} references
     * resolve as they would in a project holding the corpus ({@code $ref}s may leave the contract's folder but not
     * the project).
     */
    static ReaderOptions readerOptions(Role role) {
        return ReaderOptions.defaults().withRole(role).withRootDirectory(CORPUS);
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentMeetsItsVerdict() throws IOException {
        List<Verdict> verdicts = Verdict.load(CORPUS.resolve("verdicts.tsv"));
        Set<String> sources = documentsInSources();
        assertThat(verdicts).extracting(Verdict::path).as("verdicts.tsv lists exactly the documents of SOURCES.tsv")
                .containsExactlyInAnyOrderElementsOf(sources);
        assertThat(verdicts).hasSizeGreaterThanOrEqualTo(MIN_DOCUMENTS);
        return verdicts.stream().map(v -> DynamicTest.dynamicTest(v.path(), () -> check(v)));
    }

    private static Set<String> documentsInSources() throws IOException {
        Set<String> docs = new LinkedHashSet<>();
        for (String line : Files.readAllLines(CORPUS.resolve("SOURCES.tsv"), StandardCharsets.UTF_8)) {
            String[] c = line.split("\t", -1);
            if (!line.startsWith("#") && c.length > 1 && c[1].equals("document")) {
                docs.add(c[0]);
                assertThat(CORPUS.resolve(c[0])).as("SOURCES.tsv names a file that is not there").isRegularFile();
            }
        }
        return docs;
    }

    private static void check(Verdict v) {
        Observation seen = observe(v);
        boolean met = v.expectsOk() ? seen.failures.isEmpty() : seen.refusedWith(v.expectedCodes());
        String detail = v.expectsOk() ? String.join("; ", seen.failures) : "errors " + seen.errorCodes;
        Result result;
        if (seen.errorCodes.contains(READER_BUG)) {
            result = seen.result(v, Status.FAILED, "the reader reported a bug (" + READER_BUG + "): " + detail);
        } else if (v.knownGap() == null) {
            result = seen.result(v, met ? Status.MET : Status.FAILED, detail);
        } else if (met) {
            result = seen.result(v, Status.GAP_CLOSED, detail);
        } else {
            boolean sameReason = v.knownGap().stream().anyMatch(seen.tokens()::contains);
            result = seen.result(v, sameReason ? Status.KNOWN_GAP : Status.GAP_CHANGED, detail);
        }
        RESULTS.put(v.path(), result);
        switch (result.status) {
            case MET, KNOWN_GAP -> { }
            case FAILED -> throw new AssertionError(v.path() + ": expected " + v.expected() + ", but: " + detail);
            case GAP_CLOSED -> throw new AssertionError(v.path() + ": marked as a known gap ('" + v.today()
                    + "') but it now meets '" + v.expected() + "': remove the mark from verdicts.tsv");
            case GAP_CHANGED -> throw new AssertionError(v.path() + ": marked '" + v.today() + "' but fails for "
                    + "another reason: " + detail + (v.expectedCodes().contains(Verdict.PENDING) ? " (expected code "
                    + "'pending': once this project reports the reason, put its code into verdicts.tsv)" : ""));
        }
    }

    /** Reads (and for an ok document generates and compiles) under both roles, collecting what went wrong. */
    private static Observation observe(Verdict v) {
        Path file = CORPUS.resolve(v.path());
        Observation seen = new Observation();
        for (Role role : v.expectsOk() ? List.of(Role.APPLICATION, Role.CLIENT) : List.of(Role.APPLICATION)) {
            ReadResult read = ContractReader.create(readerOptions(role)).read(file);
            List<Diagnostic> errors = read.errors();
            errors.forEach(d -> seen.errorCodes.add(d.code()));
            errors.stream().filter(d -> d.location().line() <= 0 && !d.code().equals("AKM001"))
                    .forEach(d -> seen.failures.add("unlocated error " + d.format()));
            if (!errors.isEmpty()) {
                seen.failures.add(role + ": " + errors.size() + " error(s) "
                        + errors.stream().map(Diagnostic::code).distinct().toList() + ", first " + brief(errors.get(0)));
                continue;
            }
            GenerationResult generated = CodeGenerator.create(GeneratorOptions.of(BASE)).generate(read.orThrow());
            List<Diagnostic> genErrors = generated.diagnostics().stream().filter(Diagnostic::isError).toList();
            genErrors.forEach(d -> seen.errorCodes.add(d.code()));
            if (!v.expectsOk()) {
                continue; // a build refuses at reading or at generating (e.g. an example that breaks its schema)
            }
            if (!genErrors.isEmpty()) {
                seen.failures.add(role + ": generation error " + brief(genErrors.get(0)));
                continue;
            }
            List<String> again = CodeGenerator.create(GeneratorOptions.of(BASE)).generate(read.orThrow()).files()
                    .stream().map(JavaFile::toString).toList();
            if (!again.equals(generated.files().stream().map(JavaFile::toString).toList())) {
                seen.failures.add(role + ": generating twice gave different sources");
            }
            Compiled compiled;
            try {
                compiled = InMemoryCompiler.compile(generated.files());
            } catch (AssertionError e) {
                seen.javacFailed = true;
                seen.failures.add(role + ": javac " + firstLines(e.getMessage(), 3));
                continue;
            }
            for (JavaFile f : generated.files()) {
                try { // loading initialises: static state built from the contract (patterns, constants) runs here
                    compiled.load(f.packageName() + "." + f.typeSpec().name());
                } catch (AssertionError | LinkageError e) {
                    seen.failures.add(role + ": loading " + f.typeSpec().name() + " failed: " + e);
                }
            }
            checkExamples(v, role, generated, compiled, seen);
        }
        return seen;
    }

    /**
     * Every message example the official parser read from the document ({@code examples.json}, written by the judge:
     * message {@code examples[].payload} and the payload schema's {@code examples}) is read into the generated payload
     * type and validates clean: the official parser has already checked it against the payload schema.
     */
    private static void checkExamples(Verdict v, Role role, GenerationResult generated, Compiled compiled,
            Observation seen) {
        JsonNode groups = EXAMPLES.path(v.path());
        if (groups.isMissingNode()) {
            return;
        }
        Map<String, Set<String>> payloadTypes = new TreeMap<>();
        for (String line : generated.summary()) {
            Matcher m = SUMMARY_PAYLOAD.matcher(line);
            if (m.matches()) {
                payloadTypes.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>()).add(m.group(2));
            }
        }
        for (JsonNode group : groups) {
            Set<String> types = new LinkedHashSet<>();
            group.path("names").forEach(n -> types.addAll(payloadTypes.getOrDefault(n.asText(), Set.of())));
            for (String type : types) {
                if (!type.startsWith(BASE + ".")) {
                    continue; // JsonNode or a JDK type: nothing generated to check
                }
                Class<?> cls = compiled.load(type);
                int i = 0;
                for (JsonNode payload : group.path("payloads")) {
                    int index = i++;
                    String skipped = skippedExample(v.path(), group.path("names"), index);
                    if (skipped != null) {
                        seen.examplesSkipped.add(group.path("names") + " #" + index + ": " + skipped);
                        continue;
                    }
                    String where = role + ": example " + index + " of message " + group.path("names") + " as " + type;
                    try {
                        Object value = compiled.read(payload.toString(), cls);
                        if (value instanceof Validatable) {
                            List<String> violations = Compiled.violations(value);
                            if (!violations.isEmpty()) {
                                seen.failures.add(where + ": violations " + violations);
                            }
                        }
                        seen.examplesChecked++;
                    } catch (AssertionError | RuntimeException e) {
                        seen.failures.add(where + ": " + firstLines(String.valueOf(e.getMessage()), 1));
                    }
                }
            }
        }
    }

    /** The reason from {@code examples-skip.tsv} for not checking this example, or null. */
    private static String skippedExample(String path, JsonNode names, int index) {
        for (String[] row : SKIPPED_EXAMPLES) {
            if (row[0].equals(path) && row[2].equals(String.valueOf(index))) {
                for (JsonNode n : names) {
                    if (n.asText().equals(row[1])) {
                        return row[3];
                    }
                }
            }
        }
        return null;
    }

    /** Location, code and message, without the hint: enough to see the reason in a one-line-per-document table. */
    private static String brief(Diagnostic d) {
        String text = d.location() + " " + d.code() + " " + d.message();
        return text.length() > 220 ? text.substring(0, 217) + "..." : text;
    }

    private static String firstLines(String text, int n) {
        return String.join(" / ", text.lines().limit(n).toList());
    }

    @AfterAll
    static void printSummary() {
        if (RESULTS.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("\n=== public corpus: per document ===\n");
        for (Result r : RESULTS.values()) {
            out.append(String.format("%-11s %-6s %-9s %s%n", "[" + r.status.label + "]", r.verdict.version(),
                    r.verdict.expectsOk() ? "ok" : r.verdict.expected().split(" ")[0], r.verdict.path()));
            if (r.status != Status.MET || !r.verdict.expectsOk()) {
                out.append("            ").append(r.status == Status.KNOWN_GAP ? "KNOWN GAP today: " + r.verdict.today()
                        + " -> " : "").append(r.detail).append('\n');
            }
        }
        long total = RESULTS.size();
        long valid = count(r -> r.verdict.officiallyValid());
        long ok = count(r -> r.verdict.officiallyValid() && r.verdict.expectsOk());
        long okMet = count(r -> r.verdict.officiallyValid() && r.verdict.expectsOk() && r.status == Status.MET);
        long unsupported = count(r -> r.verdict.expected().startsWith("unsupported"));
        long unsupportedMet = count(r -> r.verdict.expected().startsWith("unsupported") && r.status == Status.MET);
        long invalid = total - valid;
        long refused = count(r -> r.verdict.expected().startsWith("refused"));
        long refusedMet = count(r -> r.verdict.expected().startsWith("refused") && r.status == Status.MET);
        long deviations = count(r -> !r.verdict.officiallyValid() && r.verdict.expectsOk());
        long deviationsMet = count(r -> !r.verdict.officiallyValid() && r.verdict.expectsOk() && r.status == Status.MET);
        long gaps = count(r -> r.status == Status.KNOWN_GAP);
        long failed = count(r -> r.status == Status.FAILED || r.status == Status.GAP_CLOSED
                || r.status == Status.GAP_CHANGED);
        out.append(String.format("corpus: %d documents, %d valid: %d generated+compiled under both roles (of %d expected"
                        + " to), %d unsupported refused for their reason (of %d); %d invalid: %d refused for their reason"
                        + " (of %d), %d accepted by documented deviation (of %d)%n",
                total, valid, okMet, ok, unsupportedMet, unsupported, invalid, refusedMet, refused, deviationsMet,
                deviations));
        long skipped = RESULTS.values().stream().mapToLong(r -> r.skipped().size()).sum();
        out.append(String.format("corpus: %d message examples read into their generated payload types and validated"
                + " clean (both roles counted), %d not checked (examples-skip.tsv)%n",
                RESULTS.values().stream().mapToInt(Result::examplesChecked).sum(), skipped));
        RESULTS.values().stream().filter(r -> !r.skipped().isEmpty()).forEach(r -> r.skipped().forEach(
                x -> out.append("corpus:   example not checked in ").append(r.verdict().path()).append(' ')
                        .append(x).append('\n')));
        out.append(String.format("corpus: %d KNOWN GAPS (marked in verdicts.tsv 'today'), %d failures%n", gaps, failed));
        if (gaps > 0) {
            out.append("!!! ").append(gaps).append(" known gaps:\n");
            RESULTS.values().stream().filter(r -> r.status == Status.KNOWN_GAP)
                    .forEach(r -> out.append("!!!   ").append(r.verdict.path()).append(": ").append(r.verdict.today())
                            .append('\n'));
        }
        System.out.println(out);
    }

    private static long count(Predicate<Result> p) {
        return RESULTS.values().stream().filter(p).count();
    }

    private enum Status {
        MET("met"), KNOWN_GAP("KNOWN GAP"), FAILED("FAILED"), GAP_CLOSED("GAP CLOSED"), GAP_CHANGED("GAP CHANGED");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    private record Result(Verdict verdict, Status status, String detail, int examplesChecked, Set<String> skipped) {}

    private static final class Observation {
        final Set<String> errorCodes = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();
        boolean javacFailed;
        int examplesChecked;
        final Set<String> examplesSkipped = new LinkedHashSet<>();

        Result result(Verdict v, Status status, String detail) {
            return new Result(v, status, detail, examplesChecked, examplesSkipped);
        }

        boolean refusedWith(List<String> codes) {
            return !errorCodes.isEmpty() && errorCodes.containsAll(codes)
                    && failures.stream().noneMatch(f -> f.startsWith("unlocated"));
        }

        /** What a {@code today} mark may name: the error codes seen, {@code javac}, or {@code accepted}. */
        Set<String> tokens() {
            Set<String> t = new LinkedHashSet<>(errorCodes);
            if (javacFailed) {
                t.add("javac");
            }
            if (errorCodes.isEmpty() && !javacFailed) {
                t.add("accepted");
            }
            return t;
        }
    }
}
