package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $ref}s may reach the whole project: the specification's social-media example (services {@code $ref}
 * {@code ../common/*.yaml}) generates as published from a project that holds it; nothing past the base directory.
 */
class RefRootTest {

    private static final Path EXAMPLE = Path.of("../asyncapi-model/src/test/resources/fixtures/social-media");

    @TempDir
    Path project;

    private Path contract;

    @BeforeEach
    void setUp() throws IOException {
        Path target = project.resolve("src/main/asyncapi");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(EXAMPLE.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        contract = target.resolve("comments-service/asyncapi.yaml");
    }

    private MavenProject mavenProject() {
        MavenProject p = new MavenProject();
        p.setFile(project.resolve("pom.xml").toFile());
        return p;
    }

    @Test
    void theRootIsTheProjectsBaseDirectoryOrTheCurrentDirectory() {
        assertThat(AbstractContractMojo.rootDirectory(mavenProject())).isEqualTo(project.toAbsolutePath().normalize());
        assertThat(AbstractContractMojo.rootDirectory(new MavenProject()))
                .isEqualTo(Path.of("").toAbsolutePath().normalize());
        assertThat(AbstractContractMojo.rootDirectory(null)).isEqualTo(Path.of("").toAbsolutePath().normalize());
    }

    @Test
    void generatesTheExampleFromTheProjectThatHoldsIt() throws Exception {
        ReaderOptions options = ReaderOptions.defaults().withRootDirectory(AbstractContractMojo.rootDirectory(mavenProject()));
        RecordingLog log = new RecordingLog();
        ContractGeneration.Outcome outcome = ContractGeneration.of(request(options)).run(log, System.nanoTime());
        assertThat(outcome.sync().written()).isNotEmpty();
        assertThat(log.error).isEmpty();
    }

    @Test
    void aReferencePastTheBaseDirectoryIsRefused() throws Exception {
        // the service folder as the "project": ../common lies outside it
        ReaderOptions options = ReaderOptions.defaults().withRootDirectory(contract.getParent());
        RecordingLog log = new RecordingLog();
        assertThatThrownBy(() -> ContractGeneration.of(request(options)).run(log, System.nanoTime()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("AKM023");
        // all three references to ../common, each located, at once
        assertThat(log.error).hasSize(3).allSatisfy(l -> assertThat(l).contains("error AKM023")
                .contains("comments-service" + java.io.File.separator + "asyncapi.yaml:"));
        assertThat(log.error.get(0)).contains("asyncapi.yaml:28:");
        assertThat(project.resolve("target/gen")).doesNotExist();
    }

    private GenerateRequest request(ReaderOptions options) {
        return new GenerateRequest(project, contract, project.resolve("target/gen"),
                project.resolve("target/state/default.state"), options, GeneratorOptions.of("com.acme.social"), "test");
    }
}
