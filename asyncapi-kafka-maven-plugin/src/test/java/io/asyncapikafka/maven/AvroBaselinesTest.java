package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate goal's baselines (the compat goal's {@code baseline}/{@code baselines}): the Avro schemas a
 * {@code git:<rev>} baseline knows are read as they were at that revision (the {@code .avsc} file changed since) and
 * handed to the generator, whose single-object reader then lists the older version. Real reader, real git, real
 * generator.
 */
class AvroBaselinesTest {

    @TempDir
    Path project;

    private static final String CONTRACT = """
            asyncapi: 2.6.0
            info: {title: Ship, version: '1'}
            channels:
              shipments.v1:
                publish:
                  operationId: shipmentSent
                  message:
                    name: Shipment
                    schemaFormat: application/vnd.apache.avro;version=1.9.0
                    payload: {$ref: 'shipment.avsc'}
            """;

    @Test
    void theBaselinesOlderAvroVersionReachesTheGeneratedReader() throws Exception {
        Path contract = project.resolve("src/main/asyncapi/ship.yaml");
        Files.createDirectories(contract.getParent());
        Files.writeString(contract, CONTRACT);
        Files.writeString(contract.getParent().resolve("shipment.avsc"), """
                {"type":"record","name":"Shipment","namespace":"x","fields":[
                  {"name":"id","type":"string"},{"name":"parcels","type":"int"}]}""");
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        Files.writeString(contract.getParent().resolve("shipment.avsc"), """
                {"type":"record","name":"Shipment","namespace":"x","fields":[
                  {"name":"id","type":"string"},{"name":"parcels","type":"long"},
                  {"name":"carrier","type":"string","default":"POST"}]}""");

        ReaderOptions options = ReaderOptions.defaults().withRootDirectory(project);
        List<String> schemas = CompatRun.avroSchemasOf(contract, options, List.of("git:HEAD"),
                Baselines.ArtifactResolver.NONE, new RecordingLog());
        assertThat(schemas).singleElement().satisfies(s -> assertThat(s).contains("\"int\"").doesNotContain("carrier"));

        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.ship")
                .withAvroBaselineSchemas(schemas)).generate(ContractReader.create(options).read(contract).orThrow());
        assertThat(result.diagnostics()).isEmpty();
        String messages = result.files().stream().filter(f -> f.typeSpec().name().equals("Messages")).findFirst()
                .orElseThrow().toString();
        assertThat(messages).contains("\"writerSchema.1\"").contains("\\\"type\\\":\\\"int\\\"");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", project.toString(), "-c", "user.name=test",
                "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
