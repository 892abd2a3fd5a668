package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the last generation left behind, stored per execution under {@code target/asyncapi-kafka/}: its fingerprint,
 * the settings it used, each input file it read with size, modification time and SHA-256 (so the next build can check
 * exactly those before reading anything), and every file it produced (the only files the plugin will ever delete).
 *
 * @param fingerprint the hash of inputs and settings, or {@link #PENDING} while a write is in progress
 * @param recordedNanos when the inputs were looked at (epoch nanoseconds)
 * @param settings {@link GenerateRequest#settings()} of that generation
 * @param inputs the input files
 * @param files absolute paths of the produced files
 */
record BuildState(String fingerprint, long recordedNanos, String settings, List<Input> inputs, List<Path> files) {

    /**
     * One input file as it was when read.
     *
     * @param path relative to the contract's folder
     * @param size in bytes, or -1 when missing
     * @param modifiedNanos last modification, epoch nanoseconds
     * @param sha256 {@link Fingerprint#ofFile}
     */
    record Input(String path, long size, long modifiedNanos, String sha256) {
        Input {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    /** Never equal to a real fingerprint: marks a state written before output was complete. */
    static final String PENDING = "pending";

    private static final String HEADER =
            "# asyncapi-kafka incremental build state; safe to delete (the next build regenerates everything)";

    BuildState {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(settings, "settings");
        inputs = List.copyOf(inputs);
        files = List.copyOf(files);
    }

    /** The stored state, or empty when there is none or it cannot be understood (then everything regenerates). */
    static Optional<BuildState> read(Path stateFile) {
        try {
            if (!Files.isRegularFile(stateFile)) {
                return Optional.empty();
            }
            return parse(Files.readAllLines(stateFile, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Unreadable or from another plugin version: regenerating is always safe.
            return Optional.empty();
        }
    }

    private static Optional<BuildState> parse(List<String> lines) {
        String fingerprint = null;
        long recorded = -1;
        String settings = null;
        List<Input> inputs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            String value = line.substring(space + 1);
            switch (line.substring(0, space)) {
                case "fingerprint" -> fingerprint = value;
                case "recorded" -> recorded = Long.parseLong(value);
                case "settings" -> settings = unescape(value);
                case "input" -> {
                    // size, time and hash first: the path, last, may contain spaces.
                    String[] parts = value.split(" ", 4);
                    if (parts.length != 4) {
                        return Optional.empty();
                    }
                    inputs.add(new Input(parts[3], Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]));
                }
                case "file" -> files.add(Path.of(value));
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (fingerprint == null || recorded < 0 || settings == null) {
            return Optional.empty();
        }
        return Optional.of(new BuildState(fingerprint, recorded, settings, inputs, files));
    }

    /** Writes atomically, so a crash leaves either the old or the new state, never half of one. */
    void write(Path stateFile) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("fingerprint ").append(fingerprint).append('\n');
        text.append("recorded ").append(recordedNanos).append('\n');
        text.append("settings ").append(escape(settings)).append('\n');
        for (Input input : inputs) {
            text.append("input ").append(input.size()).append(' ').append(input.modifiedNanos()).append(' ')
                    .append(input.sha256()).append(' ').append(input.path()).append('\n');
        }
        for (Path file : files) {
            text.append("file ").append(file).append('\n');
        }
        AtomicFiles.write(stateFile, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One line, exactly reversible: {@code \\} and {@code \n} escapes. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String line) {
        StringBuilder text = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                text.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
