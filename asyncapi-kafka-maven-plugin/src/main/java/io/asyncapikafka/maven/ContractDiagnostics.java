package io.asyncapikafka.maven;

import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Prints diagnostics as {@code /abs/path/file.yaml:line:col: error CODE message (hint) #pointer}. Diagnostics name
 * files relative to the contract's folder (stable across machines); the build log needs absolute paths so that IDEs
 * and terminals can open them, the same way the compiler plugin prints Java errors.
 */
final class ContractDiagnostics {

    private ContractDiagnostics() {}

    /** Fails with a message saying which parameter to set when the contract file does not exist. */
    static void requireContract(Path contract) throws ContractFailure {
        if (!Files.isRegularFile(contract)) {
            throw new ContractFailure("Contract file not found: " + contract.toAbsolutePath().normalize()
                    + " (set <contract> or -Dasyncapi.contract=path/to/asyncapi.yaml)");
        }
    }

    /**
     * Reads the contract, logs every diagnostic, and fails once with all errors.
     *
     * @return the result, whose model is present
     */
    static ReadResult read(Path contract, Function<Path, ReadResult> reader, BuildLog log) throws ContractFailure {
        requireContract(contract);
        ReadResult result = reader.apply(contract);
        List<String> errors = report(result.diagnostics(), contract, log);
        if (!errors.isEmpty()) {
            throw failure("Reading contract", contract, errors);
        }
        if (result.model().isEmpty()) {
            throw new IllegalStateException("the reader returned no model and no error for " + contract);
        }
        return result;
    }

    /** One clickable line. */
    static String format(Diagnostic diagnostic, Path contract) {
        String text = diagnostic.format();
        String file = diagnostic.location().file();
        if (file.isEmpty()) {
            // No location (e.g. an I/O problem): the contract itself is the best place to point at.
            return contract.toAbsolutePath().normalize() + ": " + text;
        }
        if (Fingerprint.isRemote(file) || !text.startsWith(file)) {
            return text;
        }
        Path folder = contract.toAbsolutePath().normalize().getParent();
        return folder.resolve(file).normalize() + text.substring(file.length());
    }

    /**
     * Logs every diagnostic (errors as errors, warnings as warnings) and returns the error lines, so the caller can
     * fail once with all of them.
     */
    static List<String> report(List<Diagnostic> diagnostics, Path contract, BuildLog log) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            String line = format(d, contract);
            if (d.isError()) {
                log.error(line);
                errors.add(line);
            } else {
                log.warn(line);
            }
        }
        return List.copyOf(errors);
    }

    /** The build-failure message: a count and the same clickable lines (the end of a CI log is often all one sees). */
    static ContractFailure failure(String what, Path contract, List<String> errorLines) {
        return new ContractFailure(what + " " + contract.getFileName() + " failed with "
                + count(errorLines.size(), "error") + ":\n" + String.join("\n", errorLines));
    }

    /** {@code 1 error}, {@code 2 errors}: log lines read as sentences. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
