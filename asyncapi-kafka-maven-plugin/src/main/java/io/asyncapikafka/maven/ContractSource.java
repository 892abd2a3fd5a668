package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where the {@code contract} parameter points: a file (relative to the project's base directory), or a Maven artifact
 * {@code groupId:artifactId:version[:classifier]} holding the contract. An artifact is resolved from the build's
 * repositories and unpacked into a folder under {@code target/}, and the contract is read from there like any file:
 * its {@code $ref}s resolve inside the artifact (its folder is their root), and the incremental build fingerprints the
 * unpacked files. Unpacking writes only files whose bytes changed, so an unchanged artifact leaves the fingerprint's
 * fast path (size and time stamp) intact.
 *
 * <ul>
 *   <li>{@code g:a:v} (no {@code contractPath}) or {@code g:a:v:asyncapi}: the zip the {@code attach-contract} goal
 *       attaches; it names its contract.
 *   <li>{@code g:a:v} with {@code contractPath}: the artifact's jar, the contract at that path inside it.
 *   <li>{@code g:a:v:classifier} with another classifier: that classifier's jar, with {@code contractPath} (unless
 *       the jar names its contract like the zip does).
 * </ul>
 */
final class ContractSource {

    /**
     * A contract ready to read.
     *
     * @param contract the file
     * @param refRoot the folder its references may reach, or {@code null} for the project's default
     * @param artifact the artifact it came from ({@code g:a:v[:c]}), or {@code null} for a plain file
     */
    record Resolved(Path contract, Path refRoot, String artifact) {}

    /** Resolves one artifact file from the build's repositories. */
    @FunctionalInterface
    interface Artifacts {
        Path resolve(String groupId, String artifactId, String classifier, String extension, String version)
                throws ContractFailure;
    }

    /** No path separators, no blanks: {@code C:\x.yaml} or {@code a/b:c.yaml} are files, never coordinates. */
    private static final Pattern GAV =
            Pattern.compile("([^:/\\\\\\s]+):([^:/\\\\\\s]+):([^:/\\\\\\s]+)(?::([^:/\\\\\\s]+))?");

    private ContractSource() {}

    static boolean isCoordinates(String spec) {
        return spec != null && GAV.matcher(spec.trim()).matches();
    }

    /**
     * @param spec the {@code contract} parameter
     * @param contractPath the {@code contractPath} parameter (path inside an artifact), or {@code null}
     * @param basedir what a relative file is relative to
     * @param unpackRoot where artifacts are unpacked ({@code target/asyncapi-kafka/contracts})
     */
    static Resolved resolve(String spec, String contractPath, Path basedir, Path unpackRoot, Artifacts artifacts)
            throws ContractFailure {
        if (spec == null || spec.isBlank()) {
            throw new ContractFailure("No contract: set <contract> (a file, or groupId:artifactId:version of an"
                    + " artifact holding it) or -Dasyncapi.contract=...");
        }
        String s = spec.trim();
        Path file = basedir.resolve(s).toAbsolutePath().normalize();
        Matcher gav = GAV.matcher(s);
        if (Files.exists(file) || !gav.matches()) {
            return new Resolved(file, null, null);
        }
        String classifier = gav.group(4);
        String path = contractPath == null || contractPath.isBlank() ? null : contractPath.trim();
        boolean zip = ContractArchive.CLASSIFIER.equals(classifier) || (classifier == null && path == null);
        String resolvedClassifier = zip ? ContractArchive.CLASSIFIER : classifier;
        String extension = zip ? ContractArchive.TYPE : "jar";
        Path archive = artifacts.resolve(gav.group(1), gav.group(2), resolvedClassifier, extension, gav.group(3));
        // One folder per archive file (named like it): two executions reading the zip and the jar of one version
        // must not unpack over each other.
        Path folder = unpackRoot.resolve(gav.group(1)).resolve(gav.group(2))
                .resolve(gav.group(3) + (resolvedClassifier == null ? "" : "-" + resolvedClassifier) + "." + extension)
                .toAbsolutePath().normalize();
        try {
            Path contract = extract(archive, folder, path, s);
            return new Resolved(contract, folder, s);
        } catch (IOException e) {
            throw new ContractFailure("Contract " + s + ": cannot unpack " + archive + ": " + e.getMessage());
        }
    }

    /**
     * Unpacks every entry but classes and {@code META-INF} into {@code folder} (only files whose bytes differ are
     * written; files the archive no longer holds are deleted) and returns the contract's path.
     */
    static Path extract(Path archive, Path folder, String contractPath, String label)
            throws IOException, ContractFailure {
        String named = null;
        Set<Path> entries = new HashSet<>();
        Files.createDirectories(folder);
        try (InputStream in = Files.newInputStream(archive); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                String name = e.getName();
                if (name.equals(ContractArchive.MANIFEST)) {
                    Properties p = new Properties();
                    p.load(new StringReader(new String(z.readAllBytes(), StandardCharsets.UTF_8)));
                    named = p.getProperty("contract");
                    continue;
                }
                if (e.isDirectory() || name.endsWith(".class") || name.startsWith("META-INF/")) {
                    continue;
                }
                Path target = folder.resolve(name).normalize();
                if (!target.startsWith(folder)) {
                    continue; // never write outside the folder
                }
                byte[] bytes = z.readAllBytes();
                entries.add(target);
                if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                }
            }
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!entries.contains(f)) {
                    Files.delete(f);
                }
            }
        }
        String chosen = contractPath != null ? contractPath : named;
        if (chosen == null) {
            throw new ContractFailure("Contract " + label + ": " + archive.getFileName() + " does not name its"
                    + " contract (no " + ContractArchive.MANIFEST + "); set <contractPath> to the contract's path"
                    + " inside it, e.g. asyncapi/orders.yaml");
        }
        Path contract = folder.resolve(chosen.startsWith("/") ? chosen.substring(1) : chosen).normalize();
        if (!contract.startsWith(folder) || !Files.isRegularFile(contract)) {
            throw new ContractFailure("Contract " + label + ": " + archive.getFileName() + " holds no " + chosen
                    + " (entries: " + listing(folder, entries) + ")");
        }
        return contract;
    }

    private static String listing(Path folder, Set<Path> entries) {
        List<String> names = entries.stream().map(p -> folder.relativize(p).toString().replace('\\', '/'))
                .sorted().limit(10).toList();
        return names.isEmpty() ? "none besides classes" : String.join(", ", names)
                + (entries.size() > names.size() ? ", ..." : "");
    }
}
