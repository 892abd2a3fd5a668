package io.asyncapikafka.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over everything a generation depends on: the settings (options, plugin version, paths) and the content of
 * every input file reached from the contract. Equal fingerprints mean generating again would give the same output.
 */
final class Fingerprint {

    /** Bumped when what goes into the hash changes, so old state files never match by accident. */
    private static final String FORMAT = "asyncapi-kafka fingerprint v1";

    /** The hash recorded for an input that does not exist. */
    static final String MISSING = "missing";

    private Fingerprint() {}

    /** SHA-256 of one file's content, lower-case hex, or {@link #MISSING}. */
    static String ofFile(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            // A vanished input is a change, not an error here: the next read reports it properly.
            return MISSING;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The fingerprint of a generation.
     *
     * @param settings everything besides input files that shapes the output, as one deterministic string
     * @param fileHashes {@link #ofFile} of each input by its path relative to the contract's folder; hashed in path
     *     order so the reader's ordering never matters
     */
    static String of(String settings, Map<String, String> fileHashes) {
        MessageDigest digest = sha256();
        update(digest, FORMAT);
        update(digest, settings);
        List<String> paths = new ArrayList<>(fileHashes.keySet());
        Collections.sort(paths);
        for (String path : paths) {
            update(digest, path);
            update(digest, fileHashes.get(path));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** True for inputs that are URLs (remote references): their content cannot be checked cheaply. */
    static boolean isRemote(String input) {
        return input.contains("://");
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        // A separator no path or hash contains: "ab"+"c" and "a"+"bc" must not hash alike.
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
