package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the last generation left behind, stored per execution under {@code target/asyncapi-kafka/}: its fingerprint,
 * the input files it read (so the next build can re-hash exactly those before reading anything), and every file it
 * produced (the only files the plugin will ever delete).
 *
 * @param fingerprint the hash of inputs and settings, or {@link #PENDING} while a write is in progress
 * @param inputs input files relative to the contract's folder
 * @param files absolute paths of the produced files
 */
record BuildState(String fingerprint, List<String> inputs, List<Path> files) {

    /** Never equal to a real fingerprint: marks a state written before output was complete. */
    static final String PENDING = "pending";

    private static final String HEADER =
            "# asyncapi-kafka incremental build state; safe to delete (the next build regenerates everything)";

    BuildState {
        Objects.requireNonNull(fingerprint, "fingerprint");
        inputs = List.copyOf(inputs);
        files = List.copyOf(files);
    }

    /** The stored state, or empty when there is none or it cannot be understood (then everything regenerates). */
    static Optional<BuildState> read(Path stateFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        String fingerprint = null;
        List<String> inputs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            String key = line.substring(0, space);
            String value = line.substring(space + 1);
            switch (key) {
                case "fingerprint" -> fingerprint = value;
                case "input" -> inputs.add(value);
                case "file" -> files.add(Path.of(value));
                default -> {
                    return Optional.empty();
                }
            }
        }
        return fingerprint == null ? Optional.empty() : Optional.of(new BuildState(fingerprint, inputs, files));
    }

    /** Writes atomically, so a crash leaves either the old or the new state, never half of one. */
    void write(Path stateFile) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("fingerprint ").append(fingerprint).append('\n');
        inputs.forEach(i -> text.append("input ").append(i).append('\n'));
        files.forEach(f -> text.append("file ").append(f).append('\n'));
        AtomicFiles.write(stateFile, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
