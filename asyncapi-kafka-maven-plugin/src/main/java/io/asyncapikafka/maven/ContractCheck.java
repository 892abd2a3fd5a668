package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratedSources;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@code generate} and {@code validate} both do before anything is written: read the contract, check the
 * channel options, generate everything in memory, and report every diagnostic of both steps. So {@code validate}
 * reports exactly what {@code generate} would, and {@code strict} reaches the generator's warnings too.
 */
final class ContractCheck {

    /**
     * The outcome of a successful check.
     *
     * @param warnings how many warnings reading and generating reported
     */
    record Checked(AsyncApiModel model, GeneratedSources generated, int warnings) {}

    private ContractCheck() {}

    /**
     * Reads and generates in memory; fails once with every error.
     *
     * @param strict every warning, of reading (already made an error by the reader's own {@code strict}) and of
     *     generating, fails the build
     */
    static Checked run(Path contract, GeneratorOptions options, boolean strict, Function<Path, ReadResult> reader,
            Function<AsyncApiModel, GeneratedSources> generator, BuildLog log) throws ContractFailure {
        ReadResult read = ContractDiagnostics.read(contract, reader, log);
        AsyncApiModel model = read.model().orElseThrow();
        checkChannelNames(contract, model, options);
        GeneratedSources generated = generator.apply(model);
        List<Diagnostic> diagnostics = strict ? strict(generated.diagnostics()) : generated.diagnostics();
        List<String> errors = ContractDiagnostics.report(diagnostics, contract, log);
        if (!errors.isEmpty()) {
            throw ContractDiagnostics.failure("Generating code from", contract, errors);
        }
        return new Checked(model, generated, read.warnings().size() + diagnostics.size());
    }

    /** Warnings as errors, everything else as it is. */
    static List<Diagnostic> strict(List<Diagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            out.add(d.isError() ? d : new Diagnostic(d.code(), Severity.ERROR, d.message(), d.hint(), d.location()));
        }
        return List.copyOf(out);
    }

    /**
     * A misspelled channel in include/exclude would silently generate everything or nothing; naming the contract's
     * channels turns that into a one-line fix.
     */
    private static void checkChannelNames(Path contract, AsyncApiModel model, GeneratorOptions options)
            throws ContractFailure {
        List<String> known = model.channels().stream().map(Channel::name).toList();
        List<String> unknown = new ArrayList<>();
        options.includeChannels().stream().filter(c -> !known.contains(c)).forEach(unknown::add);
        options.excludeChannels().stream().filter(c -> !known.contains(c)).forEach(unknown::add);
        options.retryTopics().keySet().stream().filter(c -> !known.contains(c)).forEach(unknown::add);
        options.deadLetterTopics().keySet().stream().filter(c -> !known.contains(c)).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new ContractFailure("includeChannels/excludeChannels/retryTopics/deadLetterTopics name channels that "
                    + contract.getFileName() + " does not declare: " + String.join(", ", unknown)
                    + "; its channels are: " + String.join(", ", known));
        }
    }
}
