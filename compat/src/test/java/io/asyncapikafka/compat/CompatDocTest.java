package io.asyncapikafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** COMPAT.md lists every rule with the severity the code gives it. */
class CompatDocTest {

    @Test
    void everyRuleHasARowWithItsSeverity() throws IOException {
        String doc = Files.readString(Path.of("COMPAT.md"));
        for (Rule r : Rule.values()) {
            String severity = r.fixedSeverity() == null ? "by direction" : r.fixedSeverity().name();
            assertThat(doc).as(r.id()).contains("| `" + r.id() + "` | " + severity + " |");
        }
    }
}
