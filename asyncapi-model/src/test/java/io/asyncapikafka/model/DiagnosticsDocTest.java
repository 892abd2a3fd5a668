package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.internal.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class DiagnosticsDocTest {

    @Test
    void everyCodeIsDocumentedWithItsSeverity() throws IOException {
        String doc = Files.readString(Path.of("DIAGNOSTICS.md"));
        for (Code c : Code.values()) {
            assertThat(doc).as(c.name()).contains("| " + c.id() + " | " + c.severity().name().toLowerCase() + " |");
        }
    }

    @Test
    void codesAreUnique() {
        assertThat(new HashSet<>(Arrays.stream(Code.values()).map(Code::id).toList())).hasSize(Code.values().length);
    }
}
