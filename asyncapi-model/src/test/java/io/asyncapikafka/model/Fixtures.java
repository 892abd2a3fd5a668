package io.asyncapikafka.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates fixture contracts on the test class path. Contracts are {@code *.asyncapi.yaml|json}; others are parts. */
final class Fixtures {
    private Fixtures() {}

    static Path dir(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path good(String file) {
        return dir("good").resolve(file);
    }

    static Path bad(String file) {
        return dir("bad").resolve(file);
    }

    static List<Path> goodContracts() {
        try (Stream<Path> s = Files.list(dir("good"))) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.asyncapi\\.(yaml|json)")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadResult read(Path p) {
        return ContractReader.create().read(p);
    }

    static ReadResult read(Path p, ReaderOptions o) {
        return ContractReader.create(o).read(p);
    }
}
