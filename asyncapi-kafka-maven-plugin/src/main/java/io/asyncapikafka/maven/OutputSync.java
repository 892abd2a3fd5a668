package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Makes an output folder hold exactly the generated files: unchanged files are not touched (their modification time
 * stays, so incremental compilers skip them), new or changed ones are replaced atomically, and files the previous run
 * produced but this one does not are deleted. Files the plugin never produced are never deleted.
 *
 * <p>Public, with Maven-free types, so the benchmarks time the writer the plugin really runs.
 */
public final class OutputSync {

    /**
     * What a sync did, each list holding paths relative to the output folder.
     *
     * @param written new or changed files
     * @param unchanged files left as they were
     * @param deleted stale files removed (absolute when outside the output folder)
     */
    public record Result(List<String> written, List<String> unchanged, List<String> deleted) {
        public Result {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }

        public int total() {
            return written.size() + unchanged.size();
        }
    }

    private OutputSync() {}

    /**
     * @param outputDir the folder to write into
     * @param files content by path relative to {@code outputDir} ({@code /}-separated)
     * @param previouslyProduced absolute paths the previous run produced; those not produced now are deleted
     */
    public static Result sync(Path outputDir, Map<String, byte[]> files, Collection<Path> previouslyProduced)
            throws IOException {
        Path root = outputDir.toAbsolutePath().normalize();
        List<String> relatives = new ArrayList<>(files.keySet());
        List<byte[]> contents = new ArrayList<>(files.values());
        Path[] targets = new Path[relatives.size()];
        Set<Path> produced = new LinkedHashSet<>();
        for (int i = 0; i < targets.length; i++) {
            targets[i] = resolveInside(root, relatives.get(i));
            produced.add(targets[i]);
        }
        if (targets.length > 0 && !Files.exists(root, LinkOption.NOFOLLOW_LINKS)
                && writeFresh(root, relatives, contents)) {
            return new Result(relatives, List.of(), deleteStale(root, produced, previouslyProduced));
        }
        // Each folder once, not once per file; a folder that did not exist holds no file to compare with.
        Set<Path> newDirs = new HashSet<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path target : targets) {
            dirs.add(target.getParent());
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                newDirs.add(dir);
            }
        }
        // Writes first, deletions last: if a write fails, nothing from the previous run has been removed yet. Files
        // are independent, so they are compared and written in parallel (per-file syscalls dominate, not bandwidth);
        // the lists are assembled in input order afterwards, so the result does not depend on scheduling.
        boolean[] changed = new boolean[targets.length];
        try {
            IntStream.range(0, targets.length).parallel().forEach(i -> {
                try {
                    byte[] content = contents.get(i);
                    if (newDirs.contains(targets[i].getParent()) || !sameContent(targets[i], content)) {
                        AtomicFiles.replace(targets[i], content);
                        changed[i] = true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            (changed[i] ? written : unchanged).add(relatives.get(i));
        }
        return new Result(written, unchanged, deleteStale(root, produced, previouslyProduced));
    }

    /** Deletes what the previous run produced and this one does not; returns what it deleted. */
    private static List<String> deleteStale(Path root, Set<Path> produced, Collection<Path> previouslyProduced)
            throws IOException {
        List<String> deleted = new ArrayList<>();
        for (Path old : previouslyProduced) {
            Path stale = old.toAbsolutePath().normalize();
            if (!produced.contains(stale) && Files.deleteIfExists(stale)) {
                deleted.add(stale.startsWith(root) ? slashed(root.relativize(stale)) : stale.toString());
                pruneEmptyParents(stale.getParent(), stale.startsWith(root) ? root : stale.getParent());
            }
        }
        return deleted;
    }

    /**
     * A clean build (the output folder does not exist): every file is written into a staging folder next to it,
     * which is then renamed to the output folder in one step. Readers see no folder or the complete one, never a
     * partly written file, and each file costs a create instead of a create, a rename and a compare.
     *
     * @return {@code false} if the staging folder could not be moved into place (the output folder appeared in the
     *     meantime, or the file system cannot rename it atomically): nothing was written and the caller writes file by
     *     file instead
     */
    private static boolean writeFresh(Path root, List<String> relatives, List<byte[]> contents) throws IOException {
        Path parent = root.getParent();
        if (parent == null) {
            return false;
        }
        Files.createDirectories(parent);
        Path staging = parent.resolve("." + root.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        Files.createDirectory(staging);
        boolean moved = false;
        try {
            Path[] staged = new Path[relatives.size()];
            Set<Path> dirs = new LinkedHashSet<>();
            for (int i = 0; i < staged.length; i++) {
                staged[i] = staging.resolve(relatives.get(i));
                dirs.add(staged[i].getParent());
            }
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
            try {
                IntStream.range(0, staged.length).parallel().forEach(i -> {
                    try {
                        Files.write(staged[i], contents.get(i), StandardOpenOption.CREATE_NEW);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            try {
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (FileSystemException e) {
                return false; // already exists, not atomic here, ...: the per-file path handles all of these
            }
            return true;
        } finally {
            if (!moved) {
                deleteTree(staging);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The absolute target path, refusing anything that would land outside the output folder. */
    static Path resolveInside(Path root, String relative) {
        Path target = root.resolve(relative).normalize();
        if (relative.isEmpty() || Path.of(relative).isAbsolute() || !target.startsWith(root) || target.equals(root)) {
            // The generator computes these paths from package and type names; anything else is a bug.
            throw new IllegalStateException("generated file path '" + relative + "' is not inside " + root);
        }
        return target;
    }

    private static boolean sameContent(Path target, byte[] content) throws IOException {
        try {
            // Size first: a cheap "changed" answer for most edits without reading the file.
            return Files.size(target) == content.length && Arrays.equals(Files.readAllBytes(target), content);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Removes folders the deletion left empty (an emptied package), stopping at {@code stop}. */
    private static void pruneEmptyParents(Path dir, Path stop) throws IOException {
        for (Path d = dir; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
            try {
                Files.deleteIfExists(d);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
