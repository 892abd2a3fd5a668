package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.compat.CompatOptions;
import io.asyncapikafka.compat.Rule;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code compat} goal's plain part against real contracts: a file baseline, a {@code git:<rev>} baseline read
 * from a git repository made here (with a {@code $ref}ed file that changed between the revisions), acknowledgements,
 * and the parameter checks. Real reader, real git.
 */
class CompatGoalTest {

    @TempDir
    Path project;

    private Path contract;

    /** The application sends on orders.v1 (2.x subscribe); the payload lives in a referenced file. */
    private static final String CONTRACT = """
            asyncapi: 2.6.0
            info:
              title: Orders
              version: '1.0.0'
            channels:
              orders.v1:
                subscribe:
                  operationId: sendOrder
                  message:
                    name: OrderPlaced
                    payload:
                      $ref: 'schemas/order.yaml'
            """;

    private static final String ORDER_V1 = """
            type: object
            required: [id, total]
            properties:
              id: {type: string}
              total: {type: number}
            """;

    /** {@code total} no longer required: old consumers still require it. */
    private static final String ORDER_V2 = """
            type: object
            required: [id]
            properties:
              id: {type: string}
              total: {type: number}
            """;

    @BeforeEach
    void setUp() throws Exception {
        contract = project.resolve("src/main/asyncapi/orders.yaml");
        Files.createDirectories(contract.getParent().resolve("schemas"));
        Files.writeString(contract, CONTRACT);
        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V1);
    }

    private ReaderOptions readerOptions() {
        return ReaderOptions.defaults().withRootDirectory(project);
    }

    private CompatRun.Result run(List<String> baselines, List<String> acks) throws Exception {
        return run(baselines, acks, new RecordingLog());
    }

    private CompatRun.Result run(List<String> baselines, List<String> acks, RecordingLog log) throws Exception {
        return CompatRun.run(contract, readerOptions(), baselines, CompatMojo.compatOptions(null, List.of(),
                baselines.size() > 1), CompatMojo.acknowledgements(acks), log);
    }

    @Test
    void gitRevisionBaselineReadsTheReferencedFileAsItWasAndFailsWithTheLocatedLine() throws Exception {
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V2);

        RecordingLog log = new RecordingLog();
        assertThatThrownBy(() -> run(List.of("git:HEAD"), List.of(), log))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("1 breaking change")
                .hasMessageContaining("orders.v2")
                .hasMessageContaining("PROPERTY_NOW_OPTIONAL BREAKING")
                .hasMessageContaining("#/properties/total");
        String line = log.error.get(0);
        assertThat(line).startsWith(contract.getParent().resolve("schemas/order.yaml") + ":5:3: PROPERTY_NOW_OPTIONAL");
        assertThat(line).contains("[was git:HEAD schemas/order.yaml:5:3 #/properties/total]");
        assertThat(log.info).anyMatch(l -> l.contains("PROPERTY_NOW_OPTIONAL") && l.contains(" 1 "));
    }

    @Test
    void theAcknowledgedBreakPassesAndAnUnchangedContractIsQuiet() throws Exception {
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        assertThat(run(List.of("git:HEAD"), List.of()).findings()).isEmpty();

        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V2);
        RecordingLog log = new RecordingLog();
        CompatRun.Result result = run(List.of("git:HEAD"), List.of("PROPERTY_NOW_OPTIONAL #/properties/total"), log);

        assertThat(result.breaking()).isZero();
        assertThat(result.acknowledged()).isEqualTo(1);
        assertThat(log.warn).anyMatch(l -> l.contains("PROPERTY_NOW_OPTIONAL") && l.endsWith("(acknowledged)"));
        assertThat(log.error).isEmpty();
    }

    @Test
    void aFileBaselineAndSeveralBaselinesCheckTransitively() throws Exception {
        Path old = project.resolve("baseline/orders.yaml");
        Files.createDirectories(old.getParent().resolve("schemas"));
        Files.writeString(old, CONTRACT);
        Files.writeString(old.getParent().resolve("schemas/order.yaml"), ORDER_V2);
        Path older = project.resolve("older/orders.yaml");
        Files.createDirectories(older.getParent().resolve("schemas"));
        Files.writeString(older, CONTRACT);
        Files.writeString(older.getParent().resolve("schemas/order.yaml"), ORDER_V1);
        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V2);

        assertThat(run(List.of("baseline/orders.yaml"), List.of()).findings()).isEmpty();
        assertThatThrownBy(() -> run(List.of("older/orders.yaml", "baseline/orders.yaml"), List.of()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("PROPERTY_NOW_OPTIONAL BREAKING");
    }

    @Test
    void xCompatibilityOnTheChannelInTheContractChoosesTheMode() throws Exception {
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        Files.writeString(contract, CONTRACT.replace("  orders.v1:\n", "  orders.v1:\n    x-compatibility: BACKWARD\n"));
        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V2);

        CompatRun.Result result = run(List.of("git:HEAD"), List.of());

        assertThat(result.breaking()).isZero();
        assertThat(result.findings()).extracting(f -> f.rule() + " " + f.severity() + " " + f.mode())
                .containsExactly("PROPERTY_NOW_OPTIONAL SAFE BACKWARD");
    }

    @Test
    void aReleasedVersionIsReadFromItsAttachedContractArchive() throws Exception {
        AsyncApiModel released = ContractReader.create(readerOptions()).read(contract).orThrow();
        Path zip = project.resolve("repo/orders-1.0.0-asyncapi.zip");
        ContractArchive.pack(contract, released.inputFiles(), zip);
        byte[] first = Files.readAllBytes(zip);
        ContractArchive.pack(contract, released.inputFiles(), zip);
        assertThat(Files.readAllBytes(zip)).as("reproducible archive").isEqualTo(first);
        Files.writeString(contract.getParent().resolve("schemas/order.yaml"), ORDER_V2);
        List<String> asked = new ArrayList<>();
        Baselines.ArtifactResolver repository = (g, a, v) -> {
            asked.add(g + ":" + a + ":" + v);
            return zip;
        };

        assertThatThrownBy(() -> CompatRun.run(contract, readerOptions(), List.of("com.acme:orders:1.0.0"),
                CompatOptions.defaults(), List.of(), repository, new RecordingLog()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("PROPERTY_NOW_OPTIONAL BREAKING")
                .hasMessageContaining("[was com.acme:orders:1.0.0 schemas/order.yaml:5:3 #/properties/total]");
        assertThat(asked).containsExactly("com.acme:orders:1.0.0");
        assertThatThrownBy(() -> run(List.of("com.acme:orders:1.0.0"), List.of()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("needs a Maven project");
        Path notAnArchive = project.resolve("repo/other.zip");
        new java.util.zip.ZipOutputStream(Files.newOutputStream(notAnArchive)).close();
        assertThatThrownBy(() -> CompatRun.run(contract, readerOptions(), List.of("com.acme:other:1.0.0"),
                CompatOptions.defaults(), List.of(), (g, a, v) -> notAnArchive, new RecordingLog()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("not a contract archive");
    }

    @Test
    void theSkipSwitchAndAMissingBaselineStopBeforeAnythingIsRead() throws Exception {
        CompatMojo mojo = new CompatMojo();
        set(mojo, "baseline", "nowhere.yaml");
        set(mojo, "compatSkip", true);
        mojo.execute(); // no contract set: anything past the switch would fail

        set(mojo, "compatSkip", false);
        set(mojo, "baseline", null);
        mojo.execute();

        set(mojo, "baseline", "nowhere.yaml");
        set(mojo, "contract", contract.toString());
        set(mojo, "role", "application");
        assertThatThrownBy(mojo::execute).isInstanceOf(org.apache.maven.plugin.MojoFailureException.class)
                .hasMessageContaining("Baseline contract not found");
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                java.lang.reflect.Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(field);
    }

    @Test
    void userMistakesAreLocatedFailuresWithoutStackTraces() throws Exception {
        assertThatThrownBy(() -> run(List.of("nowhere.yaml"), List.of()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("Baseline contract not found");
        assertThatThrownBy(() -> run(List.of("git:HEAD"), List.of()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("git rev-parse");
        git("init", "-q");
        git("add", ".");
        git("commit", "-q", "-m", "v1");
        assertThatThrownBy(() -> run(List.of("git:no-such-rev"), List.of()))
                .isInstanceOf(ContractFailure.class).hasMessageContaining("no-such-rev");
        assertThatThrownBy(() -> CompatMojo.acknowledgements(List.of("NOT_A_RULE #/x")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("rule id");
        assertThatThrownBy(() -> CompatMojo.compatOptions("sideways", List.of(), false))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("BACKWARD, FORWARD, FULL or NONE");
        assertThat(CompatMojo.compatOptions("full", List.of("orders.v1=NONE", "orders.v1#OrderPlaced=backward"), false))
                .isEqualTo(CompatOptions.defaults().withMode(io.asyncapikafka.compat.CompatMode.FULL)
                        .withChannelModes(java.util.Map.of("orders.v1", io.asyncapikafka.compat.CompatMode.NONE))
                        .withMessageModes(java.util.Map.of("orders.v1#OrderPlaced",
                                io.asyncapikafka.compat.CompatMode.BACKWARD)));
        assertThat(CompatRun.Acknowledgement.parse(Rule.TOPIC_CHANGED.id() + " /channels/orders.v1").pointer())
                .isEqualTo("/channels/orders.v1");
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
