package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file writes that readers (javac, IDEs, the next build) never see half done. */
final class AtomicFiles {

    private AtomicFiles() {}

    /** Writes {@code bytes} to a temporary file next to {@code target}, then moves it over {@code target}. */
    static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        replace(target, bytes);
    }

    /** As {@link #write}, for a target whose folder exists (the caller created each folder once). */
    static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Same folder as the target: a move within one file system can be atomic.
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        boolean moved = false;
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            // Only after a failure: a successful move left no temporary file, and a delete would be a wasted syscall.
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
