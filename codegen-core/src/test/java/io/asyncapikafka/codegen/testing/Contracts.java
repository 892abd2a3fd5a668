package io.asyncapikafka.codegen.testing;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads contract files for generator tests, through the real reader; paths are relative to the module. */
public final class Contracts {

    /** The contract reader's good fixtures (shared with asyncapi-model, read in place). */
    public static final Path MODEL_GOOD = Path.of("../asyncapi-model/src/test/resources/fixtures/good");
    /** This module's own contracts, including a copy of the seed. */
    public static final Path OWN = Path.of("src/test/resources/contracts");

    private Contracts() {}

    /** Reads a contract that must have no errors; the seed style ("publish means I publish") needs role client. */
    public static AsyncApiModel read(Path contract) {
        ReadResult r = ContractReader.create(ReaderOptions.defaults().withRole(Role.CLIENT)).read(contract);
        if (r.hasErrors()) {
            throw new AssertionError("contract " + contract + " has errors:\n"
                    + String.join("\n", r.errors().stream().map(d -> d.format()).toList()));
        }
        return r.orThrow();
    }

    /** The top-level {@code *.asyncapi.yaml} / {@code *.asyncapi.json} files of a folder, sorted. */
    public static List<Path> contractsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.asyncapi\\.(ya?ml|json)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
