package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Contracts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files of the types the runtime checks against their schema (issue 11), read from a contract so schemas
 * carry their source: a value type for a payload that is no object, and a record with {@code @ContractSchema}
 * (additionalProperties beside properties, not, an untyped constrained member, a required name without a property, an
 * unbounded integer). {@code -Dgolden.update=true} rewrites them.
 */
class RuntimeCheckedGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static final Map<String, JavaFile> FILES = TypesGenerator.create(GeneratorOptions.of("com.acme.checked"))
            .generate(Contracts.read(Contracts.OWN.resolve("checked/checked.asyncapi.yaml"))).files().stream()
            .collect(Collectors.toMap(f -> f.typeSpec().name(), Function.identity()));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Note", "Checked"})
    void matchesGolden(String type) throws IOException {
        String actual = FILES.get(type).toString();
        Path file = GOLDEN.resolve(type + ".java");
        if (UPDATE) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file; run with -Dgolden.update=true to create it").exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
