package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a generation can be skipped and, when it cannot, replaces the previous output with the new one.
 *
 * <p>The check covers the files the <em>previous</em> read reached: any change to what a contract references shows
 * up as a change in a file already on that list (the contract or a referencing file), so the list can be trusted
 * until the next read.
 *
 * <p>Like make and git, an input whose size and modification time are exactly as recorded is taken as unchanged
 * without reading it: a no-op build then costs a few file-system calls, not a SHA-256 (whose first use in a fresh JVM
 * alone takes longer than the whole check may). Any other input is hashed. An input modified within
 * {@link #RACY_NANOS} of being recorded is always hashed, because a later edit could keep its time stamp.
 */
final class IncrementalBuild {

    static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** State files are {@code <execution id>.fingerprint}; others with this suffix in the folder are siblings. */
    static final String SUFFIX = ".fingerprint";

    private final Path stateFile;

    private IncrementalBuild(Path stateFile) {
        this.stateFile = Objects.requireNonNull(stateFile, "stateFile");
    }

    /** @param stateFile where this execution keeps its state, e.g. {@code target/asyncapi-kafka/default.fingerprint} */
    static IncrementalBuild at(Path stateFile) {
        return new IncrementalBuild(stateFile);
    }

    /**
     * True when the last generation used the same settings, every input it read still has the same content, and
     * every file it produced is still there.
     */
    boolean isUpToDate(Path contractDir, String settings) throws IOException {
        Optional<BuildState> stored = BuildState.read(stateFile);
        if (stored.isEmpty()) {
            return false;
        }
        BuildState state = stored.get();
        if (state.fingerprint().equals(BuildState.PENDING)
                || state.inputs().isEmpty()
                || !state.settings().equals(settings)) {
            return false;
        }
        for (Path file : state.files()) {
            if (!Files.isRegularFile(file)) {
                return false;
            }
        }
        boolean restamped = false;
        List<BuildState.Input> current = new ArrayList<>(state.inputs().size());
        for (BuildState.Input input : state.inputs()) {
            if (Fingerprint.isRemote(input.path())) {
                // Remote documents may change without any local trace: always read them again.
                return false;
            }
            BuildState.Input now = stat(contractDir, input.path());
            if (now.size() != input.size()) {
                return false;
            }
            boolean trusted = now.modifiedNanos() == input.modifiedNanos()
                    && input.modifiedNanos() < state.recordedNanos() - RACY_NANOS;
            if (!trusted) {
                String sha256 = Fingerprint.ofFile(contractDir.resolve(input.path()));
                if (!sha256.equals(input.sha256())) {
                    return false;
                }
                restamped = true;
            }
            current.add(new BuildState.Input(input.path(), now.size(), now.modifiedNanos(), input.sha256()));
        }
        if (restamped) {
            // Same content under a new time stamp (touched, checked out again): remember the new stamp so the
            // next build takes the fast path again.
            new BuildState(state.fingerprint(), nowNanos(), state.settings(), current, state.files()).write(stateFile);
        }
        return true;
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
        // Inputs are looked at before anything is written, as close to the read as possible. Each is stat-ed before
        // it is hashed, so an edit racing with this build leaves a newer time stamp than recorded and is re-hashed.
        long recorded = nowNanos();
        List<BuildState.Input> stamped = new ArrayList<>(inputs.size());
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String input : inputs) {
            BuildState.Input entry;
            if (Fingerprint.isRemote(input)) {
                entry = new BuildState.Input(input, -1, 0, Fingerprint.MISSING);
            } else {
                BuildState.Input stat = stat(contractDir, input);
                String sha256 = Fingerprint.ofFile(contractDir.resolve(input));
                entry = new BuildState.Input(input, stat.size(), stat.modifiedNanos(), sha256);
            }
            stamped.add(entry);
            hashes.put(input, entry.sha256());
        }
        String fingerprint = Fingerprint.of(settings, hashes);

        List<Path> previous = new ArrayList<>(BuildState.read(stateFile).map(BuildState::files).orElse(List.of()));
        // Another execution of the same project may now produce a file this one used to: it is theirs, not stale.
        previous.removeAll(filesOfOtherExecutions());
        Path root = outputDir.toAbsolutePath().normalize();
        List<Path> produced = new ArrayList<>();
        for (String relative : files.keySet()) {
            produced.add(OutputSync.resolveInside(root, relative));
        }
        // Before touching the output, record old and new files as ours with a fingerprint that never matches: if
        // the write is interrupted, the next build regenerates and can still delete everything either run made.
        Set<Path> both = new LinkedHashSet<>(previous);
        both.addAll(produced);
        new BuildState(BuildState.PENDING, recorded, settings, stamped, List.copyOf(both)).write(stateFile);

        OutputSync.Result result = OutputSync.sync(root, files, previous);

        new BuildState(fingerprint, recorded, settings, stamped, produced).write(stateFile);
        return result;
    }

    /** Files recorded by the other state files next to ours (other executions of the same project). */
    private Set<Path> filesOfOtherExecutions() throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        Path dir = stateFile.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> states = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path other : states) {
                if (!other.equals(stateFile.toAbsolutePath())) {
                    BuildState.read(other).ifPresent(state -> files.addAll(state.files()));
                }
            }
        }
        return files;
    }

    /** The fingerprint the last successful generation recorded, if any. */
    Optional<String> fingerprint() {
        return BuildState.read(stateFile).map(BuildState::fingerprint).filter(f -> !f.equals(BuildState.PENDING));
    }

    private static BuildState.Input stat(Path contractDir, String input) throws IOException {
        try {
            BasicFileAttributes attributes =
                    Files.readAttributes(contractDir.resolve(input), BasicFileAttributes.class);
            return new BuildState.Input(
                    input, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), "");
        } catch (NoSuchFileException e) {
            return new BuildState.Input(input, -1, 0, Fingerprint.MISSING);
        }
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
