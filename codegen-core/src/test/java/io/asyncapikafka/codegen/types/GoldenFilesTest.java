package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.GeneratorOptions;
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
 * One representative file per kind, compared byte for byte with {@code src/test/resources/golden/<Type>.java}.
 * Run with {@code -Dgolden.update=true} to rewrite them after an intended change, then review the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private static final Map<String, JavaFile> FILES = TypesGenerator.create(GeneratorOptions.of(Showcase.BASE))
            .generate(Showcase.model()).files().stream()
            .collect(Collectors.toMap(f -> f.typeSpec().name(), Function.identity()));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "OrderPlaced", // record: formats, awkward names, const, default, nullable, map, JsonNode, nested validation
        "OrderPlacedLine", // array item record, pattern and bounds
        "Status", // enum with wire values
        "Pet", // union with discriminator and mapping
        "Shape", // union by deduction
        "Dog", // allOf merged
        "TreeNode", // recursive record
        "OrderPlacedHeaders", // headers with Kafka conversion
        "OrderPlacedKey" // key record
    })
    void matchesGolden(String type) throws IOException {
        String actual = FILES.get(type).toString();
        Path file = GOLDEN.resolve(type + ".java");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file; run with -Dgolden.update=true to create it").exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
