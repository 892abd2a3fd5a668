package io.asyncapikafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders that are gone when the JVM exits normally: for what outlives one test method (an H2 file
 * database shared by a test class, a demo's ledger), where JUnit's {@code @TempDir} does not reach. A JVM killed with
 * SIGKILL leaves its folders to the operating system's temp cleaner.
 */
public final class TempFolders {

    private static final List<Path> CREATED = new ArrayList<>();
    private static boolean hooked;

    private TempFolders() {}

    /** A new empty folder under the system temp folder, named {@code prefix…}, deleted with its content at JVM exit. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            register(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void register(Path dir) {
        CREATED.add(dir);
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "asyncapi-kafka-temp-folders"));
        }
    }

    private static void deleteAll() {
        List<Path> dirs;
        synchronized (TempFolders.class) {
            dirs = new ArrayList<>(CREATED);
        }
        dirs.forEach(TempFolders::delete);
    }

    /** Deletes {@code root} and everything under it, best effort (a file still open elsewhere stays). */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: left for the operating system's temp cleaner
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }
}
