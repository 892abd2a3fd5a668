package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are written in parallel; what a sync reports and leaves on disk must not depend on that. */
class OutputSyncTest {

    @TempDir
    Path out;

    private static Map<String, byte[]> files(int count, String version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        // Several packages, so several folders are created; a version suffix on every 10th file changes it.
        IntStream.range(0, count).forEach(i -> files.put("p" + i % 5 + "/F" + i + ".java",
                ("class F" + i + " {} // " + (i % 10 == 0 ? version : "same")).getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    @Test
    void manyFilesAreWrittenThenOnlyTheChangedOnesRewrittenInInputOrder() throws Exception {
        Map<String, byte[]> first = files(300, "v1");
        OutputSync.Result created = OutputSync.sync(out, first, List.of());
        assertThat(created.written()).containsExactlyElementsOf(first.keySet());
        assertThat(created.unchanged()).isEmpty();
        for (Map.Entry<String, byte[]> e : first.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(e.getKey()))).isEqualTo(e.getValue());
        }
        FileTime old = FileTime.fromMillis(1_000_000L);
        for (String path : first.keySet()) {
            Files.setLastModifiedTime(out.resolve(path), old);
        }

        Map<String, byte[]> second = files(300, "v2");
        OutputSync.Result updated = OutputSync.sync(out, second, List.of());

        List<String> changed = second.keySet().stream().filter(p -> p.matches("p\\d/F\\d*0\\.java")).toList();
        assertThat(updated.written()).containsExactlyElementsOf(changed);
        assertThat(updated.unchanged()).hasSize(300 - changed.size())
                .containsExactlyElementsOf(second.keySet().stream().filter(p -> !changed.contains(p)).toList());
        for (String path : updated.unchanged()) {
            assertThat(Files.getLastModifiedTime(out.resolve(path))).isEqualTo(old);
        }
        for (String path : changed) {
            assertThat(Files.readString(out.resolve(path))).endsWith("v2");
        }
        // No temporary file is left behind by the atomic replacement.
        try (var walk = Files.walk(out)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(300);
        }
    }

    @Test
    void aCleanBuildAppearsAsOneCompleteFolder() throws Exception {
        Path fresh = out.resolve("target/generated-sources/asyncapi");
        Map<String, byte[]> first = files(120, "v1");

        OutputSync.Result created = OutputSync.sync(fresh, first, List.of());

        assertThat(created.written()).containsExactlyElementsOf(first.keySet());
        for (Map.Entry<String, byte[]> e : first.entrySet()) {
            assertThat(Files.readAllBytes(fresh.resolve(e.getKey()))).isEqualTo(e.getValue());
        }
        // The staging folder was renamed into place: nothing else is left next to the output folder.
        try (var siblings = Files.list(fresh.getParent())) {
            assertThat(siblings.toList()).containsExactly(fresh);
        }
        // The next build finds the folder and compares file by file.
        OutputSync.Result again = OutputSync.sync(fresh, files(120, "v2"), List.of());
        assertThat(again.written()).hasSize(12);
        assertThat(again.unchanged()).hasSize(108);
    }

    @Test
    void aCleanBuildThatFailsLeavesNoFolderAndNoStagingBehind() throws Exception {
        Path fresh = out.resolve("gen");
        Map<String, byte[]> clash = new LinkedHashMap<>();
        // A file and a folder of the same name cannot both be written: the write fails half way.
        clash.put("p/A.java", "class A {}".getBytes(StandardCharsets.UTF_8));
        clash.put("p/A.java/B.java", "class B {}".getBytes(StandardCharsets.UTF_8));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OutputSync.sync(fresh, clash, List.of()))
                .isInstanceOf(java.io.IOException.class);

        try (var left = Files.list(out)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
