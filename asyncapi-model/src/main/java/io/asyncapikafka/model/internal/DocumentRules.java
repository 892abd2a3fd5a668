package io.asyncapikafka.model.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules of the AsyncAPI JSON schemas (github.com/asyncapi/spec-json-schemas) that the model walk does not meet on its
 * own, so the official parser's refusals are ours too, located: keys under {@code components}, {@code id} as a URI,
 * security scheme types per version, and every {@code $ref} in {@code components} resolving even where nothing uses it. Each check is one
 * function the 3.x reading can call with its own sets.
 */
public final class DocumentRules {

    /** {@code components} keys of 2.0.0 to 2.2.0; 2.3.0 adds {@code servers}, {@code channels}; 2.4.0 {@code serverVariables}. */
    private static final Set<String> COMPONENTS_2_0 = Set.of("schemas", "messages", "securitySchemes", "parameters",
            "correlationIds", "operationTraits", "messageTraits", "serverBindings", "channelBindings",
            "operationBindings", "messageBindings");
    private static final Set<String> SECURITY_2_0 = Set.of("userPassword", "apiKey", "X509", "symmetricEncryption",
            "asymmetricEncryption", "httpApiKey", "http", "oauth2", "openIdConnect");
    /** SASL scheme types, added in 2.1.0. */
    private static final Set<String> SECURITY_2_1 = Set.of("plain", "scramSha256", "scramSha512", "gssapi");
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
    /** Keys whose values are data (examples, defaults) or someone else's (extensions): a "$ref" there is no reference. */
    private static final Set<String> DATA_KEYS = Set.of("examples", "example", "default", "const", "enum");

    private DocumentRules() {}

    /** The 2.x checks of {@code root}, a document of {@code version} (2.0.0 to 2.6.0). */
    static void check2x(Node.MapNode root, String version, Documents docs, Diagnostics diags) {
        int minor = version.length() >= 3 && Character.isDigit(version.charAt(2)) ? version.charAt(2) - '0' : 6;
        idIsUri(root.get("id"), diags);
        if (docs.resolve(root.get("components")) instanceof Node.MapNode components) {
            componentKeys(components, components2x(minor), version, diags);
            if (docs.resolve(components.get("securitySchemes")) instanceof Node.MapNode schemes) {
                Set<String> types = minor == 0 ? SECURITY_2_0 : union(SECURITY_2_0, SECURITY_2_1);
                securityTypes(schemes, types, version, docs, diags);
            }
        }
        // channels and servers are walked by the model; components may hold what nothing uses
        allRefsResolve(root.get("components"), docs);
        uniqueTagNames(root.get("tags"), docs, diags);
        if (docs.resolve(root.get("channels")) instanceof Node.MapNode channels) {
            for (Node channel : channels.members().values()) {
                if (docs.resolve(channel) instanceof Node.MapNode c) {
                    for (String keyword : new String[] {"publish", "subscribe"}) {
                        if (docs.resolve(c.get(keyword)) instanceof Node.MapNode op) {
                            uniqueTagNames(op.get("tags"), docs, diags);
                        }
                    }
                }
            }
        }
    }

    /** The official parser's tag rule (asyncapi2-tags-uniqueness): no two tags of one list share a name. */
    static void uniqueTagNames(Node tags, Documents docs, Diagnostics diags) {
        if (!(docs.resolve(tags) instanceof Node.ListNode list)) {
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Node item : list.items()) {
            if (docs.resolve(item) instanceof Node.MapNode tag && tag.get("name") != null) {
                String name = Literals.text(tag.get("name"));
                if (name != null && !seen.add(name)) {
                    diags.report(Code.INVALID_DOCUMENT, "tag name '" + name + "' appears twice in one tags list",
                            "Give each tag of a list its own name (the official parser refuses duplicates).",
                            tag.get("name"));
                }
            }
        }
    }

    private static Set<String> components2x(int minor) {
        Set<String> keys = new java.util.HashSet<>(COMPONENTS_2_0);
        if (minor >= 3) {
            keys.addAll(Set.of("servers", "channels"));
        }
        if (minor >= 4) {
            keys.add("serverVariables");
        }
        return Set.copyOf(keys);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** A key under {@code components} that {@code allowed} does not list (and not {@code x-*}) is an error. */
    public static void componentKeys(Node.MapNode components, Set<String> allowed, String version, Diagnostics diags) {
        for (Map.Entry<String, Node> e : components.members().entrySet()) {
            String key = e.getKey();
            if (!allowed.contains(key) && !key.startsWith("x-")) {
                diags.report(Code.INVALID_DOCUMENT, "'components' has no '" + key + "' in AsyncAPI " + version
                        + " (it has " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")", e.getValue());
            }
        }
    }

    /** The document's {@code id} must be a URI (with a scheme, e.g. {@code urn:com:acme:orders}). */
    public static void idIsUri(Node id, Diagnostics diags) {
        if (id == null) {
            return;
        }
        String text = Literals.string(id);
        if (text == null) {
            diags.report(Code.WRONG_TYPE, "'id' must be a string (a URI), found " + Node.kind(id), id);
            return;
        }
        boolean uri = URI_SCHEME.matcher(text).matches();
        if (uri) {
            try {
                new URI(text);
            } catch (URISyntaxException e) {
                uri = false;
            }
        }
        if (!uri) {
            diags.report(Code.INVALID_DOCUMENT, "'id' '" + text + "' is not a URI (write it like"
                    + " urn:com:acme:orders or https://acme.com/orders)", id);
        }
    }

    /** Each security scheme's {@code type} must be one of {@code types} (those of the document's version). */
    public static void securityTypes(Node.MapNode schemes, Set<String> types, String version, Documents docs,
            Diagnostics diags) {
        for (Node raw : schemes.members().values()) {
            if (docs.resolve(raw) instanceof Node.MapNode s && Literals.string(s.get("type")) != null) {
                String type = Literals.string(s.get("type"));
                if (!types.contains(type)) {
                    boolean later = SECURITY_2_1.contains(type);
                    diags.report(Code.INVALID_DOCUMENT, "security scheme type '" + type + "' "
                            + (later ? "is AsyncAPI 2.1.0 or later, and this document is " + version
                                    : "is not one of AsyncAPI " + version + "'s")
                            + " (" + String.join(", ", new java.util.TreeSet<>(types)) + ")", s.get("type"));
                }
            }
        }
    }

    /**
     * Resolves every {@code $ref} under {@code root} (for the contract: its {@code components}), used or not, so a
     * broken one is reported like one on a used path (the same diagnostic, reported once; a reference the model
     * walk already followed is not followed again).
     */
    public static void allRefsResolve(Node root, Documents docs) {
        if (root instanceof Node.MapNode m) {
            if (m.isRef()) {
                docs.check(m);
            }
            for (Map.Entry<String, Node> e : m.members().entrySet()) {
                String key = e.getKey();
                if (key.equals("properties") && e.getValue() instanceof Node.MapNode props) {
                    // property names are names, not keywords: a property called "default" is still a schema
                    props.members().values().forEach(v -> allRefsResolve(v, docs));
                } else if (!DATA_KEYS.contains(key) && !key.startsWith("x-") && !key.equals("$ref")) {
                    allRefsResolve(e.getValue(), docs);
                }
            }
        } else if (root instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                allRefsResolve(item, docs);
            }
        }
    }
}
