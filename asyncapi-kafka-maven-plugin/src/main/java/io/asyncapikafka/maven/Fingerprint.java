package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over everything a generation depends on: the settings (options, plugin version, paths) and the bytes of
 * every input file reached from the contract. Equal fingerprints mean generating again would give the same output.
 */
final class Fingerprint {

    /** Bumped when what goes into the hash changes, so old state files never match by accident. */
    private static final String FORMAT = "asyncapi-kafka fingerprint v1";

    private Fingerprint() {}

    /**
     * @param baseDir the folder the input paths are relative to (the contract's folder)
     * @param inputs input files relative to {@code baseDir}, {@code /}-separated; hashed in sorted order so the
     *     reader's ordering never matters
     * @param settings everything else that shapes the output, as one deterministic string
     * @return lower-case hex SHA-256
     */
    static String of(Path baseDir, Collection<String> inputs, String settings) throws IOException {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, settings);
        byte[] buffer = new byte[8192];
        for (String input : inputs.stream().sorted().toList()) {
            update(digest, "file " + input);
            try (InputStream in = Files.newInputStream(baseDir.resolve(input))) {
                long size = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
                // The length closes each file's bytes so content can never shift from one file into the next.
                update(digest, "size " + size);
            } catch (NoSuchFileException e) {
                // A vanished input is a change, not an error: the next read reports it properly.
                update(digest, "missing");
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True for inputs that are URLs (remote references): their content cannot be checked cheaply. */
    static boolean isRemote(String input) {
        return input.contains("://");
    }

    static boolean anyRemote(List<String> inputs) {
        return inputs.stream().anyMatch(Fingerprint::isRemote);
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(bytes);
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
