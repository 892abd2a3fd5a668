package io.asyncapikafka.model.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.SchemaMeta;
import io.asyncapikafka.model.SourceLocation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;

/**
 * Reads an Avro payload schema (inline, or a {@code $ref} to an {@code .avsc} file) with Apache Avro's own parser and
 * maps it onto the model's schemas, so the same generators give the same kind of Java types as for JSON Schema.
 * Avro named types (records, enums, fixed) become named schemas; one Avro parser reads every schema of the contract
 * in document order, so a later schema may use a named type an earlier one defined, as with Avro's own tools; the root keeps the parsed schema's full JSON text
 * in {@link Schema#AVRO_SCHEMA} for the runtime's Avro codec. A schema Avro refuses is AKM080 at the schema's node
 * (at the node naming the culprit when Avro's message names one); a union of two non-null branches is AKM081.
 */
final class AvroSchemaReader {

    private static final JsonFactory JSON = new JsonFactory();
    /** Avro's message for a type name no schema read so far defines. */
    private static final Pattern UNDEFINED = Pattern.compile("Undefined schema: ([A-Za-z_][A-Za-z0-9_.]*)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|: ([A-Za-z_][A-Za-z0-9_.]*)");

    private final Documents docs;
    private final Diagnostics diags;
    private final SchemaReader names;
    // one model schema per Avro full name and schema text: two messages sharing an .avsc share the generated type
    private final Map<String, String> nameByAvro = new HashMap<>();
    // One parser for the contract, as Avro's own tools read a set of .avsc files: a schema may use a named type an
    // earlier one defined (ZenWave's examples do). The same node (one .avsc $ref'ed twice) is parsed once.
    // A parse that fails leaves the parser with its half-read names: the next one starts from the names of the
    // schemas read so far.
    private org.apache.avro.Schema.Parser parser = new org.apache.avro.Schema.Parser();
    private Map<String, org.apache.avro.Schema> known = Map.of();
    private final Map<Node, org.apache.avro.Schema> parsed = new java.util.IdentityHashMap<>();
    private final Map<java.nio.file.Path, org.apache.avro.idl.IdlFile> idlFiles = new HashMap<>();

    AvroSchemaReader(Documents docs, Diagnostics diags, SchemaReader names) {
        this.docs = docs;
        this.diags = diags;
        this.names = names;
    }

    /** The model schema of the Avro payload at {@code raw}; an {@link Schema.AnySchema} after a diagnostic. */
    Schema read(Node raw, String messageName) {
        String r = raw instanceof Node.MapNode ref && ref.isRef() ? Literals.string(ref.get("$ref")) : null;
        if (r != null && r.replaceFirst("#.*$", "").toLowerCase(java.util.Locale.ROOT).endsWith(".avdl")) {
            return readIdl((Node.MapNode) raw, r, messageName);
        }
        Node node = docs.resolve(raw);
        if (node == null) {
            return new Schema.AnySchema(SchemaMeta.at(raw.location()));
        }
        org.apache.avro.Schema avro = parsed.get(node);
        try {
            if (avro == null) {
                avro = parse(node, new java.util.HashSet<>());
            }
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            parser = new org.apache.avro.Schema.Parser().addTypes(known);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            diags.report(Code.AVRO_SCHEMA, "the Avro payload of message '" + messageName + "' is not a valid Avro"
                    + " schema: " + why, culprit(node, why));
            return new Schema.AnySchema(SchemaMeta.at(node.location()));
        }
        Schema root = convert(avro, node, node);
        Map<String, Object> ext = new LinkedHashMap<>(root.meta().extensions());
        ext.put(Schema.AVRO_SCHEMA, avro.toString());
        return withMeta(root, meta(root.meta(), ext));
    }

    /**
     * An Avro payload {@code $ref}'d to an Avro IDL file ({@code shop.avdl#ShoppingCart}, or {@code shop.avdl} for its
     * main schema), read with Avro's own {@code IdlReader}; the file is an input of the contract. The IDL's named types
     * are its own (no name is shared with the contract's {@code .avsc} schemas); locations are the {@code $ref}'s.
     */
    private Schema readIdl(Node.MapNode ref, String refText, String messageName) {
        int hash = refText.indexOf('#');
        String filePart = hash < 0 ? refText : refText.substring(0, hash);
        String name = hash < 0 ? "" : refText.substring(hash + 1).replaceFirst("^/", "");
        java.nio.file.Path file = docs.localFile(filePart, refText, ref);
        if (file == null) {
            return new Schema.AnySchema(SchemaMeta.at(ref.location()));
        }
        org.apache.avro.idl.IdlFile idl = idlFiles.get(file);
        if (idl == null) {
            try {
                idl = new org.apache.avro.idl.IdlReader().parse(file);
            } catch (IOException | RuntimeException e) {
                diags.report(Code.AVRO_IDL, "the Avro IDL file " + filePart + " of message '" + messageName
                        + "' cannot be read by Avro's IDL reader: " + e.getMessage(), ref);
                return new Schema.AnySchema(SchemaMeta.at(ref.location()));
            }
            idlFiles.put(file, idl);
        }
        org.apache.avro.Schema avro = name.isEmpty() ? idl.getMainSchema() : idl.getNamedSchema(name);
        if (avro == null && !name.isEmpty()) {
            List<org.apache.avro.Schema> bySimpleName = idl.getNamedSchemas().values().stream()
                    .filter(t -> t.getName().equals(name)).toList();
            avro = bySimpleName.size() == 1 ? bySimpleName.get(0) : null;
        }
        if (avro == null) {
            diags.report(Code.AVRO_IDL, "the Avro IDL file " + filePart + " of message '" + messageName + "' "
                    + (name.isEmpty() ? "declares no main schema; name a type after '#'" : "defines no type '" + name
                            + "'") + "; its types: " + String.join(", ", idl.getNamedSchemas().keySet()), ref);
            return new Schema.AnySchema(SchemaMeta.at(ref.location()));
        }
        Schema root = convert(avro, ref, ref);
        Map<String, Object> ext = new LinkedHashMap<>(root.meta().extensions());
        ext.put(Schema.AVRO_SCHEMA, avro.toString());
        return withMeta(root, meta(root.meta(), ext));
    }

    /**
     * Parses {@code node} with the contract's parser. A named type no schema read so far defines is looked for, as
     * ZenWave and Avro's own tools read a folder of {@code .avsc} files as a set, in the file named after it beside the
     * file that uses it ({@code Item} → {@code Item.avsc}), which is parsed first; that file becomes an input of the
     * contract like a {@code $ref}'d one. {@code tried} guards against a file that does not define its name.
     */
    private org.apache.avro.Schema parse(Node node, java.util.Set<String> tried) {
        while (true) {
            try {
                org.apache.avro.Schema avro = parser.parse(json(node));
                parsed.put(node, avro);
                known = new LinkedHashMap<>(parser.getTypes());
                return avro;
            } catch (AvroRuntimeException e) {
                Matcher m = UNDEFINED.matcher(String.valueOf(e.getMessage()));
                Node sibling = m.find() && tried.add(m.group(1)) ? sibling(node, m.group(1)) : null;
                parser = new org.apache.avro.Schema.Parser().addTypes(known);
                if (sibling == null || parsed.containsKey(sibling)) {
                    throw e;
                }
                parse(sibling, tried);
            }
        }
    }

    /** The root of {@code <simple name>.avsc} in the folder of the file holding {@code node}, or null. */
    private Node sibling(Node node, String fullName) {
        try {
            java.net.URI uri = java.net.URI.create(node.origin().key());
            if (!"file".equals(uri.getScheme())) {
                return null;
            }
            String simple = fullName.substring(fullName.lastIndexOf('.') + 1);
            java.nio.file.Path file = java.nio.file.Path.of(uri).resolveSibling(simple + ".avsc");
            return java.nio.file.Files.isRegularFile(file) ? docs.resolve(docs.load(Documents.keyOf(file), node))
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The Avro payload {@code payload} with what the message's Kafka binding says about its framing noted beside its
     * schema text: {@code schemaIdLocation} ({@code payload} or {@code header}), {@code schemaLookupStrategy}, and the
     * {@code x-asyncapi-kafka-avro-framing} override ({@code single-object} or {@code registry}); any other payload
     * unchanged. A value outside those lists is AKM043 at the value.
     */
    Schema withIdLocation(Schema payload, Node.MapNode kafkaBinding) {
        if (kafkaBinding == null || !payload.meta().extensions().containsKey(Schema.AVRO_SCHEMA)) {
            return payload;
        }
        Map<String, Object> ext = new LinkedHashMap<>(payload.meta().extensions());
        note(ext, kafkaBinding, "schemaIdLocation", Schema.AVRO_SCHEMA_ID_LOCATION, List.of("payload", "header"));
        note(ext, kafkaBinding, "schemaLookupStrategy", Schema.AVRO_SCHEMA_LOOKUP_STRATEGY, null);
        note(ext, kafkaBinding, FRAMING_EXTENSION, Schema.AVRO_FRAMING, List.of("single-object", "registry"));
        knownWriters(ext, kafkaBinding);
        return ext.equals(payload.meta().extensions()) ? payload : withMeta(payload, meta(payload.meta(), ext));
    }

    /** The binding key listing other versions of the message's schema (older ones, say) a reader must read. */
    static final String WRITERS_EXTENSION = "x-asyncapi-kafka-avro-writers";

    /**
     * Each version listed under {@value #WRITERS_EXTENSION}, parsed alone with Avro's parser (versions share their
     * full names, so one parser cannot hold two) and checked readable by the message's schema with Avro's
     * {@code SchemaCompatibility}; the readable ones are noted in {@link Schema#AVRO_WRITER_SCHEMAS}.
     */
    private void knownWriters(Map<String, Object> ext, Node.MapNode binding) {
        Node raw = binding.get(WRITERS_EXTENSION);
        if (raw == null) {
            return;
        }
        if (!(docs.resolve(raw) instanceof Node.ListNode list)) {
            diags.report(Code.AVRO_WRITER, WRITERS_EXTENSION + " must be a list of Avro schemas, found "
                    + Node.kind(raw), raw);
            return;
        }
        org.apache.avro.Schema reader = new org.apache.avro.Schema.Parser().parse((String) ext.get(Schema.AVRO_SCHEMA));
        List<String> out = new ArrayList<>();
        for (Node item : list.items()) {
            Node n = docs.resolve(item);
            if (n == null) {
                continue; // the unreadable $ref is reported where it was followed
            }
            org.apache.avro.Schema writer;
            try {
                writer = new org.apache.avro.Schema.Parser().parse(json(n));
            } catch (AvroRuntimeException | IllegalArgumentException e) {
                diags.report(Code.AVRO_WRITER, "a version listed in " + WRITERS_EXTENSION + " is not a valid Avro schema"
                        + " on its own: " + e.getMessage(), culprit(n, String.valueOf(e.getMessage())));
                continue;
            }
            var result = org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
            if (result.getCompatibility() != org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                var first = result.getIncompatibilities().get(0);
                diags.report(Code.AVRO_WRITER_INCOMPATIBLE, "the Avro schema " + reader.getFullName() + " cannot read"
                        + " records written with the version listed in " + WRITERS_EXTENSION + ": "
                        + first.getType() + " at " + first.getLocation() + " (" + first.getMessage() + ")", item);
                continue;
            }
            out.add(writer.toString());
        }
        ext.put(Schema.AVRO_WRITER_SCHEMAS, List.copyOf(out));
    }

    /** The binding key that chooses an Avro message's framing, whatever its channel's servers say. */
    static final String FRAMING_EXTENSION = "x-asyncapi-kafka-avro-framing";

    private void note(Map<String, Object> ext, Node.MapNode binding, String key, String extension,
            List<String> allowed) {
        Node n = binding.get(key);
        String v = n == null ? null : Literals.string(n);
        if (v == null) {
            return;
        }
        if (allowed != null && !allowed.contains(v)) {
            diags.report(Code.BINDING_BAD_VALUE, key + " must be " + String.join(" or ", allowed.stream()
                    .map(a -> "'" + a + "'").toList()) + ", found '" + v + "'", n);
            return;
        }
        ext.put(extension, v);
    }

    private Schema convert(org.apache.avro.Schema s, Node at, Node fallback) {
        Node here = at instanceof Node.MapNode || at instanceof Node.ListNode ? at : fallback;
        SourceLocation loc = here.location();
        LogicalType logical = s.getLogicalType();
        switch (s.getType()) {
            case RECORD:
                return named(s, loc, () -> record(s, here));
            case ENUM:
                return named(s, loc, () -> new Schema.StringSchema(new SchemaMeta(null, s.getDoc(), false,
                        null, null, new ArrayList<>(s.getEnumSymbols()), false, Map.of(), loc), null, null, null,
                        null, null));
            case FIXED:
                if (logical instanceof LogicalTypes.Decimal) {
                    return number(false, null, loc, s);
                }
                return new Schema.StringSchema(meta(s, loc), "byte", null, null, null, "base64");
            case ARRAY:
                return new Schema.ArraySchema(meta(s, loc), convert(s.getElementType(), child(here, "items"), here),
                        null, null, false);
            case MAP:
                return new Schema.ObjectSchema(meta(s, loc), List.of(),
                        convert(s.getValueType(), child(here, "values"), here), false, null, null, null);
            case UNION:
                return union(s, here);
            case STRING:
                return new Schema.StringSchema(meta(s, loc), "uuid".equals(logicalName(s)) ? "uuid" : null, null,
                        null, null, null);
            case BYTES:
                if (logical instanceof LogicalTypes.Decimal) {
                    return number(false, null, loc, s);
                }
                return new Schema.StringSchema(meta(s, loc), "byte", null, null, null, "base64");
            case INT:
                if ("date".equals(logicalName(s))) {
                    return new Schema.StringSchema(meta(s, loc), "date", null, null, null, null);
                }
                return number(true, "int32", loc, s);
            case LONG:
                String ln = logicalName(s);
                if ("timestamp-millis".equals(ln) || "timestamp-micros".equals(ln)) {
                    return new Schema.StringSchema(meta(s, loc), "date-time", null, null, null, null);
                }
                return number(true, "int64", loc, s);
            case FLOAT:
                return number(false, "float", loc, s);
            case DOUBLE:
                return number(false, "double", loc, s);
            case BOOLEAN:
                return new Schema.BooleanSchema(meta(s, loc));
            case NULL:
            default:
                return new Schema.NullSchema(meta(s, loc));
        }
    }

    private Schema record(org.apache.avro.Schema s, Node here) {
        List<Schema.Property> props = new ArrayList<>();
        Node fieldsNode = child(here, "fields");
        List<org.apache.avro.Schema.Field> fields = s.getFields();
        for (int i = 0; i < fields.size(); i++) {
            org.apache.avro.Schema.Field f = fields.get(i);
            Node fieldNode = fieldsNode instanceof Node.ListNode l && i < l.items().size() ? l.items().get(i) : here;
            Schema fs = convert(f.schema(), child(fieldNode, "type"), fieldNode);
            if (f.doc() != null) {
                fs = withMeta(fs, new SchemaMeta(fs.meta().title(), f.doc(), fs.meta().nullable(),
                        fs.meta().defaultValue(), null, fs.meta().enumValues(), false, fs.meta().extensions(),
                        fs.meta().location()));
            }
            props.add(new Schema.Property(f.name(), fs, !fs.meta().nullable(), fieldNode.location()));
        }
        // Avro records are closed: the writer writes exactly its fields
        return new Schema.ObjectSchema(new SchemaMeta(null, s.getDoc(), false, null, null, List.of(), false,
                Map.of(), here.location()), props, null, false, null, null, null);
    }

    /** {@code [null, T]} (either order) is a nullable T; any other union has no one Java type here (AKM081). */
    private Schema union(org.apache.avro.Schema s, Node here) {
        List<org.apache.avro.Schema> branches = s.getTypes();
        List<Integer> nonNull = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).getType() != org.apache.avro.Schema.Type.NULL) {
                nonNull.add(i);
            }
        }
        if (nonNull.size() != 1) {
            diags.report(Code.AVRO_UNION, "Avro union " + s + " has " + nonNull.size() + " non-null branches;"
                    + " only a single type or [\"null\", T] is read", here);
            return new Schema.AnySchema(SchemaMeta.at(here.location()));
        }
        int i = nonNull.get(0);
        Node branchNode = here instanceof Node.ListNode l && i < l.items().size() ? l.items().get(i) : here;
        Schema t = convert(branches.get(i), branchNode, here);
        if (branches.size() == 1) {
            return t;
        }
        SchemaMeta m = t.meta();
        return withMeta(t, new SchemaMeta(m.title(), m.description(), true, m.defaultValue(), null, m.enumValues(),
                false, m.extensions(), m.location()));
    }

    private Schema named(org.apache.avro.Schema s, SourceLocation loc, java.util.function.Supplier<Schema> body) {
        String key = s.getFullName() + "\n" + s;
        String name = nameByAvro.get(key);
        if (name == null) {
            name = names.reserveName(s.getName());
            nameByAvro.put(key, name);
            names.define(name, body.get());
        }
        return new Schema.RefSchema(SchemaMeta.at(loc), name);
    }

    private static Schema number(boolean integer, String format, SourceLocation loc, org.apache.avro.Schema s) {
        return new Schema.NumberSchema(meta(s, loc), integer, format, null, false, null, false, null);
    }

    private static String logicalName(org.apache.avro.Schema s) {
        return s.getLogicalType() == null ? null : s.getLogicalType().getName();
    }

    private static SchemaMeta meta(org.apache.avro.Schema s, SourceLocation loc) {
        return new SchemaMeta(null, null, false, null, null, List.of(), false, Map.of(), loc);
    }

    private static SchemaMeta meta(SchemaMeta m, Map<String, Object> ext) {
        return new SchemaMeta(m.title(), m.description(), m.nullable(), m.defaultValue(), m.constValue(),
                m.enumValues(), m.deprecated(), ext, m.location(), m.source());
    }

    private static Schema withMeta(Schema s, SchemaMeta m) {
        if (s instanceof Schema.ObjectSchema o) {
            return new Schema.ObjectSchema(m, o.properties(), o.additionalProperties(),
                    o.additionalPropertiesForbidden(), o.minProperties(), o.maxProperties(), o.discriminator());
        }
        if (s instanceof Schema.ArraySchema a) {
            return new Schema.ArraySchema(m, a.items(), a.minItems(), a.maxItems(), a.uniqueItems());
        }
        if (s instanceof Schema.StringSchema t) {
            return new Schema.StringSchema(m, t.format(), t.minLength(), t.maxLength(), t.pattern(),
                    t.contentEncoding());
        }
        if (s instanceof Schema.NumberSchema n) {
            return new Schema.NumberSchema(m, n.integer(), n.format(), n.minimum(), n.exclusiveMinimum(),
                    n.maximum(), n.exclusiveMaximum(), n.multipleOf());
        }
        if (s instanceof Schema.BooleanSchema) {
            return new Schema.BooleanSchema(m);
        }
        if (s instanceof Schema.NullSchema) {
            return new Schema.NullSchema(m);
        }
        if (s instanceof Schema.RefSchema r) {
            return new Schema.RefSchema(m, r.name());
        }
        if (s instanceof Schema.CompositeSchema c) {
            return new Schema.CompositeSchema(m, c.kind(), c.parts(), c.discriminator(), c.base());
        }
        return new Schema.AnySchema(m);
    }

    private Node child(Node n, String key) {
        if (n instanceof Node.MapNode m && m.has(key)) {
            Node c = m.get(key);
            Node r = docs.resolve(c);
            return r == null ? c : r;
        }
        return null;
    }

    /**
     * The node Avro's message points at: the first scalar (a type name, a field name, a default) quoted in the message
     * that occurs in the schema, else the schema itself. Avro's parser reports no positions.
     */
    private static Node culprit(Node root, String message) {
        Matcher m = QUOTED.matcher(message);
        while (m.find()) {
            String word = m.group(1) != null ? m.group(1) : m.group(2);
            Node hit = find(root, word);
            if (hit != null) {
                return hit;
            }
        }
        return root;
    }

    private static Node find(Node n, String word) {
        if (n instanceof Node.ScalarNode s) {
            return s.value() != null && word.equals(s.text() != null ? s.text() : String.valueOf(s.value())) ? s
                    : null;
        }
        if (n instanceof Node.MapNode m) {
            for (Node c : m.members().values()) {
                Node hit = find(c, word);
                if (hit != null) {
                    return hit;
                }
            }
        } else if (n instanceof Node.ListNode l) {
            for (Node c : l.items()) {
                Node hit = find(c, word);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** The node as JSON text, for Avro's parser (a YAML-written schema is the same tree). */
    private String json(Node node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void write(JsonGenerator g, Node raw) throws IOException {
        Node n = docs.resolve(raw);
        if (n == null) {
            g.writeNull();
        } else if (n instanceof Node.MapNode m) {
            g.writeStartObject();
            for (Map.Entry<String, Node> e : m.members().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (n instanceof Node.ListNode l) {
            g.writeStartArray();
            for (Node item : l.items()) {
                write(g, item);
            }
            g.writeEndArray();
        } else {
            Object v = ((Node.ScalarNode) n).value();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof BigDecimal d) {
                g.writeNumber(d);
            } else {
                g.writeString(v.toString());
            }
        }
    }
}
