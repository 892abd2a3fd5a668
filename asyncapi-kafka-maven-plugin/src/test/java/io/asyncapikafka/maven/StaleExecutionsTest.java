package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleExecutionsTest {

    @TempDir
    Path dir;

    private Path contractDir;
    private Path states;

    @BeforeEach
    void setUp() throws Exception {
        contractDir = dir.resolve("contract");
        Files.createDirectories(contractDir);
        Files.writeString(contractDir.resolve("orders.yaml"), "asyncapi: 2.6.0\n");
        states = dir.resolve("target/asyncapi-kafka");
    }

    private void generate(String executionId, Path out, String... pathsAndContents) throws Exception {
        IncrementalBuild.at(states.resolve(executionId + IncrementalBuild.SUFFIX))
                .commit(contractDir, List.of("orders.yaml"), executionId, out,
                        IncrementalBuildTest.files(pathsAndContents));
    }

    @Test
    void aRemovedExecutionsFilesAndStateAreDeletedAndTheLogSaysSo() throws Exception {
        Path main = dir.resolve("target/generated-sources/asyncapi");
        Path other = dir.resolve("target/generated-sources/client");
        generate("service", main, "com/acme/service/Service.java", "class Service {}");
        generate("client", other, "com/acme/client/Client.java", "class Client {}",
                "com/acme/client/model/Order.java", "class Order {}");

        RecordingLog log = new RecordingLog();
        List<StaleExecutions.Removed> removed = StaleExecutions.clean(states, Set.of("service"), log);

        assertThat(removed).singleElement().satisfies(r -> {
            assertThat(r.executionId()).isEqualTo("client");
            assertThat(r.deleted()).hasSize(2);
        });
        assertThat(other).as("the emptied output folder goes too").doesNotExist();
        assertThat(states.resolve("client" + IncrementalBuild.SUFFIX)).doesNotExist();
        assertThat(main.resolve("com/acme/service/Service.java")).exists();
        assertThat(states.resolve("service" + IncrementalBuild.SUFFIX)).exists();
        assertThat(log.info).singleElement().asString()
                .contains("execution 'client' is no longer in the build", "deleted its 2 generated files",
                        "client.fingerprint");

        assertThat(StaleExecutions.clean(states, Set.of("service"), new RecordingLog())).isEmpty();
    }

    @Test
    void filesALiveExecutionAlsoProducedAreKept() throws Exception {
        Path shared = dir.resolve("target/generated-sources/asyncapi");
        generate("old", shared, "com/acme/Shared.java", "class Shared {}", "com/acme/OnlyOld.java", "class O {}");
        generate("new", shared, "com/acme/Shared.java", "class Shared {}");

        StaleExecutions.clean(states, Set.of("new"), new RecordingLog());

        assertThat(shared.resolve("com/acme/Shared.java")).exists();
        assertThat(shared.resolve("com/acme/OnlyOld.java")).doesNotExist();
    }

    @Test
    void liveIdsAreMatchedInTheirFileNameForm() throws Exception {
        Path out = dir.resolve("target/generated-sources/asyncapi");
        generate(StaleExecutions.fileId("gen orders/v1"), out, "A.java", "class A {}");

        assertThat(StaleExecutions.clean(states, Set.of("gen orders/v1"), new RecordingLog())).isEmpty();
        assertThat(out.resolve("A.java")).exists();
        assertThat(StaleExecutions.clean(dir.resolve("no-such-folder"), Set.of(), new RecordingLog())).isEmpty();
    }
}
