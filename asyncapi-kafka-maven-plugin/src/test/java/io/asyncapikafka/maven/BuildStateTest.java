package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsSettingsPathsWithSpacesAndEscapes() throws Exception {
        BuildState state = new BuildState(
                "abc123",
                1_700_000_000_123_456_789L,
                "contract=C:\\work\\orders.yaml\nline two\r\n\\n literal\n",
                List.of(new BuildState.Input("my refs/order schema.yaml", 12, 1_600_000_000_000_000_000L, "ff00")),
                List.of(dir.resolve("out dir/A.java")));
        Path file = dir.resolve("state/x.fingerprint");

        state.write(file);

        assertThat(BuildState.read(file)).contains(state);
        assertThat(Files.readAllLines(file)).allMatch(l -> !l.contains("\r"));
    }

    @Test
    void missingOrForeignStateReadsAsNone() throws Exception {
        assertThat(BuildState.read(dir.resolve("none"))).isEmpty();
        Path file = dir.resolve("bad");
        Files.writeString(file, "fingerprint x\nrecorded 1\nsettings s\ninput 1 2\n");
        assertThat(BuildState.read(file)).isEmpty();
        Files.writeString(file, "fingerprint x\nrecorded 1\n");
        assertThat(BuildState.read(file)).as("no settings").isEmpty();
    }
}
