package io.asyncapikafka.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to read a contract.
 *
 * @param role which side is built ({@link Role#APPLICATION} by default)
 * @param strict turn every warning into an error
 * @param allowRefsOutsideRoot allow {@code $ref} to files outside {@code rootDirectory} and the contract's folder
 * @param allowRemoteRefs allow {@code http(s)} references
 * @param maxFileBytes the largest file read (default 10 MiB)
 * @param maxDepth the deepest nesting accepted (default 200)
 * @param maxAliases YAML aliases allowed per file (default 200)
 * @param rootDirectory the folder {@code $ref}s may reach besides the contract's own folder (the Maven plugin passes
 *     the project's base directory, so {@code ../common/messages.yaml} inside the project is fine); {@code null}: only
 *     the contract's folder
 */
public record ReaderOptions(
        Role role,
        boolean strict,
        boolean allowRefsOutsideRoot,
        boolean allowRemoteRefs,
        long maxFileBytes,
        int maxDepth,
        int maxAliases,
        Path rootDirectory) {

    public ReaderOptions {
        Objects.requireNonNull(role, "role");
        rootDirectory = rootDirectory == null ? null : rootDirectory.toAbsolutePath().normalize();
    }

    /** Without a root directory: references stay inside the contract's folder. */
    public ReaderOptions(Role role, boolean strict, boolean allowRefsOutsideRoot, boolean allowRemoteRefs,
            long maxFileBytes, int maxDepth, int maxAliases) {
        this(role, strict, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases, null);
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(Role.APPLICATION, false, false, false, 10L * 1024 * 1024, 200, 200, null);
    }

    public ReaderOptions withRole(Role r) {
        return new ReaderOptions(r, strict, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases,
                rootDirectory);
    }

    public ReaderOptions withStrict(boolean s) {
        return new ReaderOptions(role, s, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases,
                rootDirectory);
    }

    public ReaderOptions withAllowRefsOutsideRoot(boolean a) {
        return new ReaderOptions(role, strict, a, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases, rootDirectory);
    }

    public ReaderOptions withAllowRemoteRefs(boolean a) {
        return new ReaderOptions(role, strict, allowRefsOutsideRoot, a, maxFileBytes, maxDepth, maxAliases,
                rootDirectory);
    }

    public ReaderOptions withRootDirectory(Path dir) {
        return new ReaderOptions(role, strict, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth,
                maxAliases, dir);
    }
}
