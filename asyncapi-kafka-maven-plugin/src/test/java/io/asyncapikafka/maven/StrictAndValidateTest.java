package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ReaderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strict} fails on generator warnings too, and {@code validate} reports exactly the diagnostics
 * {@code generate} reports (the generator runs in memory) while writing nothing. Real reader, real generator.
 */
class StrictAndValidateTest {

    @TempDir
    Path project;

    private Path contract;

    /** AKM050 (reading: no operationId) and AKG003 (generating: additionalProperties beside properties). */
    private static final String CONTRACT = """
            asyncapi: 2.6.0
            info:
              title: Levels
              version: '1.0.0'
            channels:
              levels.v1:
                subscribe:
                  message:
                    name: Level
                    payload:
                      type: object
                      properties:
                        level: {type: integer}
                      additionalProperties: {type: string}
            """;

    @BeforeEach
    void setUp() throws Exception {
        contract = project.resolve("src/main/asyncapi/levels.yaml");
        Files.createDirectories(contract.getParent());
        Files.writeString(contract, CONTRACT);
    }

    private static GeneratorOptions options() {
        return GeneratorOptions.of("com.acme.levels");
    }

    private RecordingLog generate(boolean strict) throws Exception {
        RecordingLog log = new RecordingLog();
        GenerateRequest request = new GenerateRequest(project, contract, project.resolve("target/gen"),
                project.resolve("target/state/default.state"), ReaderOptions.defaults().withStrict(strict), options(),
                "test");
        ContractGeneration.of(request).run(log, System.nanoTime());
        return log;
    }

    @Test
    void validateReportsWhatGenerateReportsAndWritesNothing() throws Exception {
        RecordingLog validated = new RecordingLog();
        ContractCheck.Checked checked = ValidateMojo.validate(contract, ReaderOptions.defaults(), options(), validated);
        assertThat(files()).containsExactly("src/main/asyncapi/levels.yaml");

        RecordingLog generated = generate(false);
        assertThat(validated.warn).hasSize(2).isEqualTo(generated.warn);
        assertThat(validated.warn.get(0)).contains("warning AKM050");
        assertThat(validated.warn.get(1)).contains("warning AKG003");
        assertThat(checked.warnings()).isEqualTo(2);
        assertThat(validated.error).isEmpty();
    }

    @Test
    void strictFailsOnGeneratorWarningsInBothGoals() throws Exception {
        // without the reading warning, so the generator runs and its warning is what strict turns into an error
        Files.writeString(contract, CONTRACT.replace("    subscribe:\n", "    subscribe:\n      operationId: sendLevel\n"));
        RecordingLog validated = new RecordingLog();
        assertThatThrownBy(() -> ValidateMojo.validate(contract, ReaderOptions.defaults().withStrict(true), options(),
                validated)).isInstanceOf(ContractFailure.class).hasMessageContaining("error AKG003");
        assertThat(validated.error).singleElement().asString().contains("error AKG003").contains("levels.yaml:");
        assertThat(files()).containsExactly("src/main/asyncapi/levels.yaml");

        assertThatThrownBy(() -> generate(true)).isInstanceOf(ContractFailure.class).hasMessageContaining("error AKG003");
        assertThat(files()).as("a refused contract leaves no files").containsExactly("src/main/asyncapi/levels.yaml");
        assertThat(generate(false).warn).singleElement().asString().contains("warning AKG003");
    }

    @Test
    void strictFailsOnReadingWarnings() {
        RecordingLog validated = new RecordingLog();
        assertThatThrownBy(() -> ValidateMojo.validate(contract, ReaderOptions.defaults().withStrict(true), options(),
                validated)).isInstanceOf(ContractFailure.class).hasMessageContaining("error AKM050");
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.walk(project)) {
            return s.filter(Files::isRegularFile).map(p -> project.relativize(p).toString().replace('\\', '/')).sorted()
                    .toList();
        }
    }
}
