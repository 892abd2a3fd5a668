package io.asyncapikafka.maven;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a baseline contract is: a file (relative to the project's base directory), or {@code git:<rev>}: the same
 * contract at a git revision, read with the machine's {@code git}. For a revision, every YAML/JSON file under the
 * folder {@code $ref}s may reach (also .avsc and .avdl; the project's base directory, else the contract's folder) is written, as it was at
 * that revision, into a scratch folder with the same layout, so the baseline's {@code $ref}s resolve to their old
 * versions too.
 */
final class Baselines {

    static final String GIT = "git:";


    private Baselines() {}

    /** Finds a released version's contract archive ({@link ContractArchive}) in the Maven repositories. */
    @FunctionalInterface
    interface ArtifactResolver {
        Path resolve(String groupId, String artifactId, String version) throws ContractFailure;

        ArtifactResolver NONE = (g, a, v) -> {
            throw new ContractFailure("Baseline " + g + ":" + a + ":" + v + " names a released version, which needs"
                    + " a Maven project to resolve it from");
        };
    }

    private static final java.util.regex.Pattern GAV = java.util.regex.Pattern.compile("[^:/\\\\]+:[^:/\\\\]+:[^:/\\\\]+");

    /** A baseline ready to read: its contract file and the folder its references may reach. */
    record Baseline(String label, Path contract, Path root) {}

    static Baseline resolve(String spec, Path contract, Path root, Path scratch, ArtifactResolver artifacts)
            throws ContractFailure {
        String s = spec.trim();
        if (s.startsWith(GIT)) {
            return fromGit(s, s.substring(GIT.length()).trim(), contract, root, scratch);
        }
        Path file = root.resolve(s).toAbsolutePath().normalize();
        if (!Files.exists(file) && GAV.matcher(s).matches()) {
            String[] gav = s.split(":");
            Path zip = artifacts.resolve(gav[0], gav[1], gav[2]);
            try {
                Path unpacked = ContractArchive.unpack(zip, scratch);
                return new Baseline(s, unpacked, scratch);
            } catch (IOException e) {
                throw new ContractFailure("Baseline " + s + ": cannot unpack " + zip + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ContractFailure("Baseline contract not found: " + file + " (set <baseline> to a file, or"
                    + " git:<revision> for the contract as it was at that revision)");
        }
        Path baselineRoot = file.startsWith(root) ? root : file.getParent();
        return new Baseline(s, file, baselineRoot);
    }

    private static Baseline fromGit(String label, String rev, Path contract, Path root, Path scratch)
            throws ContractFailure {
        if (rev.isEmpty() || rev.startsWith("-")) {
            throw new ContractFailure("Baseline '" + label + "' names no git revision (write e.g. git:HEAD~1 or"
                    + " git:v1.2.0)");
        }
        Path folder = contract.toAbsolutePath().normalize().getParent();
        Path scope = folder.startsWith(root) ? root : folder;
        String scopePrefix = git(scope, "rev-parse", "--show-prefix").trim();
        String contractPrefix = git(folder, "rev-parse", "--show-prefix").trim();
        String contractPath = contractPrefix + contract.getFileName();
        String listing = git(scope, "ls-tree", "-r", "--name-only", "--full-name", rev + "^{tree}", "--", ".");
        List<String> files = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String name = line.trim();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")
                    || lower.endsWith(".avsc") || lower.endsWith(".avdl")) { // Avro schemas and protocols too
                files.add(name);
            }
        }
        if (!files.contains(contractPath)) {
            throw new ContractFailure("Baseline '" + label + "': " + contractPath + " does not exist at revision "
                    + rev + " (was the contract moved or renamed? give the old file as <baseline> instead)");
        }
        try {
            for (String name : files) {
                Path target = scratch.resolve(name).normalize();
                if (!target.startsWith(scratch)) {
                    throw new ContractFailure("Baseline '" + label + "': git lists a path outside the tree: " + name);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, gitBytes(scope, "show", rev + ":" + name));
            }
        } catch (IOException e) {
            throw new ContractFailure("Baseline '" + label + "': cannot write " + scratch + ": " + e.getMessage());
        }
        Path baselineRoot = scopePrefix.isEmpty() ? scratch : scratch.resolve(scopePrefix).normalize();
        return new Baseline(label, scratch.resolve(contractPath).normalize(), baselineRoot);
    }

    private static String git(Path dir, String... args) throws ContractFailure {
        return new String(gitBytes(dir, args), StandardCharsets.UTF_8);
    }

    /** Runs {@code git -C dir args...}; a failure becomes a build failure quoting git's own message. */
    private static byte[] gitBytes(Path dir, String... args) throws ContractFailure {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new ContractFailure("git:<revision> baselines need the git command, which failed to start: "
                    + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ContractFailure("git " + String.join(" ", args) + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                String message = new String(err.join(), StandardCharsets.UTF_8).trim();
                throw new ContractFailure("git " + String.join(" ", args) + " failed in " + dir + ": " + message);
            }
            return out;
        } catch (IOException e) {
            throw new ContractFailure("git " + String.join(" ", args) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ContractFailure("interrupted while running git");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            return ("(unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
