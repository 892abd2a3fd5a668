package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        assertThat(fingerprint(inputs, "s"))
                .isEqualTo(fingerprint(List.of("schemas/order.yaml", "orders.yaml"), "s"))
                .hasSize(64);
    }

    @Test
    void changesWithTheContract() throws Exception {
        String before = fingerprint(inputs, "s");
        Files.writeString(dir.resolve("orders.yaml"), "asyncapi: 2.5.0\n");
        assertThat(fingerprint(inputs, "s")).isNotEqualTo(before);
    }

    @Test
    void changesWithAReferencedFile() throws Exception {
        String before = fingerprint(inputs, "s");
        Files.writeString(dir.resolve("schemas/order.yaml"), "type: string\n");
        assertThat(fingerprint(inputs, "s")).isNotEqualTo(before);
    }

    @Test
    void changesWhenAnInputDisappearsOrMoves() throws Exception {
        String before = fingerprint(inputs, "s");
        Files.move(dir.resolve("schemas/order.yaml"), dir.resolve("order.yaml"));
        assertThat(Fingerprint.ofFile(dir.resolve("schemas/order.yaml"))).isEqualTo(Fingerprint.MISSING);
        assertThat(fingerprint(inputs, "s")).isNotEqualTo(before);
        assertThat(fingerprint(List.of("orders.yaml", "order.yaml"), "s")).isNotEqualTo(before);
    }

    @Test
    void changesWithOptionsAndPluginVersion() throws Exception {
        GenerateRequest request = ContractGenerationTest.request(dir, "com.acme.a", "1.0");
        String base = fingerprint(inputs, request.settings());
        assertThat(fingerprint(inputs, ContractGenerationTest.request(dir, "com.acme.b", "1.0").settings()))
                .isNotEqualTo(base);
        assertThat(fingerprint(inputs, ContractGenerationTest.request(dir, "com.acme.a", "1.1").settings()))
                .isNotEqualTo(base);
        GenerateRequest client = new GenerateRequest(request.basedir(), request.contract(), request.outputDirectory(),
                request.stateFile(), request.readerOptions().withRole(Role.CLIENT), request.generatorOptions(),
                request.pluginBuild());
        assertThat(fingerprint(inputs, client.settings())).isNotEqualTo(base);
    }

    @Test
    void settingsListEveryOption() {
        String settings = ContractGenerationTest.request(dir, "com.acme.a", "1.0").settings();
        assertThat(settings)
                .contains("reader.role=APPLICATION\n", "reader.strict=false\n", "reader.allowRefsOutsideRoot=false\n",
                        "generator.basePackage=com.acme.a\n", "generator.numberType=BIG_DECIMAL\n",
                        "generator.includeChannels=[]\n", "plugin=1.0\n")
                .contains("contract=" + dir.resolve("src/main/asyncapi/orders.yaml").toAbsolutePath());
    }

    @Test
    void contentCannotShiftBetweenFiles() throws Exception {
        String before = fingerprint(inputs, "s");
        // Same concatenated bytes, split differently between the two files.
        Files.writeString(dir.resolve("orders.yaml"), "asyncapi: 2.6.0\ntype:");
        Files.writeString(dir.resolve("schemas/order.yaml"), " object\n");
        assertThat(fingerprint(inputs, "s")).isNotEqualTo(before);
    }

    private String fingerprint(List<String> files, String settings) throws Exception {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : files) {
            hashes.put(file, Fingerprint.ofFile(dir.resolve(file)));
        }
        return Fingerprint.of(settings, hashes);
    }
}
