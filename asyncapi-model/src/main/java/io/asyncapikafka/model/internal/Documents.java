package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contract and every document it references: loads each file once, and resolves {@code $ref}s (local pointers,
 * relative files with fragments, chains) with the root-folder and remote policies applied.
 */
final class Documents {

    /** Where a {@code $ref} led: the node, and the document and pointer that name it (for schema names). */
    record Target(Node node, String fileKey, List<String> segments) {
        String key() {
            if (segments == null) {
                return fileKey + "@" + node.pointer();
            }
            return fileKey + "#/" + String.join("/", segments.stream().map(Node::escape).toList());
        }
    }

    private static final int MAX_CHAIN = 64;

    private final Path rootDir;
    private final ReaderOptions options;
    private final Diagnostics diags;
    private final Map<String, Node> loaded = new HashMap<>();
    private final Set<String> failed = new java.util.HashSet<>();
    private final Set<String> inputFiles = new TreeSet<>();
    private final Set<Set<String>> reportedCycles = new java.util.HashSet<>();
    /** Reference nodes already followed (by identity: records compare whole subtrees). */
    private final Set<Node> followed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private Documents(Path rootDir, ReaderOptions options, Diagnostics diags) {
        this.rootDir = rootDir;
        this.options = options;
        this.diags = diags;
    }

    static Documents create(Path contract, ReaderOptions options, Diagnostics diags) {
        Path abs = contract.toAbsolutePath().normalize();
        Path dir = abs.getParent() == null ? abs : abs.getParent();
        return new Documents(dir, options, diags);
    }

    static String keyOf(Path file) {
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /** Every file read, relative to the contract's folder, sorted. */
    List<String> inputFiles() {
        return List.copyOf(inputFiles);
    }

    /** The root node of the document with {@code key}, loading it on first use; null when it cannot be read. */
    Node load(String key, Node refSite) {
        if (loaded.containsKey(key)) {
            return loaded.get(key);
        }
        if (failed.contains(key)) {
            return null;
        }
        Node root = read(key, refSite);
        if (root == null) {
            failed.add(key);
        } else {
            loaded.put(key, root);
        }
        return root;
    }

    private Node read(String key, Node refSite) {
        URI uri = URI.create(key);
        String display = displayName(uri);
        boolean json = uri.getPath() != null && uri.getPath().toLowerCase(Locale.ROOT).endsWith(".json");
        byte[] bytes;
        try {
            bytes = "file".equals(uri.getScheme()) ? readFile(Path.of(uri), display, refSite) : fetch(uri, display, refSite);
        } catch (IOException e) {
            diags.report(Code.IO_ERROR, "cannot read " + display + ": " + e.getMessage(), refSite);
            return null;
        }
        if (bytes == null) {
            return null;
        }
        inputFiles.add(display);
        Node.Origin origin = new Node.Origin(key, display);
        return TreeParser.parse(bytes, json, origin, options.maxDepth(), options.maxAliases(), options.maxFileBytes(),
                diags);
    }

    private byte[] readFile(Path file, String display, Node refSite) throws IOException {
        try {
            long size = Files.size(file);
            if (size > options.maxFileBytes()) {
                diags.report(Code.FILE_TOO_LARGE,
                        display + " has " + size + " bytes, more than the limit of " + options.maxFileBytes(), refSite);
                return null;
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (refSite == null) {
                diags.report(Code.IO_ERROR, "contract file not found: " + display,
                        new io.asyncapikafka.model.SourceLocation(display, 0, 0, ""));
            } else {
                diags.report(Code.REF_FILE_NOT_FOUND, "referenced file not found: " + display, refSite);
            }
            return null;
        }
    }

    private byte[] fetch(URI uri, String display, Node refSite) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    diags.report(Code.REF_FILE_NOT_FOUND, "GET " + display + " answered " + resp.statusCode(), refSite);
                    return null;
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxFileBytes() + 1));
                if (bytes.length > options.maxFileBytes()) {
                    diags.report(Code.FILE_TOO_LARGE, display + " is larger than " + options.maxFileBytes() + " bytes",
                            refSite);
                    return null;
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The local file a {@code $ref} at {@code refSite} names (its file part, {@code filePart}), under the same
     * root-folder rules as any {@code $ref}, recorded as an input of the contract; null after a diagnostic. For files
     * another parser reads (an Avro IDL file).
     */
    Path localFile(String filePart, String ref, Node refSite) {
        String key = resolveFile(refSite.origin().key(), filePart, ref, refSite);
        if (key == null) {
            return null;
        }
        URI uri = URI.create(key);
        if (!"file".equals(uri.getScheme())) {
            diags.report(Code.BAD_REF, "'" + ref + "' must name a local file", refSite);
            return null;
        }
        Path file = Path.of(uri);
        if (!Files.isRegularFile(file)) {
            diags.report(Code.REF_FILE_NOT_FOUND, "referenced file not found: " + displayName(uri), refSite);
            return null;
        }
        inputFiles.add(displayName(uri));
        return file;
    }

    private String displayName(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return uri.toString();
        }
        Path p = Path.of(uri);
        Path rel = rootDir.relativize(p);
        return rel.toString().replace('\\', '/');
    }

    /**
     * Follows {@code $ref}s from {@code node} until a node that is not a reference. Returns null (with a diagnostic)
     * when a reference is broken or cyclic. When {@code node} is not a reference the target is the node itself, with
     * {@code segments == null}.
     */
    Target deref(Node node) {
        if (node instanceof Node.MapNode m && m.isRef()) {
            followed.add(m);
        }
        Target current = new Target(node, node.origin().key(), null);
        Set<String> seen = new LinkedHashSet<>();
        while (current.node() instanceof Node.MapNode m && m.isRef()) {
            Target next = step(m);
            if (next == null) {
                return null;
            }
            if (!seen.add(next.key()) || seen.size() > MAX_CHAIN) {
                if (!reportedCycles.add(new java.util.TreeSet<>(seen))) {
                    return null; // the same cycle entered at another member: reported once
                }
                diags.report(Code.REF_CYCLE, "reference cycle: " + String.join(" -> ", shortKeys(seen, next)), m);
                return null;
            }
            current = next;
        }
        return current;
    }

    /** Follows {@code ref} unless it was followed already (every problem it has is reported then). */
    void check(Node.MapNode ref) {
        if (!followed.contains(ref)) {
            deref(ref);
        }
    }

    /** Derefs, giving back the node only (null when broken). */
    Node resolve(Node node) {
        if (!(node instanceof Node.MapNode m) || !m.isRef()) {
            return node;
        }
        Target t = deref(node);
        return t == null ? null : t.node();
    }

    private List<String> shortKeys(Set<String> seen, Target closing) {
        List<String> out = new ArrayList<>();
        for (String k : seen) {
            out.add(shortKey(k));
        }
        out.add(shortKey(closing.key()));
        return out;
    }

    private String shortKey(String key) {
        int hash = key.indexOf('#');
        URI uri = URI.create(key.substring(0, hash));
        return displayName(uri) + key.substring(hash);
    }

    /** Resolves one {@code $ref} (the map holding it) to its target, or null with a diagnostic. */
    Target step(Node.MapNode refNode) {
        Node refValue = refNode.get("$ref");
        String ref = refNode.ref();
        if (ref == null) {
            diags.report(Code.BAD_REF, "$ref must be a string, found " + Node.kind(refValue), refValue);
            return null;
        }
        int hash = ref.indexOf('#');
        String filePart = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? "" : ref.substring(hash + 1);
        if (!fragment.isEmpty() && !fragment.startsWith("/")) {
            diags.report(Code.BAD_REF, "only JSON pointer fragments are supported: '" + ref + "'", refValue);
            return null;
        }
        String fileKey = refNode.origin().key();
        if (!filePart.isEmpty()) {
            fileKey = resolveFile(refNode.origin().key(), filePart, ref, refValue);
            if (fileKey == null) {
                return null;
            }
        }
        Node root = load(fileKey, refValue);
        if (root == null) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        if (!fragment.isEmpty()) {
            for (String raw : fragment.substring(1).split("/", -1)) {
                segments.add(percentDecode(raw).replace("~1", "/").replace("~0", "~"));
            }
        }
        Node n = root;
        int depth = 0;
        for (String seg : segments) {
            // A pointer may pass through another reference (e.g. into a referenced message's payload).
            while (n instanceof Node.MapNode m && m.isRef() && depth++ < MAX_CHAIN) {
                Target via = step(m);
                n = via == null ? null : via.node();
            }
            n = child(n, seg);
            if (n == null) {
                diags.report(Code.UNRESOLVED_REF, "$ref '" + ref + "' points to nothing (no '" + seg + "')", refValue);
                return null;
            }
        }
        return new Target(n, fileKey, List.copyOf(segments));
    }

    private static Node child(Node n, String seg) {
        if (n instanceof Node.MapNode m) {
            return m.get(seg);
        }
        if (n instanceof Node.ListNode l) {
            try {
                int i = Integer.parseInt(seg);
                return i >= 0 && i < l.items().size() ? l.items().get(i) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private String resolveFile(String baseKey, String filePart, String ref, Node refValue) {
        String lower = filePart.toLowerCase(Locale.ROOT);
        boolean remote = lower.startsWith("http://") || lower.startsWith("https://");
        URI base = URI.create(baseKey);
        boolean baseRemote = !"file".equals(base.getScheme());
        if (remote || baseRemote) {
            if (!options.allowRemoteRefs()) {
                diags.report(Code.REMOTE_REF, "remote reference '" + ref + "' is not allowed", refValue);
                return null;
            }
            try {
                URI target = base.resolve(filePart.replace(" ", "%20"));
                return target.toString();
            } catch (IllegalArgumentException e) {
                diags.report(Code.BAD_REF, "malformed reference '" + ref + "'", refValue);
                return null;
            }
        }
        if (lower.matches("^[a-z][a-z0-9+.-]+:.*") && !lower.matches("^[a-z]:[\\\\/].*")) {
            diags.report(Code.BAD_REF, "unsupported reference scheme in '" + ref + "'", refValue);
            return null;
        }
        Path target;
        try {
            target = Path.of(base).getParent().resolve(percentDecode(filePart)).normalize();
        } catch (RuntimeException e) {
            diags.report(Code.BAD_REF, "malformed reference '" + ref + "'", refValue);
            return null;
        }
        Path root = options.rootDirectory();
        if (!target.startsWith(rootDir) && (root == null || !target.startsWith(root))
                && !options.allowRefsOutsideRoot()) {
            diags.report(Code.REF_OUTSIDE_ROOT, "$ref '" + ref + "' leaves the contract's folder"
                    + (root == null ? "" : " and the root directory " + root), refValue);
            return null;
        }
        return keyOf(target);
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    buf.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape: keep the '%'
                }
            }
            if (buf.size() > 0) {
                out.append(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
                buf.reset();
            }
            out.append(c);
        }
        if (buf.size() > 0) {
            out.append(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
