package io.asyncapikafka.model;

import java.nio.file.Path;

/**
 * Reads an AsyncAPI 2.0–2.6 or 3.0/3.1 contract (YAML or JSON, and every file it references) into an
 * {@link AsyncApiModel}.
 *
 * <p>Never throws for problems in the input: they are all collected as {@link Diagnostic}s.
 */
public final class ContractReader {

    private final ReaderOptions options;

    private ContractReader(ReaderOptions options) {
        this.options = options;
    }

    public static ContractReader create(ReaderOptions options) {
        return new ContractReader(java.util.Objects.requireNonNull(options, "options"));
    }

    public static ContractReader create() {
        return create(ReaderOptions.defaults());
    }

    /** Reads {@code contract}; the result holds the model (when there are no errors) and every diagnostic. */
    public ReadResult read(Path contract) {
        java.util.Objects.requireNonNull(contract, "contract");
        return io.asyncapikafka.model.internal.Reading.read(contract, options);
    }
}
