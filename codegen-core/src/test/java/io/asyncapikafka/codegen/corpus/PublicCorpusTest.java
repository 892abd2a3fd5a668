package io.asyncapikafka.codegen.corpus;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public corpus ({@code src/test/resources/corpus}, see its README): AsyncAPI documents taken unmodified from public
 * repositories, each judged by the official JavaScript parser ({@code tools/corpus-judge}). For every document in
 * {@code verdicts.tsv}:
 * <ul>
 *   <li>{@code ok}: read without errors, generated (twice, byte-identical), compiled ({@code -Xlint:all -Werror})
 *       and every generated class loaded and initialised, under both roles;</li>
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

    /**
     * The reader's options for one role. Documents are read as a user's build would read them: defaults. Once the
     * reader knows the project's base directory (issue 20: {@code $ref}s may leave the contract's folder but not the
     * project), pass {@link #CORPUS} as that base here, so that {@code social-media/*}'s {@code ../common} references
     * resolve as they would in a project holding the corpus.
     */
    static ReaderOptions readerOptions(Role role) {
        return ReaderOptions.defaults().withRole(role);
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
            result = new Result(v, Status.FAILED, "the reader reported a bug (" + READER_BUG + "): " + detail);
        } else if (v.knownGap() == null) {
            result = new Result(v, met ? Status.MET : Status.FAILED, detail);
        } else if (met) {
            result = new Result(v, Status.GAP_CLOSED, detail);
        } else {
            boolean sameReason = v.knownGap().stream().anyMatch(seen.tokens()::contains);
            result = new Result(v, sameReason ? Status.KNOWN_GAP : Status.GAP_CHANGED, detail);
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
            if (!v.expectsOk()) {
                continue;
            }
            GenerationResult generated = CodeGenerator.create(GeneratorOptions.of(BASE)).generate(read.orThrow());
            List<Diagnostic> genErrors = generated.diagnostics().stream().filter(Diagnostic::isError).toList();
            genErrors.forEach(d -> seen.errorCodes.add(d.code()));
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
        }
        return seen;
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

    private record Result(Verdict verdict, Status status, String detail) {}

    private static final class Observation {
        final Set<String> errorCodes = new LinkedHashSet<>();
        final List<String> failures = new ArrayList<>();
        boolean javacFailed;

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
