package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.GeneratedSources;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Info;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.model.Severity;
import io.asyncapikafka.model.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractGenerationTest {

    @TempDir
    Path project;

    private Path contract;
    private Path out;
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> types = new ArrayList<>(List.of("OrderPlaced", "OrderCancelled"));
    private final List<Diagnostic> readDiagnostics = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        contract = project.resolve("src/main/asyncapi/orders.yaml");
        Files.createDirectories(contract.getParent().resolve("schemas"));
        Files.writeString(contract, "asyncapi: 2.6.0\n");
        Files.writeString(contract.resolveSibling("schemas/order.yaml"), "type: object\n");
        out = project.resolve("target/generated-sources/asyncapi");
    }

    @Test
    void generatesThenSkipsWhenNothingChanged() throws Exception {
        ContractGeneration.Outcome first = runDefault();

        assertThat(first.upToDate()).isFalse();
        assertThat(out.resolve("com/acme/api/OrderPlaced.java"))
                .content()
                .startsWith("package com.acme.api;")
                .contains("final class OrderPlaced");
        assertThat(log.info).anyMatch(l -> l.contains("generated 2 files") && l.contains("2 written"));
        assertThat(log.info).contains("  orders.v1 placeOrder send OrderPlaced");

        ContractGeneration.Outcome second = runDefault();

        assertThat(second.upToDate()).isTrue();
        // The skip's speed is a figure the build log prints (see the incremental IT), not a timed assertion here.
        assertThat(reads).as("an up-to-date build reads nothing").hasValue(1);
        assertThat(log.info).anyMatch(l -> l.contains("orders.yaml is up to date") && l.endsWith(" ms"));
    }

    @Test
    void editingAReferencedFileRegeneratesAndRemovesTypesNoLongerGenerated() throws Exception {
        runDefault();
        Path placed = out.resolve("com/acme/api/OrderPlaced.java");
        Files.setLastModifiedTime(placed, java.nio.file.attribute.FileTime.fromMillis(0));

        Files.writeString(contract.resolveSibling("schemas/order.yaml"), "type: string\n");
        types.remove("OrderCancelled");
        ContractGeneration.Outcome outcome = runDefault();

        assertThat(reads).hasValue(2);
        assertThat(outcome.sync().deleted()).containsExactly("com/acme/api/OrderCancelled.java");
        assertThat(outcome.sync().unchanged()).containsExactly("com/acme/api/OrderPlaced.java");
        assertThat(out.resolve("com/acme/api/OrderCancelled.java")).doesNotExist();
        assertThat(Files.getLastModifiedTime(placed).toMillis()).isZero();
    }

    @Test
    void changedOptionsRegenerateAndMoveTheOldPackageOut() throws Exception {
        runDefault();
        generation(request(project, "com.acme.other", "1.0")).run(log, System.nanoTime());

        assertThat(reads).hasValue(2);
        assertThat(out.resolve("com/acme/other/OrderPlaced.java")).exists();
        assertThat(out.resolve("com/acme/api")).doesNotExist();
    }

    @Test
    void contractErrorsFailWithClickableLinesAndLeaveOutputAndStateAlone() throws Exception {
        runDefault();
        String before = Files.readString(out.resolve("com/acme/api/OrderPlaced.java"));

        Files.writeString(contract, "asyncapi: 9\n");
        readDiagnostics.add(new Diagnostic("AKM001", Severity.ERROR, "unsupported version 9", "use 2.0.0-2.6.0",
                new SourceLocation("orders.yaml", 1, 11, "/asyncapi")));
        readDiagnostics.add(new Diagnostic("AKM050", Severity.WARNING, "odd schema", "",
                new SourceLocation("schemas/order.yaml", 1, 1, "")));
        types.clear();

        String expected = contract.toAbsolutePath() + ":1:11: error AKM001 unsupported version 9 (use 2.0.0-2.6.0)"
                + " #/asyncapi";
        assertThatThrownBy(this::runDefault)
                .isInstanceOf(ContractFailure.class)
                .hasMessageStartingWith("Reading contract orders.yaml failed with 1 error:")
                .hasMessageContaining(expected);
        assertThat(log.error).containsExactly(expected);
        assertThat(log.warn).containsExactly(
                contract.resolveSibling("schemas/order.yaml").toAbsolutePath() + ":1:1: warning AKM050 odd schema");
        assertThat(out.resolve("com/acme/api/OrderPlaced.java")).hasContent(before);
        assertThat(out.resolve("com/acme/api/OrderCancelled.java")).exists();

        // Reverting the contract makes the old output current again: no regeneration needed.
        Files.writeString(contract, "asyncapi: 2.6.0\n");
        readDiagnostics.clear();
        assertThat(runDefault().upToDate())
                .isTrue();
    }

    @Test
    void generatorFailureLeavesPriorOutputIntact() throws Exception {
        runDefault();
        Files.writeString(contract, "asyncapi: 2.6.0\n# edited\n");
        ContractGeneration failing = ContractGeneration.of(request(project, "com.acme.api", "1.0"), this::read,
                model -> {
                    throw new IllegalStateException("generator bug");
                });

        assertThatThrownBy(() -> failing.run(log, System.nanoTime())).isInstanceOf(IllegalStateException.class);

        assertThat(out.resolve("com/acme/api/OrderPlaced.java")).exists();
        assertThat(out.resolve("com/acme/api/OrderCancelled.java")).exists();
    }

    @Test
    void generatorErrorsFailTheBuildWithoutWriting() throws Exception {
        Diagnostic unsupported = new Diagnostic("AKG010", Severity.ERROR, "oneOf without discriminator", "add one",
                new SourceLocation("schemas/order.yaml", 4, 3, "/oneOf"));
        ContractGeneration generation = ContractGeneration.of(request(project, "com.acme.api", "1.0"), this::read,
                model -> new GenerationResult(javaFiles(), List.of(unsupported), List.of()).toSources());

        assertThatThrownBy(() -> generation.run(log, System.nanoTime()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("schemas/order.yaml:4:3: error AKG010");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExampleThatBreaksItsSchemaFailsTheRealBuildLocatedAndWritesNothing() throws Exception {
        Files.writeString(contract, """
                asyncapi: 2.6.0
                info: {title: Orders, version: 1.0.0}
                channels:
                  orders.v1:
                    subscribe:
                      operationId: onOrder
                      message:
                        name: OrderPlaced
                        payload:
                          type: object
                          properties:
                            qty: {type: integer, format: int32, minimum: 1}
                        examples:
                          - payload: {qty: 0}
                """);
        GenerateRequest request = request(project, "com.acme.api", "1.0");
        ContractGeneration generation = ContractGeneration.of(request,
                path -> io.asyncapikafka.model.ContractReader.create(request.readerOptions()).read(path),
                model -> io.asyncapikafka.codegen.CodeGenerator.create(request.generatorOptions())
                        .generateSources(model));

        assertThatThrownBy(() -> generation.run(log, System.nanoTime()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("orders.yaml:14:13")
                .hasMessageContaining("error AKG020")
                .hasMessageContaining("$.qty");
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownChannelNamesFailWithTheKnownOnes() {
        GenerateRequest base = request(project, "com.acme.api", "1.0");
        GenerateRequest request = new GenerateRequest(base.basedir(), base.contract(), base.outputDirectory(),
                base.stateFile(), base.readerOptions(),
                base.generatorOptions().withChannels(List.of("orders.v1", "ordres.v1"), List.of()), base.pluginBuild());

        assertThatThrownBy(() -> generation(request).run(log, System.nanoTime()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("ordres.v1")
                .hasMessageContaining("its channels are: orders.v1");
        assertThat(out).doesNotExist();
    }

    @Test
    void topicOverridesForUnknownChannelsFailWithTheKnownOnes() {
        GenerateRequest base = request(project, "com.acme.api", "1.0");
        GenerateRequest request = new GenerateRequest(base.basedir(), base.contract(), base.outputDirectory(),
                base.stateFile(), base.readerOptions(),
                base.generatorOptions().withTopicOverrides(Map.of(), Map.of("ordres.v1", "orders.dead")),
                base.pluginBuild());

        assertThatThrownBy(() -> generation(request).run(log, System.nanoTime()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("deadLetterTopics")
                .hasMessageContaining("ordres.v1")
                .hasMessageContaining("its channels are: orders.v1");
        assertThat(out).doesNotExist();
    }

    @Test
    void missingContractIsAConfigurationError() throws Exception {
        Files.delete(contract);
        assertThatThrownBy(this::runDefault)
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("Contract file not found")
                .hasMessageContaining("asyncapi.contract");
    }

    @Test
    void sourcesMapPackagesToFolders() {
        Map<String, byte[]> files = ContractGeneration.sources(
                new GenerationResult(javaFiles(), List.of(), List.of()).toSources());
        assertThat(files).containsOnlyKeys("com/acme/api/OrderPlaced.java", "com/acme/api/OrderCancelled.java");
        JavaFile dup = JavaFile.builder("com.acme.api", TypeSpec.classBuilder("OrderPlaced").build()).build();
        assertThatThrownBy(() -> new GenerationResult(List.of(dup, dup), List.of(), List.of()).toSources())
                .isInstanceOf(IllegalStateException.class);
    }

    // --- fixtures --------------------------------------------------------------------------------------------------

    static GenerateRequest request(Path project, String packageName, String version) {
        return new GenerateRequest(
                project,
                project.resolve("src/main/asyncapi/orders.yaml"),
                project.resolve("target/generated-sources/asyncapi"),
                project.resolve("target/asyncapi-kafka/default.fingerprint"),
                ReaderOptions.defaults(),
                GeneratorOptions.of(packageName).withGeneratorVersion(version),
                version);
    }

    private ContractGeneration.Outcome runDefault() throws Exception {
        return generation(request(project, "com.acme.api", "1.0")).run(log, System.nanoTime());
    }

    private ContractGeneration generation(GenerateRequest request) {
        Function<AsyncApiModel, GeneratedSources> generator = model -> new GenerationResult(
                javaFiles(request.generatorOptions().basePackage()),
                List.of(),
                List.of("orders.v1 placeOrder send OrderPlaced")).toSources();
        return ContractGeneration.of(request, this::read, generator);
    }

    private ReadResult read(Path path) {
        reads.incrementAndGet();
        if (readDiagnostics.stream().anyMatch(Diagnostic::isError)) {
            return new ReadResult(Optional.empty(), readDiagnostics);
        }
        Channel orders = new Channel("orders.v1", null, null, List.of(), null, null, Map.of(), List.of(), null, null,
                SourceLocation.UNKNOWN);
        AsyncApiModel model = new AsyncApiModel("orders.yaml", "2.6.0",
                new Info("Orders", "1.0.0", null, SourceLocation.UNKNOWN), null, List.of(), List.of(orders), Map.of(),
                Map.of(), Role.APPLICATION, List.of("orders.yaml", "schemas/order.yaml"));
        return new ReadResult(Optional.of(model), readDiagnostics);
    }

    private List<JavaFile> javaFiles() {
        return javaFiles("com.acme.api");
    }

    private List<JavaFile> javaFiles(String packageName) {
        return types.stream()
                .map(name -> JavaFile.builder(packageName,
                        TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL).build()).build())
                .toList();
    }
}
