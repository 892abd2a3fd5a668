package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every code the type generator reports ({@link Problems}) has its row in {@code codegen-core/DIAGNOSTICS.md}. */
class GeneratorDiagnosticsDocTest {

    @Test
    void everyCodeIsListed() throws Exception {
        String doc = Files.readString(Path.of("DIAGNOSTICS.md"));
        List<String> codes = new ArrayList<>();
        for (Field f : Problems.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                f.setAccessible(true);
                codes.add((String) f.get(null));
            }
        }
        assertThat(codes).contains("AKG014", "AKG015");
        assertThat(codes).allSatisfy(c -> assertThat(doc).as("DIAGNOSTICS.md row of " + c).contains("| " + c + " |"));
    }
}
