package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @TempDir
    Path dir;

    private final List<String> inputs = List.of("orders.yaml", "schemas/order.yaml");

    @BeforeEach
    void contract() throws Exception {
        Files.writeString(dir.resolve("orders.yaml"), "asyncapi: 2.6.0\n");
        Files.createDirectories(dir.resolve("schemas"));
        Files.writeString(dir.resolve("schemas/order.yaml"), "type: object\n");
    }

    @Test
    void sameInputsSameFingerprintInAnyOrder() throws Exception {
        assertThat(Fingerprint.of(dir, inputs, "s"))
                .isEqualTo(Fingerprint.of(dir, List.of("schemas/order.yaml", "orders.yaml"), "s"))
                .hasSize(64);
    }

    @Test
    void changesWithTheContract() throws Exception {
        String before = Fingerprint.of(dir, inputs, "s");
        Files.writeString(dir.resolve("orders.yaml"), "asyncapi: 2.5.0\n");
        assertThat(Fingerprint.of(dir, inputs, "s")).isNotEqualTo(before);
    }

    @Test
    void changesWithAReferencedFile() throws Exception {
        String before = Fingerprint.of(dir, inputs, "s");
        Files.writeString(dir.resolve("schemas/order.yaml"), "type: string\n");
        assertThat(Fingerprint.of(dir, inputs, "s")).isNotEqualTo(before);
    }

    @Test
    void changesWhenAnInputDisappears() throws Exception {
        String before = Fingerprint.of(dir, inputs, "s");
        Files.delete(dir.resolve("schemas/order.yaml"));
        assertThat(Fingerprint.of(dir, inputs, "s")).isNotEqualTo(before);
    }

    @Test
    void changesWithOptionsAndPluginVersion() throws Exception {
        GenerateRequest request = ContractGenerationTest.request(dir, "com.acme.a", "1.0");
        String base = Fingerprint.of(dir, inputs, request.settings());
        assertThat(Fingerprint.of(dir, inputs, ContractGenerationTest.request(dir, "com.acme.b", "1.0").settings()))
                .isNotEqualTo(base);
        assertThat(Fingerprint.of(dir, inputs, ContractGenerationTest.request(dir, "com.acme.a", "1.1").settings()))
                .isNotEqualTo(base);
        GenerateRequest client = new GenerateRequest(request.basedir(), request.contract(), request.outputDirectory(),
                request.stateFile(), request.readerOptions().withRole(io.asyncapikafka.model.Role.CLIENT),
                request.generatorOptions(), request.pluginBuild());
        assertThat(Fingerprint.of(dir, inputs, client.settings())).isNotEqualTo(base);
    }

    @Test
    void contentCannotShiftBetweenFiles() throws Exception {
        String before = Fingerprint.of(dir, inputs, "s");
        // Same concatenated bytes, different split between the two files.
        Files.writeString(dir.resolve("orders.yaml"), "asyncapi: 2.6.0\ntype:");
        Files.writeString(dir.resolve("schemas/order.yaml"), " object\n");
        assertThat(Fingerprint.of(dir, inputs, "s")).isNotEqualTo(before);
    }
}
