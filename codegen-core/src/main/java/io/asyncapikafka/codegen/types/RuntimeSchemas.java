package io.asyncapikafka.codegen.types;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SourceLocation;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which payloads the generated Java shape cannot check by itself, and writes their schema for the runtime's
 * checker ({@code io.asyncapikafka.runtime.json.SchemaCheck}): compact JSON, the schema's {@link
 * Schema.SchemaMeta#source() source} with every named schema it reaches under {@code definitions}.
 *
 * <p>The typed shape enforces: {@code type} (one type, or one and {@code null}), string lengths and a Java-compatible
 * {@code pattern}, the typed formats ({@code date-time}, {@code date}, {@code uuid}, {@code uri}), numeric bounds and
 * {@code multipleOf}, {@code items} (one schema), item counts, {@code uniqueItems}, {@code properties},
 * {@code required} names, maps ({@code additionalProperties} without {@code properties}, with member counts), scalar
 * {@code enum}/{@code const}, {@code allOf} of objects without repeated members, discriminated {@code oneOf}/{@code
 * anyOf}. Everything else of draft 7 makes the payload checked at run time against this schema.
 */
final class RuntimeSchemas {

    private static final Set<String> TYPED_FORMATS = Set.of("date-time", "date", "uuid", "uri");
    private static final Set<String> CHECKED_FORMATS = Set.of("date-time", "date", "time", "uuid", "uri", "email",
            "hostname", "ipv4", "ipv6", "duration");

    private final AsyncApiModel model;
    private final Problems problems;
    private final Map<String, Boolean> namedNeeds = new HashMap<>();

    private RuntimeSchemas(AsyncApiModel model, Problems problems) {
        this.model = model;
        this.problems = problems;
    }

    static RuntimeSchemas create(AsyncApiModel model, Problems problems) {
        return new RuntimeSchemas(model, problems);
    }

    /** The source of {@code s} as written where it is used (a reference points to its named schema). */
    static Object sourceOf(Schema s) {
        if (s instanceof Schema.RefSchema r) {
            return Map.of("$ref", "#/definitions/" + token(r.name()));
        }
        return s.meta().source();
    }

    /** True when some keyword of {@code s} (or of what it reaches) is not enforced by the generated Java shape. */
    boolean needsRuntimeCheck(Schema s) {
        Object source = sourceOf(s);
        return source != null && needs(source, new LinkedHashSet<>());
    }

    /** True when {@code s} asserts anything beyond its JSON type (for a payload that is not a record). */
    boolean hasAssertions(Schema s) {
        Object source = sourceOf(s);
        if (source instanceof Map<?, ?> m && m.containsKey("$ref")) {
            Schema target = model.schemas().get(refName(m.get("$ref")));
            return target != null && hasAssertions(target);
        }
        if (source instanceof Boolean b) {
            return !b;
        }
        return source instanceof Map<?, ?> m && m.keySet().stream().anyMatch(k -> !k.equals("type"));
    }

    /** The schema JSON for the runtime: the source, with the named schemas it reaches as {@code definitions}. */
    String json(Schema s) {
        Object source = sourceOf(s);
        Set<String> names = new LinkedHashSet<>();
        collectRefs(source, names);
        Map<String, Object> defs = new LinkedHashMap<>();
        for (String n : names) {
            Schema target = model.schemas().get(n);
            Object def = target == null ? null : sourceOf(target); // an alias (a named $ref) points on
            defs.put(n, def == null ? Boolean.TRUE : def);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        if (source instanceof Map<?, ?> m && !m.containsKey("definitions")) {
            m.forEach((k, v) -> root.put((String) k, v));
        } else {
            root.put("allOf", List.of(source));
        }
        if (!defs.isEmpty()) {
            root.put("definitions", defs);
        }
        StringBuilder b = new StringBuilder();
        write(javaPatterns(root, s.location()), b);
        return b.toString();
    }

    /**
     * The schema with every {@code pattern} and {@code patternProperties} key that Java's regular expressions cannot
     * compile left out, each reported (AKG004): the run-time check cannot apply it.
     */
    private Object javaPatterns(Object v, SourceLocation at) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = (String) e.getKey();
                if (k.equals("pattern") && e.getValue() instanceof String p && !compiles(p, at)) {
                    continue;
                }
                if (k.equals("patternProperties") && e.getValue() instanceof Map<?, ?> pp) {
                    Map<String, Object> kept = new LinkedHashMap<>();
                    pp.forEach((name, sub) -> {
                        if (compiles((String) name, at)) {
                            kept.put((String) name, javaPatterns(sub, at));
                        }
                    });
                    out.put(k, kept);
                    continue;
                }
                out.put(k, javaPatterns(e.getValue(), at));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> javaPatterns(x, at)).toList();
        }
        return v;
    }

    private boolean compiles(String pattern, SourceLocation at) {
        try {
            io.asyncapikafka.runtime.json.SchemaPattern.compile(pattern); // as the run-time check compiles it
            return true;
        } catch (java.util.regex.PatternSyntaxException e) {
            problems.warn(Problems.PATTERN_NOT_JAVA, "pattern " + pattern + " is not a valid Java regular expression ("
                    + e.getDescription() + "); the run-time check leaves it out", "rewrite the pattern in the common "
                    + "ECMA/Java subset", at);
            return false;
        }
    }

    /**
     * Constraints of a scalar key schema (strings, numbers) that nothing checks: keys are validated only when they
     * are records.
     */
    boolean hasScalarConstraints(Schema s) {
        Object source = sourceOf(s);
        if (source instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
            Schema target = model.schemas().get(refName(ref));
            return target != null && hasScalarConstraints(target);
        }
        if (!(source instanceof Map<?, ?> m)) {
            return false;
        }
        for (Object k : m.keySet()) {
            if (Set.of("minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
                    "exclusiveMaximum", "multipleOf", "const", "not", "allOf", "anyOf", "oneOf", "if").contains(k)
                    || (k.equals("format") && !TYPED_FORMATS.contains(m.get(k)) && CHECKED_FORMATS.contains(m.get(k)))
                    || (k.equals("enum") && !(m.get("enum") instanceof List<?> l
                            && l.stream().allMatch(String.class::isInstance)))) {
                return true;
            }
        }
        return false;
    }

    private void collectRefs(Object v, Set<String> names) {
        if (v instanceof Map<?, ?> m) {
            Object ref = m.get("$ref");
            if (ref instanceof String r && r.startsWith("#/definitions/")) {
                String name = refName(r);
                if (names.add(name)) {
                    Schema target = model.schemas().get(name);
                    if (target != null) {
                        collectRefs(sourceOf(target), names);
                    }
                }
            }
            m.values().forEach(x -> collectRefs(x, names));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> collectRefs(x, names));
        }
    }

    /** The schema name of a {@code #/definitions/<token>} reference (the reader escapes it as a pointer token). */
    private static String refName(Object ref) {
        return String.valueOf(ref).substring("#/definitions/".length()).replace("%25", "%").replace("~1", "/")
                .replace("~0", "~");
    }

    private static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1").replace("%", "%25");
    }

    private boolean needs(Object source, Set<String> visiting) {
        if (source instanceof Boolean b) {
            return !b;
        }
        if (!(source instanceof Map<?, ?> m)) {
            return false;
        }
        if (m.get("$ref") instanceof String ref) {
            String name = refName(ref);
            Boolean known = namedNeeds.get(name);
            if (known != null) {
                return known;
            }
            if (!visiting.add(name)) {
                return false; // recursion: the rest of the cycle decides
            }
            Schema target = model.schemas().get(name);
            Object targetSource = target == null ? null : sourceOf(target);
            boolean result = targetSource == null ? target == null : needs(targetSource, visiting);
            visiting.remove(name);
            namedNeeds.put(name, result);
            return result;
        }
        String type = singleType(m.get("type"));
        if (m.containsKey("type") && type == null) {
            return true; // several types: no one Java type
        }
        if (type == null) {
            type = impliedType(m);
        }
        if (type == null && !m.isEmpty() && !onlyStringLiterals(m)) {
            return true; // constraints on an untyped schema: kept as JsonNode and checked at run time
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (keywordNeeds((String) e.getKey(), e.getValue(), type, m, visiting)) {
                return true;
            }
        }
        return false;
    }

    private boolean keywordNeeds(String k, Object v, String type, Map<?, ?> m, Set<String> visiting) {
        return switch (k) {
            case "enum" -> !(v instanceof List<?> l) || !l.stream().allMatch(x -> fits(x, type)) || typedFormat(m);
            case "const" -> !fits(v, type) || typedFormat(m);
            case "minLength", "maxLength", "pattern" -> !"string".equals(type) || typedFormat(m);
            case "format" -> !(v instanceof String) ? false : "string".equals(type) ? CHECKED_FORMATS.contains(v) && !TYPED_FORMATS.contains(v)
                    : CHECKED_FORMATS.contains(v);
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" ->
                    !"number".equals(type) && !"integer".equals(type);
            case "items" -> !"array".equals(type) || v instanceof List || needs(v, visiting);
            case "minItems", "maxItems", "uniqueItems" -> !"array".equals(type);
            case "contains" -> true;
            case "properties" -> !"object".equals(type) || ((Map<?, ?>) v).values().stream()
                    .anyMatch(p -> needs(p, visiting));
            case "required" -> !(m.get("properties") instanceof Map<?, ?> props) || props.isEmpty();
            case "additionalProperties" -> !Boolean.TRUE.equals(v) && (hasProperties(m) || needs(v, visiting));
            case "minProperties", "maxProperties" -> hasProperties(m) || !m.containsKey("additionalProperties");
            case "allOf" -> !mergeableObjects((List<?>) v, visiting);
            case "oneOf", "anyOf" -> !m.containsKey("discriminator")
                    || ((List<?>) v).stream().anyMatch(p -> needs(p, visiting));
            case "not", "if", "dependencies", "propertyNames", "patternProperties" -> true;
            // type, then/else (with if), additionalItems (with tuple items), discriminator, annotations, and
            // keywords draft 7 does not define
            default -> false;
        };
    }

    /** allOf parts the merger turns into one record exactly: objects, each member declared once. */
    private boolean mergeableObjects(List<?> parts, Set<String> visiting) {
        Set<String> members = new java.util.HashSet<>();
        for (Object part : parts) {
            Object resolved = part;
            if (part instanceof Map<?, ?> pm && pm.get("$ref") instanceof String ref) {
                Schema target = model.schemas().get(refName(ref));
                resolved = target == null ? null : sourceOf(target);
                if (needs(part, visiting)) {
                    return false;
                }
            } else if (needs(part, visiting)) {
                return false;
            }
            if (!(resolved instanceof Map<?, ?> rm)) {
                return false;
            }
            if (rm.containsKey("allOf")) {
                continue; // nested allOf: checked by needs() above
            }
            if (!"object".equals(singleType(rm.get("type"))) && !(rm.get("type") == null && hasProperties(rm))) {
                return false;
            }
            if (rm.get("properties") instanceof Map<?, ?> props) {
                for (Object name : props.keySet()) {
                    if (!members.add((String) name)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean hasProperties(Map<?, ?> m) {
        return m.get("properties") instanceof Map<?, ?> p && !p.isEmpty();
    }

    private static boolean typedFormat(Map<?, ?> m) {
        return m.get("format") instanceof String f && TYPED_FORMATS.contains(f);
    }

    /** {@code {const: "x"}} and {@code {enum: [strings]}} without a type are typed as strings / Java enums. */
    private static boolean onlyStringLiterals(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            boolean ok = switch ((String) e.getKey()) {
                case "const" -> v instanceof String;
                case "enum" -> v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(String.class::isInstance);
                case "discriminator" -> true;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The type the reader gives an untyped schema: properties make an object, items an array. */
    private static String impliedType(Map<?, ?> m) {
        if (m.containsKey("properties") || m.containsKey("additionalProperties")) {
            return "object";
        }
        if (m.containsKey("allOf") || m.containsKey("oneOf") || m.containsKey("anyOf")) {
            return "composition";
        }
        return m.containsKey("items") ? "array" : null;
    }

    private static String singleType(Object t) {
        if (t instanceof String s) {
            return s.equals("null") ? null : s;
        }
        if (t instanceof List<?> l && l.size() == 2 && l.contains("null")) {
            Object other = l.get(0).equals("null") ? l.get(1) : l.get(0);
            return other instanceof String s && !s.equals("null") ? s : null;
        }
        return null;
    }

    /** Whether a literal is of the schema's type (so the typed enum/const check holds it). */
    private static boolean fits(Object v, String type) {
        if (v == Schema.JsonNull.INSTANCE) {
            return type != null; // nullable members hold null
        }
        if (type == null || type.equals("composition")) {
            return v instanceof String;
        }
        return switch (type) {
            case "string" -> v instanceof String;
            case "number" -> v instanceof BigDecimal;
            case "integer" -> v instanceof BigDecimal d && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
            case "boolean" -> v instanceof Boolean;
            default -> false; // objects and arrays: compared as JSON at run time
        };
    }

    /** A model literal (a value as {@code io.asyncapikafka.model} holds it) as compact JSON. */
    static String literalJson(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), b);
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(l.get(i), b);
            }
            b.append(']');
        } else if (v instanceof String s) {
            string(s, b);
        } else if (v instanceof BigDecimal d) {
            b.append(d.toString());
        } else if (v == null || v == Schema.JsonNull.INSTANCE) {
            b.append("null");
        } else {
            b.append(v);
        }
    }

    private static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
