package io.asyncapikafka.maven;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalBuildTest {

    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private Path contractDir;
    private Path out;
    private IncrementalBuild build;
    private final List<String> inputs = List.of("orders.yaml", "refs/order.yaml");

    @BeforeEach
    void setUp() throws Exception {
        contractDir = dir.resolve("contract");
        Files.createDirectories(contractDir.resolve("refs"));
        Files.writeString(contractDir.resolve("orders.yaml"), "asyncapi: 2.6.0\n");
        Files.writeString(contractDir.resolve("refs/order.yaml"), "type: object\n");
        out = dir.resolve("out");
        build = IncrementalBuild.at(dir.resolve("state/default.fingerprint"));
    }

    @Test
    void upToDateOnlyAfterACommitWithSameInputsAndSettings() throws Exception {
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}"));
        assertThat(build.isUpToDate(contractDir, "s")).isTrue();
        assertThat(build.isUpToDate(contractDir, "other settings")).isFalse();

        Files.writeString(contractDir.resolve("refs/order.yaml"), "type: string\n");
        assertThat(build.isUpToDate(contractDir, "s")).as("referenced file edited").isFalse();
    }

    @Test
    void sameSizeEditInsideTheRacyWindowIsStillDetected() throws Exception {
        // Files written just now are within the racy window: the check must hash them, not trust the time stamp.
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}"));
        Path ref = contractDir.resolve("refs/order.yaml");
        FileTime stamp = Files.getLastModifiedTime(ref);
        Files.writeString(ref, "type: strin\n".replace("strin", "array"));
        Files.setLastModifiedTime(ref, stamp);
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
    }

    @Test
    void unchangedTimeStampsAreTrustedWithoutReading() throws Exception {
        agedInputs();
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}"));
        // Same size, same time stamp, different bytes: like make and git, a no-op check does not read the file.
        Path ref = contractDir.resolve("refs/order.yaml");
        Files.writeString(ref, "type: objecT\n");
        Files.setLastModifiedTime(ref, LONG_AGO);
        assertThat(build.isUpToDate(contractDir, "s")).isTrue();
        // A real edit moves the time stamp and is caught.
        Files.writeString(ref, "type: string\n");
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
    }

    @Test
    void touchedButUnchangedInputsStayUpToDateAndAreRestamped() throws Exception {
        agedInputs();
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}"));
        String fingerprint = build.fingerprint().orElseThrow();
        Path ref = contractDir.resolve("refs/order.yaml");
        FileTime touched = FileTime.from(Instant.parse("2021-06-01T00:00:00Z"));
        Files.setLastModifiedTime(ref, touched);

        assertThat(build.isUpToDate(contractDir, "s")).isTrue();
        assertThat(build.fingerprint()).contains(fingerprint);
        assertThat(BuildState.read(dir.resolve("state/default.fingerprint")).orElseThrow().inputs())
                .filteredOn(i -> i.path().equals("refs/order.yaml"))
                .singleElement()
                .extracting(BuildState.Input::modifiedNanos)
                .isEqualTo(touched.to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    @Test
    void notUpToDateWhenAProducedFileWasDeleted() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}", "a/B.java", "class B {}"));
        Files.delete(out.resolve("a/B.java"));
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
    }

    @Test
    void remoteInputsAreNeverUpToDate() throws Exception {
        build.commit(contractDir, List.of("orders.yaml", "https://example.com/s.yaml"), "s", out,
                files("a/A.java", "class A {}"));
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
    }

    @Test
    void unchangedFilesKeepTheirModificationTime() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}", "a/B.java", "class B {}"));
        Files.setLastModifiedTime(out.resolve("a/A.java"), LONG_AGO);
        Files.setLastModifiedTime(out.resolve("a/B.java"), LONG_AGO);

        Map<String, byte[]> next = files("a/A.java", "class A {}", "a/B.java", "class B2 {}");
        OutputSync.Result result = build.commit(contractDir, inputs, "s2", out, next);

        assertThat(result.unchanged()).containsExactly("a/A.java");
        assertThat(result.written()).containsExactly("a/B.java");
        assertThat(Files.getLastModifiedTime(out.resolve("a/A.java"))).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(out.resolve("a/B.java"))).isNotEqualTo(LONG_AGO);
        assertThat(out.resolve("a/B.java")).hasContent("class B2 {}");
    }

    @Test
    void filesNoLongerProducedAreDeletedButForeignFilesAreNot() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}", "a/gone/Gone.java", "class G {}"));
        Path foreign = out.resolve("a/Handwritten.java");
        Files.writeString(foreign, "class H {}");

        OutputSync.Result result = build.commit(contractDir, inputs, "s2", out, files("a/A.java", "class A {}"));

        assertThat(result.deleted()).containsExactly("a/gone/Gone.java");
        assertThat(out.resolve("a/gone")).as("emptied package folder pruned").doesNotExist();
        assertThat(foreign).exists();
        assertThat(out.resolve("a/A.java")).exists();
        assertThat(build.isUpToDate(contractDir, "s2")).isTrue();
    }

    @Test
    void aFileAnotherExecutionNowProducesIsNotDeletedAsStale() throws Exception {
        IncrementalBuild other = IncrementalBuild.at(dir.resolve("state/other.fingerprint"));
        build.commit(contractDir, inputs, "s", out, files("a/Shared.java", "class S {}", "a/A.java", "class A {}"));
        // The other execution takes Shared.java over; then this one stops producing it.
        other.commit(contractDir, inputs, "t", out, files("a/Shared.java", "class S {}"));

        OutputSync.Result result = build.commit(contractDir, inputs, "s2", out, files("a/A.java", "class A {}"));

        assertThat(result.deleted()).isEmpty();
        assertThat(out.resolve("a/Shared.java")).exists();
        assertThat(other.isUpToDate(contractDir, "t")).isTrue();
    }

    @Test
    void stateSurvivesAFreshInstance() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}", "a/B.java", "class B {}"));
        IncrementalBuild next = IncrementalBuild.at(dir.resolve("state/default.fingerprint"));
        assertThat(next.isUpToDate(contractDir, "s")).isTrue();
        next.commit(contractDir, inputs, "s2", out, files("a/A.java", "class A {}"));
        assertThat(out.resolve("a/B.java")).doesNotExist();
    }

    @Test
    void failedWriteKeepsPriorOutputAndForcesTheNextBuildToRegenerate() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}", "a/Old.java", "class Old {}"));
        // A non-empty folder where a file must go: the move onto it fails half way through the sync.
        Files.createDirectories(out.resolve("a/Z.java/blocker"));

        Map<String, byte[]> next = files("a/A.java", "class A2 {}", "a/Z.java", "class Z {}");
        assertThatThrownBy(() -> build.commit(contractDir, inputs, "s2", out, next)).isInstanceOf(IOException.class);

        assertThat(out.resolve("a/Old.java"))
                .as("nothing deleted before all writes succeeded")
                .hasContent("class Old {}");
        assertThat(out.resolve("a/A.java")).content().isIn("class A {}", "class A2 {}");
        try (var listing = Files.list(out.resolve("a"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(build.isUpToDate(contractDir, "s")).as("pending state never matches").isFalse();
        assertThat(build.isUpToDate(contractDir, "s2")).isFalse();

        // Once the obstacle is gone, the next build still knows Old.java was ours and removes it.
        Files.delete(out.resolve("a/Z.java/blocker"));
        Files.delete(out.resolve("a/Z.java"));
        OutputSync.Result result = build.commit(contractDir, inputs, "s2", out, next);
        assertThat(result.deleted()).containsExactly("a/Old.java");
    }

    @Test
    void refusesPathsOutsideTheOutputFolder() {
        assertThatThrownBy(() -> build.commit(contractDir, inputs, "s", out, files("../evil/E.java", "x")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @Test
    void unreadableStateMeansRegenerate() throws Exception {
        build.commit(contractDir, inputs, "s", out, files("a/A.java", "class A {}"));
        Files.writeString(dir.resolve("state/default.fingerprint"), "garbage\n");
        assertThat(build.isUpToDate(contractDir, "s")).isFalse();
    }

    private void agedInputs() throws IOException {
        for (String input : inputs) {
            Files.setLastModifiedTime(contractDir.resolve(input), LONG_AGO);
        }
    }

    static Map<String, byte[]> files(String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(UTF_8));
        }
        return files;
    }
}
