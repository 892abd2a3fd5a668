package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

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
        // Same folder as the target: a move within one file system can be atomic. Created and written through one
        // open (Files.createTempFile opens, closes and reopens, and draws its name from a shared SecureRandom, which
        // parallel writers contend on); the random part keeps concurrent builds writing the same file apart.
        String prefix = "." + target.getFileName() + ".";
        Path temp;
        while (true) {
            temp = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                out.write(bytes);
                break;
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same name: draw again
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
        boolean moved = false;
        try {
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
