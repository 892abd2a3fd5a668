package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.Violation;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSON Schema draft 7 checker for the JSON form of a value, for the shapes a Java type cannot hold by itself
 * ({@code not}, {@code if}/{@code then}/{@code else}, {@code oneOf} without discriminator, {@code additionalProperties},
 * untyped members with constraints, ...). The generator emits a value's schema as compact JSON, references to named
 * schemas as {@code #/definitions/<name>}; this class checks a {@link JsonNode} against it.
 *
 * <p>Every assertion keyword of draft 7 is checked: {@code type} (an integer is any number with a zero fraction),
 * {@code enum}, {@code const} (numbers compare by value: {@code 1.0} equals {@code 1}), the numeric, string (lengths in
 * code points, {@code pattern} as a Java regular expression found anywhere, with {@code $} the end of the string as
 * in ECMA-262: {@link SchemaPattern}), array, object and composition keywords, {@code $ref} (to {@code #} and
 * {@code #/definitions/...}; siblings of {@code $ref} are ignored, as draft 7 says), and
 * {@code format} through {@link Formats}. Thread-safe; compiled patterns and resolved references are cached.
 */
public final class SchemaCheck {

    private final JsonNode root;
    private final Map<String, SchemaPattern> patterns = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> refs = new ConcurrentHashMap<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    /** A checker for {@code schema}, JSON text. */
    public static SchemaCheck of(String schema) {
        try {
            return new SchemaCheck(Json.mapper().readTree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON schema: " + e.getOriginalMessage(), e);
        }
    }

    /** A checker for {@code schema}. */
    public static SchemaCheck of(JsonNode schema) {
        return new SchemaCheck(Objects.requireNonNull(schema, "schema"));
    }

    /** Adds a violation for every broken keyword of {@code value}, found at {@code path}, to {@code out}. */
    public void check(JsonNode value, String path, List<Violation> out) {
        check(root, value, path, new Sink(out));
    }

    /** True when {@code value} satisfies the schema. */
    public boolean accepts(JsonNode value) {
        return valid(root, value);
    }

    /** Whether {@code value} satisfies {@code schema}: stops at the first failure and builds no messages. */
    private boolean valid(JsonNode schema, JsonNode value) {
        Sink quiet = new Sink(null);
        check(schema, value, "$", quiet);
        return !quiet.failed;
    }

    /**
     * Where violations go: a list, or nowhere ({@code valid}), where the first failure is all that matters. Call
     * {@link #fail()} before building a message: it returns true when none is wanted.
     */
    private static final class Sink {
        private final List<Violation> list;
        private boolean failed;

        Sink(List<Violation> list) {
            this.list = list;
        }

        boolean fail() {
            failed = true;
            return list == null;
        }

        boolean done() {
            return failed && list == null;
        }

        void add(Violation v) {
            list.add(v);
        }
    }

    private void check(JsonNode schema, JsonNode v, String path, Sink out) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                if (out.fail()) {
                    return;
                }
                out.add(new Violation(path, "no value is allowed here"));
            }
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            check(resolve(ref.asText()), v, path, out);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keyword(schema, e.getKey(), e.getValue(), v, path, out);
            if (out.done()) {
                return;
            }
        }
    }

    private void keyword(JsonNode schema, String k, JsonNode arg, JsonNode v, String path, Sink out) {
        switch (k) {
            case "type" -> type(arg, v, path, out);
            case "enum" -> {
                for (JsonNode option : arg) {
                    if (JsonValues.equal(option, v)) {
                        return;
                    }
                }
                if (out.fail()) {
                    return;
                }
                out.add(new Violation(path, "must be one of " + arg + " but was " + v));
            }
            case "const" -> {
                if (!JsonValues.equal(arg, v)) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must be " + arg + " but was " + v));
                }
            }
            case "allOf" -> {
                for (JsonNode part : arg) {
                    check(part, v, path, out);
                }
            }
            case "anyOf" -> {
                for (JsonNode part : arg) {
                    if (valid(part, v)) {
                        return;
                    }
                }
                if (out.fail()) {
                    return;
                }
                out.add(new Violation(path, "must match at least one schema of anyOf"));
            }
            case "oneOf" -> {
                int matches = 0;
                for (JsonNode part : arg) {
                    matches += valid(part, v) ? 1 : 0;
                    if (matches > 1) {
                        break; // already not exactly one
                    }
                }
                if (matches != 1) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must match exactly one schema of oneOf but matched " + (matches > 1 ? "several" : "none")));
                }
            }
            case "not" -> {
                if (valid(arg, v)) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must not match the schema of not"));
                }
            }
            case "if" -> {
                JsonNode branch = valid(arg, v) ? schema.get("then") : schema.get("else");
                if (branch != null) {
                    check(branch, v, path, out);
                }
            }
            default -> {
                if (v.isNumber()) {
                    number(schema, k, arg, v, path, out);
                } else if (v.isTextual()) {
                    string(k, arg, v.textValue(), path, out);
                } else if (v.isArray()) {
                    array(schema, k, arg, v, path, out);
                } else if (v.isObject()) {
                    object(schema, k, arg, v, path, out);
                }
            }
        }
    }

    private static void type(JsonNode arg, JsonNode v, String path, Sink out) {
        if (arg.isArray()) {
            for (JsonNode t : arg) {
                if (JsonValues.hasType(v, t.asText())) {
                    return;
                }
            }
        } else if (JsonValues.hasType(v, arg.asText())) {
            return;
        }
        if (out.fail()) {
            return;
        }
        out.add(new Violation(path, "expected " + (arg.isArray() ? "one of " + arg : arg.asText()) + " but was "
                + JsonValues.typeOf(v) + " " + JsonValues.brief(v)));
    }

    private static void number(JsonNode schema, String k, JsonNode arg, JsonNode v, String path, Sink out) {
        if (!arg.isNumber()) {
            return; // draft 4's boolean exclusiveMinimum/Maximum is read with minimum/maximum below
        }
        BigDecimal x = v.decimalValue();
        BigDecimal limit = arg.decimalValue();
        int c = x.compareTo(limit);
        String broken = switch (k) {
            case "minimum" -> draft4Exclusive(schema, "exclusiveMinimum") ? (c <= 0 ? "> " : null)
                    : c < 0 ? ">= " : null;
            case "maximum" -> draft4Exclusive(schema, "exclusiveMaximum") ? (c >= 0 ? "< " : null)
                    : c > 0 ? "<= " : null;
            case "exclusiveMinimum" -> c <= 0 ? "> " : null;
            case "exclusiveMaximum" -> c >= 0 ? "< " : null;
            case "multipleOf" -> limit.signum() > 0 && x.remainder(limit).signum() != 0 ? "a multiple of " : null;
            default -> null;
        };
        if (broken != null) {
            if (out.fail()) {
                return;
            }
            out.add(new Violation(path, "must be " + broken + limit.toPlainString() + " but was " + x.toPlainString()));
        }
    }

    /** OpenAPI 3.0 / draft 4: {@code exclusiveMinimum: true} makes {@code minimum} exclusive. */
    private static boolean draft4Exclusive(JsonNode schema, String name) {
        JsonNode flag = schema.get(name);
        return flag != null && flag.isBoolean() && flag.booleanValue();
    }

    private void string(String k, JsonNode arg, String s, String path, Sink out) {
        switch (k) {
            case "minLength", "maxLength" -> {
                int len = s.codePointCount(0, s.length());
                boolean min = k.equals("minLength");
                if (min ? len < arg.asInt() : len > arg.asInt()) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "length must be " + (min ? ">= " : "<= ") + arg.asInt() + " but was "
                            + len));
                }
            }
            case "pattern" -> {
                SchemaPattern p = patterns.computeIfAbsent(arg.asText(), SchemaPattern::compile);
                if (!p.find(s)) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must match pattern " + arg.asText()));
                }
            }
            case "format" -> {
                if (!Formats.valid(arg.asText(), s)) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must be a valid " + arg.asText() + " but was " + JsonValues.quote(s)));
                }
            }
            default -> { }
        }
    }

    private void array(JsonNode schema, String k, JsonNode arg, JsonNode v, String path, Sink out) {
        switch (k) {
            case "minItems" -> {
                if (v.size() < arg.asInt()) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must have at least " + arg.asInt() + " items but had " + v.size()));
                }
            }
            case "maxItems" -> {
                if (v.size() > arg.asInt()) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must have at most " + arg.asInt() + " items but had " + v.size()));
                }
            }
            case "uniqueItems" -> {
                if (arg.asBoolean() && !JsonValues.unique(v)) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must not contain duplicate items"));
                }
            }
            case "items" -> {
                if (arg.isArray()) {
                    for (int i = 0; i < v.size() && i < arg.size(); i++) {
                        check(arg.get(i), v.get(i), path + "[" + i + "]", out);
                    }
                } else {
                    for (int i = 0; i < v.size(); i++) {
                        check(arg, v.get(i), path + "[" + i + "]", out);
                    }
                }
            }
            case "additionalItems" -> {
                JsonNode items = schema.get("items");
                if (items != null && items.isArray()) {
                    for (int i = items.size(); i < v.size(); i++) {
                        check(arg, v.get(i), path + "[" + i + "]", out);
                    }
                }
            }
            case "contains" -> {
                for (JsonNode item : v) {
                    if (valid(arg, item)) {
                        return;
                    }
                }
                if (out.fail()) {
                    return;
                }
                out.add(new Violation(path, "must contain an item matching the schema of contains"));
            }
            default -> { }
        }
    }

    private void object(JsonNode schema, String k, JsonNode arg, JsonNode v, String path, Sink out) {
        switch (k) {
            case "minProperties" -> {
                if (v.size() < arg.asInt()) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must have at least " + arg.asInt() + " members but had " + v.size()));
                }
            }
            case "maxProperties" -> {
                if (v.size() > arg.asInt()) {
                    if (out.fail()) {
                        return;
                    }
                    out.add(new Violation(path, "must have at most " + arg.asInt() + " members but had " + v.size()));
                }
            }
            case "required" -> {
                for (JsonNode name : arg) {
                    if (!v.has(name.asText())) {
                        if (out.fail()) {
                            return;
                        }
                        out.add(new Violation(JsonValues.member(path, name.asText()), "is required but missing"));
                    }
                }
            }
            case "properties" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = arg.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    JsonNode member = v.get(p.getKey());
                    if (member != null) {
                        check(p.getValue(), member, JsonValues.member(path, p.getKey()), out);
                    }
                }
            }
            case "patternProperties" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = arg.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    SchemaPattern regex = patterns.computeIfAbsent(p.getKey(), SchemaPattern::compile);
                    for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> member = m.next();
                        if (regex.find(member.getKey())) {
                            check(p.getValue(), member.getValue(), JsonValues.member(path, member.getKey()), out);
                        }
                    }
                }
            }
            case "additionalProperties" -> {
                JsonNode declared = schema.get("properties");
                JsonNode patterned = schema.get("patternProperties");
                for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = m.next();
                    String name = member.getKey();
                    if ((declared != null && declared.has(name)) || matchesAny(patterned, name)) {
                        continue;
                    }
                    if (arg.isBoolean() && !arg.booleanValue()) {
                        if (out.fail()) {
                            return;
                        }
                        out.add(new Violation(JsonValues.member(path, name), "is not a declared member"));
                    } else {
                        check(arg, member.getValue(), JsonValues.member(path, name), out);
                    }
                }
            }
            case "dependencies" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = arg.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = it.next();
                    if (!v.has(d.getKey())) {
                        continue;
                    }
                    if (d.getValue().isArray()) {
                        for (JsonNode needed : d.getValue()) {
                            if (!v.has(needed.asText())) {
                                if (out.fail()) {
                                    return;
                                }
                                out.add(new Violation(JsonValues.member(path, needed.asText()),
                                        "is required when " + d.getKey() + " is present"));
                            }
                        }
                    } else {
                        check(d.getValue(), v, path, out);
                    }
                }
            }
            case "propertyNames" -> {
                for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    check(arg, Json.mapper().getNodeFactory().textNode(name), JsonValues.member(path, name), out);
                }
            }
            default -> { }
        }
    }

    private boolean matchesAny(JsonNode patterned, String name) {
        if (patterned == null) {
            return false;
        }
        for (Iterator<String> it = patterned.fieldNames(); it.hasNext(); ) {
            if (patterns.computeIfAbsent(it.next(), SchemaPattern::compile).find(name)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode resolve(String ref) {
        JsonNode target = refs.get(ref);
        if (target == null) {
            if (!ref.startsWith("#")) {
                throw new IllegalStateException("only local references are checked, not " + ref);
            }
            String pointer = java.net.URLDecoder.decode(ref.substring(1).replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.UTF_8);
            target = root.at(pointer);
            if (target.isMissingNode()) {
                throw new IllegalStateException("reference " + ref + " does not resolve in the schema");
            }
            refs.put(ref, target);
        }
        return target;
    }
}
