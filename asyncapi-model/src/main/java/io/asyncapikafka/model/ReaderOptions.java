package io.asyncapikafka.model;

import java.util.Objects;

/**
 * How to read a contract.
 *
 * @param role which side is built ({@link Role#APPLICATION} by default)
 * @param strict turn every warning into an error
 * @param allowRefsOutsideRoot allow {@code $ref} to files outside the contract's folder
 * @param allowRemoteRefs allow {@code http(s)} references
 * @param maxFileBytes the largest file read (default 10 MiB)
 * @param maxDepth the deepest nesting accepted (default 200)
 * @param maxAliases YAML aliases allowed per file (default 200)
 */
public record ReaderOptions(
        Role role,
        boolean strict,
        boolean allowRefsOutsideRoot,
        boolean allowRemoteRefs,
        long maxFileBytes,
        int maxDepth,
        int maxAliases) {

    public ReaderOptions {
        Objects.requireNonNull(role, "role");
    }

    public static ReaderOptions defaults() {
        return new ReaderOptions(Role.APPLICATION, false, false, false, 10L * 1024 * 1024, 200, 200);
    }

    public ReaderOptions withRole(Role r) {
        return new ReaderOptions(r, strict, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases);
    }

    public ReaderOptions withStrict(boolean s) {
        return new ReaderOptions(role, s, allowRefsOutsideRoot, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases);
    }

    public ReaderOptions withAllowRefsOutsideRoot(boolean a) {
        return new ReaderOptions(role, strict, a, allowRemoteRefs, maxFileBytes, maxDepth, maxAliases);
    }

    public ReaderOptions withAllowRemoteRefs(boolean a) {
        return new ReaderOptions(role, strict, allowRefsOutsideRoot, a, maxFileBytes, maxDepth, maxAliases);
    }
}
