package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a generation can be skipped and, when it cannot, replaces the previous output with the new one.
 *
 * <p>The fingerprint covers the files the <em>previous</em> read reached: any change to what a contract references
 * shows up as a change in a file already on that list (the contract or a referencing file), so the list itself can
 * be trusted until the next read.
 */
final class IncrementalBuild {

    private final Path stateFile;

    private IncrementalBuild(Path stateFile) {
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    }

    /** @param stateFile where this execution keeps its state, e.g. {@code target/asyncapi-kafka/default.fingerprint} */
    static IncrementalBuild at(Path stateFile) {
        return new IncrementalBuild(stateFile);
    }

    /**
     * True when the stored fingerprint equals the one recomputed now over the recorded inputs and {@code settings},
     * and every file the last run produced is still there.
     */
    boolean isUpToDate(Path contractDir, String settings) throws IOException {
        Optional<BuildState> stored = BuildState.read(stateFile);
        if (stored.isEmpty()) {
            return false;
        }
        BuildState state = stored.get();
        if (state.fingerprint().equals(BuildState.PENDING)
                || state.inputs().isEmpty()
                // Remote documents may change without any local trace: always read them again.
                || Fingerprint.anyRemote(state.inputs())) {
            return false;
        }
        for (Path file : state.files()) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
        }
        return state.fingerprint().equals(Fingerprint.of(contractDir, state.inputs(), settings));
    }

    /**
     * Writes {@code files} into {@code outputDir} (see {@link OutputSync}) and records the new state. Call only with
     * a complete, successful generation.
     *
     * @param inputs every file the read reached, relative to {@code contractDir}
     */
    OutputSync.Result commit(
            Path contractDir, List<String> inputs, String settings, Path outputDir, Map<String, byte[]> files)
            throws IOException {
        // Hashed before writing anything, as close to the read as possible, so an edit saved while this build runs
        // is unlikely to fall between what was read and what was hashed (the only way to record a wrong skip).
        String fingerprint = Fingerprint.of(contractDir, inputs, settings);
        List<Path> previous = BuildState.read(stateFile).map(BuildState::files).orElse(List.of());
        Path root = outputDir.toAbsolutePath().normalize();
        List<Path> produced = new ArrayList<>();
        for (String relative : files.keySet()) {
            produced.add(OutputSync.resolveInside(root, relative));
        }
        // Before touching the output, record old and new files as ours with a fingerprint that never matches: if
        // the write is interrupted, the next build regenerates and can still delete everything either run made.
        Set<Path> both = new LinkedHashSet<>(previous);
        both.addAll(produced);
        new BuildState(BuildState.PENDING, inputs, List.copyOf(both)).write(stateFile);

        OutputSync.Result result = OutputSync.sync(root, files, previous);

        new BuildState(fingerprint, inputs, produced).write(stateFile);
        return result;
    }
}
