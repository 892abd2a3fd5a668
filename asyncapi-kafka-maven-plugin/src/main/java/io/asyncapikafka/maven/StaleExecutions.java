package io.asyncapikafka.maven;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cleans up after executions that are no longer part of the build. Each execution keeps its state (and the list of
 * files it produced) in {@code target/asyncapi-kafka/<execution id>.fingerprint}; when an execution is removed from
 * the pom, nobody would update its output any more, and sources in a folder another execution still adds to the
 * source roots (or classes compiled from them) would go on shipping until {@code mvn clean}. So every
 * {@code generate}/{@code generate-test} run deletes, for each state file whose execution is not in the project any
 * more, the files that execution produced (never a file a live execution also recorded) and the state file itself,
 * and says so in the log.
 */
final class StaleExecutions {

    /**
     * What was removed for one stale execution.
     *
     * @param executionId the execution's id as its state file names it
     * @param deleted the produced files that were deleted
     */
    record Removed(String executionId, List<Path> deleted) {}

    private StaleExecutions() {}

    /** The form an execution id takes in a state file name. */
    static String fileId(String executionId) {
        return executionId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * @param stateDir the folder of the state files ({@code target/asyncapi-kafka})
     * @param liveExecutionIds ids of the plugin's executions in the project as built now (raw ids, as in the pom)
     */
    static List<Removed> clean(Path stateDir, Set<String> liveExecutionIds, BuildLog log) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        Set<String> live = new HashSet<>();
        for (String id : liveExecutionIds) {
            live.add(fileId(id));
        }
        // Sorted by name: the same log lines in the same order on every machine.
        TreeMap<String, Path> stale = new TreeMap<>();
        List<Path> liveStates = new ArrayList<>();
        try (DirectoryStream<Path> states = Files.newDirectoryStream(stateDir, "*" + IncrementalBuild.SUFFIX)) {
            for (Path state : states) {
                String name = state.getFileName().toString();
                String id = name.substring(0, name.length() - IncrementalBuild.SUFFIX.length());
                if (live.contains(id)) {
                    liveStates.add(state);
                } else {
                    stale.put(id, state);
                }
            }
        }
        if (stale.isEmpty()) {
            return List.of(); // the usual case: one directory listing, nothing read
        }
        Set<Path> kept = new HashSet<>();
        for (Path state : liveStates) {
            BuildState.read(state).ifPresent(s -> normalized(s.files(), kept));
        }
        List<Removed> removed = new ArrayList<>();
        for (var entry : stale.entrySet()) {
            List<Path> files = new ArrayList<>();
            BuildState.read(entry.getValue()).ifPresent(s -> normalized(s.files(), files));
            List<Path> deleted = new ArrayList<>();
            for (Path file : files) {
                if (!kept.contains(file) && Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            }
            pruneEmptyFolders(deleted, stateDir.toAbsolutePath().normalize().getParent());
            Files.deleteIfExists(entry.getValue());
            removed.add(new Removed(entry.getKey(), List.copyOf(deleted)));
            log.info("asyncapi-kafka: execution '" + entry.getKey() + "' is no longer in the build: deleted its "
                    + ContractDiagnostics.count(deleted.size(), "generated file")
                    + (deleted.isEmpty() ? "" : " under " + commonFolder(deleted))
                    + " and its state " + entry.getValue().getFileName());
        }
        return List.copyOf(removed);
    }

    private static void normalized(List<Path> files, java.util.Collection<Path> into) {
        for (Path f : files) {
            into.add(f.toAbsolutePath().normalize());
        }
    }

    /**
     * Folders the deletion emptied: inside the build directory ({@code target}, the state folder's parent) up to
     * it; elsewhere up to and including the deepest folder that held all the deleted files.
     */
    private static void pruneEmptyFolders(List<Path> deleted, Path buildDir) throws IOException {
        if (deleted.isEmpty()) {
            return;
        }
        Path common = commonFolder(deleted);
        boolean inBuild = buildDir != null && common.startsWith(buildDir) && !common.equals(buildDir);
        for (Path file : deleted) {
            for (Path d = file.getParent(); d != null && (inBuild ? d.startsWith(buildDir) && !d.equals(buildDir)
                    : d.startsWith(common)); d = d.getParent()) {
                try {
                    Files.deleteIfExists(d);
                } catch (DirectoryNotEmptyException e) {
                    break;
                }
            }
        }
    }

    private static Path commonFolder(List<Path> files) {
        Path common = files.get(0).getParent();
        for (Path f : files) {
            while (common != null && !f.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
