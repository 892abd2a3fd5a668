package io.asyncapikafka.maven;

import io.asyncapikafka.model.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints diagnostics as {@code /abs/path/file.yaml:line:col: error CODE message (hint) #pointer}. Diagnostics name
 * files relative to the contract's folder (stable across machines); the build log needs absolute paths so that IDEs
 * and terminals can open them, the same way the compiler plugin prints Java errors.
 */
final class ContractDiagnostics {

    private ContractDiagnostics() {}

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
        String count = errorLines.size() == 1 ? "1 error" : errorLines.size() + " errors";
        return new ContractFailure(
                what + " " + contract.getFileName() + " failed with " + count + ":\n" + String.join("\n", errorLines));
    }
}
