package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.SchemaMeta;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON Schema leniently from the located tree. Deviations (OpenAPI's {@code nullable}, {@code example}) are
 * accepted with a warning; only what would make generated code wrong is an error.
 *
 * <p>References into {@code components/schemas}, {@code definitions}/{@code $defs}, or into another file become named
 * schemas ({@link Schema.RefSchema}); so does any reference that recurs into itself, which is how recursive types stay
 * finite. Other references (e.g. into a message's payload) are inlined.
 */
public final class SchemaReader {

    /**
     * The schema language a payload is written in. OpenAPI 3.0 Schema Objects are a JSON Schema dialect: the same
     * reading, but {@code nullable} and {@code example} are their own keywords there, not deviations to warn about.
     */
    public enum Dialect { JSON_SCHEMA, OPENAPI_3_0, AVRO }

    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");

    private static final Set<String> KNOWN = Set.of("$schema", "$id", "id", "$comment", "title", "description", "type",
            "format", "default", "const", "enum", "examples", "readOnly", "writeOnly", "deprecated", "properties",
            "required", "additionalProperties", "minProperties", "maxProperties", "items", "minItems", "maxItems",
            "uniqueItems", "minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType", "minimum",
            "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "oneOf", "anyOf",
            "discriminator", "externalDocs", "nullable", "example", "definitions", "$defs", "xml");

    /** Keywords that only annotate: left out of {@link SchemaMeta#source()}. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "id", "$comment", "title", "description",
            "default", "examples", "example", "readOnly", "writeOnly", "deprecated", "externalDocs",
            "xml", "definitions", "$defs", "nullable", "contentMediaType", "contentEncoding");
    /** Keywords whose value is a schema or a list of schemas. */
    private static final Set<String> SCHEMA_VALUED = Set.of("items", "additionalItems", "contains", "propertyNames",
            "not", "if", "then", "else", "additionalProperties", "allOf", "anyOf", "oneOf");
    /** Keywords whose value maps names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "dependencies");
    /** Draft 7 assertion keywords the typed model has no field for; kept in the source and checked at run time. */
    private static final Set<String> CHECKED_FROM_SOURCE = Set.of("not", "if", "then", "else", "dependencies",
            "contains", "additionalItems", "propertyNames", "patternProperties");

    private final Documents docs;
    private final Diagnostics diags;
    private final Map<String, String> nameByTarget = new HashMap<>();
    private final Map<String, Schema> named = new LinkedHashMap<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Deque<String> inlineStack = new ArrayDeque<>();
    private Dialect dialect = Dialect.JSON_SCHEMA;
    private final Map<Node, Schema> refsRead = new IdentityHashMap<>();
    private final Map<Node, Object> sources = new IdentityHashMap<>();

    private SchemaReader(Documents docs, Diagnostics diags) {
        this.docs = docs;
        this.diags = diags;
    }

    static SchemaReader create(Documents docs, Diagnostics diags) {
        return new SchemaReader(docs, diags);
    }

    /** Named schemas in first-seen order. */
    Map<String, Schema> named() {
        Map<String, Schema> out = new LinkedHashMap<>();
        named.forEach((k, v) -> out.put(k, v == null ? new Schema.AnySchema(SchemaMeta.at(
                io.asyncapikafka.model.SourceLocation.UNKNOWN)) : v));
        return Collections.unmodifiableMap(out);
    }

    /** Reads a schema written in {@code d} (and everything it references, unless already read). */
    Schema read(Node node, Dialect d) {
        Dialect outer = dialect;
        dialect = d;
        try {
            return read(node);
        } finally {
            dialect = outer;
        }
    }

    /** Reads the schema at {@code node}; never null (broken input gives an {@link Schema.AnySchema} and a diagnostic). */
    Schema read(Node node) {
        if (node instanceof Node.MapNode m && m.isRef()) {
            Schema known = refsRead.get(m);
            if (known == null) {
                known = readRef(m);
                refsRead.put(m, known);
            }
            return known;
        }
        if (node instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            // true: anything; false: nothing (checked at run time through the source)
            return new Schema.AnySchema(SchemaMeta.at(s.location()).withSource(b));
        }
        if (!(node instanceof Node.MapNode m)) {
            diags.report(Code.WRONG_TYPE, "a schema must be a map, found " + Node.kind(node), node);
            return new Schema.AnySchema(SchemaMeta.at(node.location()));
        }
        Schema s = readMap(m);
        return withMeta(s, s.meta().withSource(source(m)));
    }

    /**
     * The draft 7 assertion keywords of a schema node as literals (see {@link SchemaMeta#source()}): references to
     * named schemas become {@code #/definitions/<name>}, inlined references their target's source. Read after the
     * typed schema, so references are met in the same order as before.
     */
    private Object source(Node node) {
        if (node instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        if (!(node instanceof Node.MapNode m)) {
            return Boolean.TRUE; // already reported as not a schema
        }
        if (sources.containsKey(m)) {
            return sources.get(m);
        }
        if (m.isRef()) {
            Schema target = read(m);
            Object out = target instanceof Schema.RefSchema r ? Map.of("$ref", "#/definitions/" + pointerToken(r.name()))
                    : target.meta().source() == null ? Boolean.TRUE : target.meta().source();
            sources.put(m, out);
            return out;
        }
        sources.put(m, Boolean.TRUE); // an inline cycle cannot happen (it becomes named), but never loop
        Map<String, Object> out = new LinkedHashMap<>();
        boolean nullable = m.get("nullable") instanceof Node.ScalarNode n && Boolean.TRUE.equals(n.value());
        for (Map.Entry<String, Node> e : m.members().entrySet()) {
            String k = e.getKey();
            Node v = e.getValue();
            if (ANNOTATIONS.contains(k) || k.startsWith("x-")) {
                continue;
            }
            if (SCHEMA_VALUED.contains(k)) {
                out.put(k, v instanceof Node.ListNode l ? l.items().stream().map(this::source).toList() : source(v));
            } else if (SCHEMA_MAPS.contains(k) && v instanceof Node.MapNode members) {
                Map<String, Object> each = new LinkedHashMap<>();
                members.members().forEach((name, sub) -> each.put(name, sub instanceof Node.ListNode
                        ? Literals.of(sub) : source(sub))); // dependencies: a list of names or a schema
                out.put(k, each);
            } else if (k.equals("type") && nullable) {
                List<Object> types = new ArrayList<>();
                Object t = Literals.of(v);
                if (t instanceof List<?> l) {
                    types.addAll(l);
                } else {
                    types.add(t);
                }
                if (!types.contains("null")) {
                    types.add("null"); // OpenAPI's nullable: true, in JSON Schema
                }
                out.put(k, types);
            } else {
                out.put(k, Literals.of(v));
            }
        }
        if (nullable && out.get("enum") instanceof List<?> values && !values.contains(Schema.JsonNull.INSTANCE)) {
            List<Object> withNull = new ArrayList<>(values);
            withNull.add(Schema.JsonNull.INSTANCE);
            out.put("enum", withNull);
        }
        Object result = Collections.unmodifiableMap(out);
        sources.put(m, result);
        return result;
    }

    /** A name as one JSON pointer token inside a URI fragment: {@code ~0}, {@code ~1}, and {@code %} escaped. */
    static String pointerToken(String name) {
        return name.replace("~", "~0").replace("/", "~1").replace("%", "%25");
    }

    private static Schema withMeta(Schema s, SchemaMeta meta) {
        if (s instanceof Schema.ObjectSchema o) {
            return new Schema.ObjectSchema(meta, o.properties(), o.additionalProperties(),
                    o.additionalPropertiesForbidden(), o.minProperties(), o.maxProperties(), o.discriminator());
        } else if (s instanceof Schema.ArraySchema a) {
            return new Schema.ArraySchema(meta, a.items(), a.minItems(), a.maxItems(), a.uniqueItems());
        } else if (s instanceof Schema.StringSchema st) {
            return new Schema.StringSchema(meta, st.format(), st.minLength(), st.maxLength(), st.pattern(),
                    st.contentEncoding());
        } else if (s instanceof Schema.NumberSchema n) {
            return new Schema.NumberSchema(meta, n.integer(), n.format(), n.minimum(), n.exclusiveMinimum(),
                    n.maximum(), n.exclusiveMaximum(), n.multipleOf());
        } else if (s instanceof Schema.BooleanSchema) {
            return new Schema.BooleanSchema(meta);
        } else if (s instanceof Schema.NullSchema) {
            return new Schema.NullSchema(meta);
        } else if (s instanceof Schema.AnySchema) {
            return new Schema.AnySchema(meta);
        } else if (s instanceof Schema.CompositeSchema c) {
            return new Schema.CompositeSchema(meta, c.kind(), c.parts(), c.discriminator(), c.base());
        }
        return s; // a reference keeps the meta of the $ref itself
    }

    private Schema readRef(Node.MapNode m) {
        Documents.Target t = docs.deref(m);
        if (t == null) {
            return new Schema.AnySchema(SchemaMeta.at(m.location()));
        }
        String key = t.key();
        SchemaMeta refMeta = new SchemaMeta(Literals.string(m.get("title")), Literals.string(m.get("description")),
                false, null, null, List.of(), false, Map.of(), m.location());
        String existing = nameByTarget.get(key);
        if (existing != null) {
            return new Schema.RefSchema(refMeta, existing);
        }
        boolean named = isNamedTarget(t, m.origin().key()) || inlineStack.contains(key);
        if (named) {
            String name = assignName(key, t, firstHopName(m));
            Schema s = readInline(key, t.node());
            named(name, s);
            return new Schema.RefSchema(refMeta, name);
        }
        Schema s = readInline(key, t.node());
        String becameNamed = nameByTarget.get(key);
        if (becameNamed != null) {
            // it recursed into itself while being read inline: it is a named schema after all
            named(becameNamed, s);
            return new Schema.RefSchema(refMeta, becameNamed);
        }
        return s;
    }

    private void named(String name, Schema s) {
        named.put(name, s);
    }

    /** A unique name for a named schema read by another reader (an Avro record, enum or fixed). */
    String reserveName(String base) {
        String name = base;
        for (int i = 2; usedNames.contains(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + i;
        }
        usedNames.add(name.toLowerCase(Locale.ROOT));
        named.put(name, null);
        return name;
    }

    /** Defines a name {@link #reserveName reserved} before. */
    void define(String name, Schema s) {
        named.put(name, s);
    }

    private Schema readInline(String key, Node node) {
        inlineStack.push(key);
        try {
            return read(node);
        } finally {
            inlineStack.pop();
        }
    }

    private static boolean isNamedTarget(Documents.Target t, String fromFile) {
        List<String> seg = t.segments();
        if (!t.fileKey().equals(fromFile)) {
            return true;
        }
        int n = seg.size();
        if (n == 3 && seg.get(0).equals("components") && seg.get(1).equals("schemas")) {
            return true;
        }
        return n >= 2 && (seg.get(n - 2).equals("definitions") || seg.get(n - 2).equals("$defs"));
    }

    /**
     * The component key a reference names first ({@code #/components/schemas/lightMeasuredPayload}), even when that
     * entry is itself a reference to a file: a schema moved into its own file keeps the name it had.
     */
    private static String firstHopName(Node.MapNode ref) {
        String target = Literals.string(ref.get("$ref"));
        int hash = target == null ? -1 : target.indexOf('#');
        if (hash < 0) {
            return null;
        }
        String[] seg = target.substring(hash + 1).split("/", -1);
        if (seg.length == 4 && seg[0].isEmpty() && seg[1].equals("components") && seg[2].equals("schemas")
                && !seg[3].isEmpty()) {
            return java.net.URLDecoder.decode(seg[3].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("~1", "/").replace("~0", "~");
        }
        return null;
    }

    private String assignName(String key, Documents.Target t, String preferred) {
        String base;
        if (preferred != null) {
            base = preferred;
        } else if (t.segments() != null && !t.segments().isEmpty()) {
            base = t.segments().get(t.segments().size() - 1);
        } else {
            String path = t.fileKey();
            String file = path.substring(path.lastIndexOf('/') + 1);
            int dot = file.indexOf('.');
            base = dot > 0 ? file.substring(0, dot) : file;
            base = java.net.URLDecoder.decode(base.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (base.isEmpty()) {
            base = "Schema";
        }
        // Names differing only in case would clash as Java class names on some file systems: disambiguate those too.
        String name = base;
        for (int i = 2; usedNames.contains(name.toLowerCase(Locale.ROOT)); i++) {
            name = base + i;
        }
        usedNames.add(name.toLowerCase(Locale.ROOT));
        nameByTarget.put(key, name);
        named.put(name, null);
        return name;
    }

    private Schema readMap(Node.MapNode m) {
        for (Map.Entry<String, Node> e : m.members().entrySet()) {
            String k = e.getKey();
            if (!KNOWN.contains(k) && !k.startsWith("x-") && !CHECKED_FROM_SOURCE.contains(k)) {
                diags.report(Code.SCHEMA_UNSUPPORTED, "schema keyword '" + k + "' is not supported and is ignored",
                        e.getValue());
            }
        }
        Node typeNode = m.get("type");
        List<String> types = new ArrayList<>();
        boolean nullType = false;
        if (typeNode instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                String t = typeName(item);
                if ("null".equals(t) && l.items().size() > 1) {
                    nullType = true;
                } else if (t != null) {
                    types.add(t);
                }
            }
        } else if (typeNode != null) {
            String t = typeName(typeNode);
            if (t != null) {
                types.add(t);
            }
        }
        SchemaMeta meta = meta(m, nullType);
        String composition = m.has("allOf") ? "allOf" : m.has("oneOf") ? "oneOf" : m.has("anyOf") ? "anyOf" : null;
        if (composition != null) {
            return composite(m, meta, composition, types);
        }
        if (types.isEmpty()) {
            if (typeNode == null && (m.has("properties") || m.has("additionalProperties"))) {
                return object(m, meta);
            }
            if (typeNode == null && m.has("items")) {
                return array(m, meta);
            }
            return new Schema.AnySchema(meta);
        }
        if (types.size() == 1) {
            return typed(m, meta, types.get(0));
        }
        List<Schema> parts = new ArrayList<>();
        for (String t : types) {
            parts.add(typed(m, SchemaMeta.at(m.location()), t));
        }
        return new Schema.CompositeSchema(meta, Schema.Composition.ANY_OF, parts, null, null);
    }

    private String typeName(Node n) {
        String t = Literals.string(n);
        if (t == null) {
            diags.report(Code.UNKNOWN_SCHEMA_TYPE, "schema type must be a string, found " + Node.kind(n), n);
            return null;
        }
        if (!TYPES.contains(t)) {
            diags.report(Code.UNKNOWN_SCHEMA_TYPE, "unknown schema type '" + t + "'", n);
            return null;
        }
        return t;
    }

    private Schema typed(Node.MapNode m, SchemaMeta meta, String type) {
        return switch (type) {
            case "object" -> object(m, meta);
            case "array" -> array(m, meta);
            case "string" -> new Schema.StringSchema(meta, Literals.string(m.get("format")), intKw(m, "minLength"),
                    intKw(m, "maxLength"), strKw(m, "pattern"), strKw(m, "contentEncoding"));
            case "integer", "number" -> number(m, meta, type.equals("integer"));
            case "boolean" -> new Schema.BooleanSchema(meta);
            default -> new Schema.NullSchema(meta);
        };
    }

    private Schema composite(Node.MapNode m, SchemaMeta meta, String keyword, List<String> types) {
        // another composition keyword beside this one does not shape the Java type; it is checked at run time
        // through the source (the generator says so)
        Node partsNode = m.get(keyword);
        List<Schema> parts = new ArrayList<>();
        if (partsNode instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                parts.add(read(item));
            }
        } else {
            diags.report(Code.WRONG_TYPE, "'" + keyword + "' must be a list of schemas, found " + Node.kind(partsNode),
                    partsNode);
        }
        Schema.ObjectSchema base = null;
        if (types.contains("object") || m.has("properties") || m.has("additionalProperties")) {
            base = object(m, SchemaMeta.at(m.location()));
        }
        Schema.Composition kind = switch (keyword) {
            case "allOf" -> Schema.Composition.ALL_OF;
            case "oneOf" -> Schema.Composition.ONE_OF;
            default -> Schema.Composition.ANY_OF;
        };
        return new Schema.CompositeSchema(meta, kind, parts, discriminator(m), base);
    }

    private Schema.ObjectSchema object(Node.MapNode m, SchemaMeta meta) {
        Set<String> required = new java.util.LinkedHashSet<>();
        Node req = m.get("required");
        if (req instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                String r = Literals.string(item);
                if (r == null) {
                    diags.report(Code.SCHEMA_BAD_VALUE, "'required' entries must be strings", item);
                } else {
                    required.add(r);
                }
            }
        } else if (req != null && !(req instanceof Node.ScalarNode s && s.value() instanceof Boolean)) {
            diags.report(Code.SCHEMA_BAD_VALUE, "'required' must be a list of property names", req);
        }
        List<Schema.Property> props = new ArrayList<>();
        Node propsNode = m.get("properties");
        if (propsNode instanceof Node.MapNode pm) {
            for (Map.Entry<String, Node> e : pm.members().entrySet()) {
                props.add(new Schema.Property(e.getKey(), read(e.getValue()), required.contains(e.getKey()),
                        e.getValue().location()));
            }
        } else if (propsNode != null) {
            diags.report(Code.WRONG_TYPE, "'properties' must be a map, found " + Node.kind(propsNode), propsNode);
        }
        Schema additional = null;
        boolean forbidden = false;
        Node ap = m.get("additionalProperties");
        if (ap instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            if (b && props.isEmpty()) {
                additional = new Schema.AnySchema(SchemaMeta.at(ap.location()));
            }
            forbidden = !b;
        } else if (ap != null) {
            additional = read(ap);
        }
        return new Schema.ObjectSchema(meta, props, additional, forbidden, intKw(m, "minProperties"),
                intKw(m, "maxProperties"), discriminator(m));
    }

    private Schema.ArraySchema array(Node.MapNode m, SchemaMeta meta) {
        Node items = m.get("items");
        Schema itemSchema;
        if (items == null) {
            itemSchema = new Schema.AnySchema(SchemaMeta.at(m.location()));
        } else if (items instanceof Node.ListNode) {
            // tuple items: any value in Java, each position checked at run time through the source
            itemSchema = new Schema.AnySchema(SchemaMeta.at(items.location()));
        } else {
            itemSchema = read(items);
        }
        return new Schema.ArraySchema(meta, itemSchema, intKw(m, "minItems"), intKw(m, "maxItems"),
                boolKw(m, "uniqueItems"));
    }

    private Schema.NumberSchema number(Node.MapNode m, SchemaMeta meta, boolean integer) {
        BigDecimal min = numKw(m, "minimum");
        BigDecimal max = numKw(m, "maximum");
        boolean exMin = false;
        boolean exMax = false;
        Node exMinNode = m.get("exclusiveMinimum");
        if (exMinNode instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            exMin = b && min != null; // draft 4: a flag on minimum
        } else if (exMinNode != null) {
            BigDecimal v = numKw(m, "exclusiveMinimum"); // draft 6+: the bound itself
            if (v != null && (min == null || v.compareTo(min) >= 0)) {
                min = v;
                exMin = true;
            }
        }
        Node exMaxNode = m.get("exclusiveMaximum");
        if (exMaxNode instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            exMax = b && max != null;
        } else if (exMaxNode != null) {
            BigDecimal v = numKw(m, "exclusiveMaximum");
            if (v != null && (max == null || v.compareTo(max) <= 0)) {
                max = v;
                exMax = true;
            }
        }
        return new Schema.NumberSchema(meta, integer, Literals.string(m.get("format")), min, exMin, max, exMax,
                numKw(m, "multipleOf"));
    }

    private Schema.Discriminator discriminator(Node.MapNode m) {
        Node d = m.get("discriminator");
        if (d == null) {
            return null;
        }
        String plain = Literals.string(d);
        if (plain != null) {
            return new Schema.Discriminator(plain, Map.of());
        }
        if (d instanceof Node.MapNode dm && Literals.string(dm.get("propertyName")) != null) {
            Map<String, String> mapping = new LinkedHashMap<>();
            if (dm.get("mapping") instanceof Node.MapNode mm) {
                for (Map.Entry<String, Node> e : mm.members().entrySet()) {
                    String target = Literals.string(e.getValue());
                    if (target == null) {
                        diags.report(Code.SCHEMA_BAD_VALUE, "discriminator mapping values must be strings",
                                e.getValue());
                        continue;
                    }
                    mapping.put(e.getKey(), mappingTarget(target, e.getValue()));
                }
            }
            return new Schema.Discriminator(Literals.string(dm.get("propertyName")), mapping);
        }
        diags.report(Code.SCHEMA_BAD_VALUE,
                "'discriminator' must be a property name or {propertyName, mapping}", d);
        return null;
    }

    /** A mapping value that is a reference names the schema it points to; a bare name is kept. */
    private String mappingTarget(String target, Node at) {
        if (!target.contains("#") && !target.contains("/") && !target.contains(".")) {
            return target;
        }
        Map<String, Node> synthetic = new LinkedHashMap<>();
        synthetic.put("$ref", new Node.ScalarNode(at.origin(), at.line(), at.column(), at.pointer(), target, target));
        Schema s = read(new Node.MapNode(at.origin(), at.line(), at.column(), at.pointer(), synthetic));
        return s instanceof Schema.RefSchema r ? r.name() : target;
    }

    private SchemaMeta meta(Node.MapNode m, boolean nullType) {
        boolean nullable = nullType;
        Node n = m.get("nullable");
        if (n != null) {
            if (dialect != Dialect.OPENAPI_3_0) {
                diags.report(Code.SCHEMA_DEVIATION,
                        "'nullable' is OpenAPI, not JSON Schema; accepted (JSON Schema: type: [T, \"null\"])", n);
            } else if (!(n instanceof Node.ScalarNode s && s.value() instanceof Boolean)) {
                diags.report(Code.SCHEMA_BAD_VALUE, "'nullable' must be true or false", n);
            }
            nullable |= Boolean.TRUE.equals(n instanceof Node.ScalarNode s ? s.value() : null);
        }
        if (m.has("example") && dialect != Dialect.OPENAPI_3_0) {
            diags.report(Code.SCHEMA_DEVIATION, "'example' is not a JSON Schema keyword; accepted (use 'examples')",
                    m.get("example"));
        }
        List<Object> enumValues = List.of();
        Node en = m.get("enum");
        if (en instanceof Node.ListNode l) {
            List<Object> values = new ArrayList<>();
            for (Node item : l.items()) {
                values.add(Literals.of(item));
            }
            enumValues = values;
        } else if (en != null) {
            diags.report(Code.SCHEMA_BAD_VALUE, "'enum' must be a list", en);
        }
        Map<String, Object> ext = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.members().entrySet()) {
            if (e.getKey().startsWith("x-")) {
                ext.put(e.getKey(), Literals.of(e.getValue()));
            }
        }
        return new SchemaMeta(strKw(m, "title"), strKw(m, "description"), nullable,
                m.has("default") ? Literals.of(m.get("default")) : null,
                m.has("const") ? Literals.of(m.get("const")) : null, enumValues, boolKw(m, "deprecated"), ext,
                m.location());
    }

    private String strKw(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        String s = Literals.string(n);
        if (s == null) {
            String text = Literals.text(n);
            if (text != null && (key.equals("title") || key.equals("description"))) {
                return text; // a number written as a title is still meant as text
            }
            diags.report(Code.SCHEMA_BAD_VALUE, "'" + key + "' must be a string, found " + Node.kind(n), n);
        }
        return s;
    }

    private Integer intKw(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        Integer i = Literals.integer(n);
        if (i == null || i < 0) {
            diags.report(Code.SCHEMA_BAD_VALUE, "'" + key + "' must be a non-negative integer", n);
            return null;
        }
        return i;
    }

    private BigDecimal numKw(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        BigDecimal d = Literals.number(n);
        if (d == null) {
            diags.report(Code.SCHEMA_BAD_VALUE, "'" + key + "' must be a number", n);
        }
        return d;
    }

    private boolean boolKw(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return false;
        }
        if (n instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        diags.report(Code.SCHEMA_BAD_VALUE, "'" + key + "' must be true or false", n);
        return false;
    }
}
