package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes an output folder hold exactly the generated files: unchanged files are not touched (their modification time
 * stays, so incremental compilers skip them), new or changed ones are replaced atomically, and files the previous run
 * produced but this one does not are deleted. Files the plugin never produced are never deleted.
 */
final class OutputSync {

    /**
     * What a sync did, each list holding paths relative to the output folder.
     *
     * @param written new or changed files
     * @param unchanged files left as they were
     * @param deleted stale files removed (absolute when outside the output folder)
     */
    record Result(List<String> written, List<String> unchanged, List<String> deleted) {
        Result {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
            deleted = List.copyOf(deleted);
        }

        int total() {
            return written.size() + unchanged.size();
        }
    }

    private OutputSync() {}

    /**
     * @param outputDir the folder to write into
     * @param files content by path relative to {@code outputDir} ({@code /}-separated)
     * @param previouslyProduced absolute paths the previous run produced; those not produced now are deleted
     */
    static Result sync(Path outputDir, Map<String, byte[]> files, Collection<Path> previouslyProduced)
            throws IOException {
        Path root = outputDir.toAbsolutePath().normalize();
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<Path> produced = new LinkedHashSet<>();
        // Writes first, deletions last: if a write fails, nothing from the previous run has been removed yet.
        for (Map.Entry<String, byte[]> entry : files.entrySet()) {
            Path target = resolveInside(root, entry.getKey());
            produced.add(target);
            if (sameContent(target, entry.getValue())) {
                unchanged.add(entry.getKey());
            } else {
                AtomicFiles.write(target, entry.getValue());
                written.add(entry.getKey());
            }
        }
        List<String> deleted = new ArrayList<>();
        for (Path old : previouslyProduced) {
            Path stale = old.toAbsolutePath().normalize();
            if (!produced.contains(stale) && Files.deleteIfExists(stale)) {
                deleted.add(stale.startsWith(root) ? slashed(root.relativize(stale)) : stale.toString());
                pruneEmptyParents(stale.getParent(), stale.startsWith(root) ? root : stale.getParent());
            }
        }
        return new Result(written, unchanged, deleted);
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
