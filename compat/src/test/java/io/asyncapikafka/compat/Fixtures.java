package io.asyncapikafka.compat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads test contracts with the real reader. */
final class Fixtures {

    static final Path RESOURCES = Path.of("src/test/resources");
    static final Path ORDERS = Path.of("../examples/orders/src/main/asyncapi");

    private Fixtures() {}

    static AsyncApiModel read(Path file, Role role) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no fixture " + file.toAbsolutePath());
        }
        ReadResult r = ContractReader.create(ReaderOptions.defaults().withRole(role)).read(file);
        if (r.hasErrors()) {
            throw new AssertionError("fixture " + file + " does not read: " + r.errors());
        }
        return r.orThrow();
    }
}
