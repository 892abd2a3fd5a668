package io.asyncapikafka.model;

import java.util.List;
import java.util.Optional;

/**
 * What reading a contract gives: the model (absent when there are errors) and every diagnostic, in document order.
 */
public record ReadResult(Optional<AsyncApiModel> model, List<Diagnostic> diagnostics) {

    public ReadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }

    /** The model, or a {@link ContractException} carrying every diagnostic. */
    public AsyncApiModel orThrow() {
        if (hasErrors() || model.isEmpty()) {
            throw new ContractException(diagnostics);
        }
        return model.get();
    }
}
