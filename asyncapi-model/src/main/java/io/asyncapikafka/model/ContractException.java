package io.asyncapikafka.model;

import java.util.List;
import java.util.stream.Collectors;

/** A contract with errors. Carries all diagnostics; its message lists them one per line. */
public final class ContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ContractException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
