package io.asyncapikafka.compat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.ArraySchema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Discriminator;
import io.asyncapikafka.model.Schema.NumberSchema;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import io.asyncapikafka.model.Schema.RefSchema;
import io.asyncapikafka.model.Schema.StringSchema;
import io.asyncapikafka.model.SourceLocation;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two schemas as a reader and a writer would: each difference is a change with the readers it breaks
 * ({@link Breaks#BACKWARD}: the new schema rejects something the old allowed; {@link Breaks#FORWARD}: the old schema
 * rejects something the new allows). Named schemas are followed through {@code $ref} on both sides, each pair once (so
 * recursive schemas end, and a shared schema's change is reported once per message).
 */
final class SchemaDiff {

    private final AsyncApiModel oldModel;
    private final AsyncApiModel newModel;
    private final Judge judge;
    private final boolean headers;
    private final Set<String> seenRefs = new HashSet<>();

    SchemaDiff(AsyncApiModel oldModel, AsyncApiModel newModel, Judge judge, boolean headers) {
        this.oldModel = oldModel;
        this.newModel = newModel;
        this.judge = judge;
        this.headers = headers;
    }

    void compare(Schema o, Schema n, String path) {
        compare(o, n, path, 0);
    }

    private void compare(Schema o, Schema n, String path, int depth) {
        if (o instanceof RefSchema || n instanceof RefSchema) {
            if (!seenRefs.add(refName(o) + "\u0000" + refName(n))) {
                return;
            }
            compare(oldModel.resolve(o), newModel.resolve(n), path, depth);
            return;
        }
        compareNullable(o, n, path);
        compareLiterals(o, n, path);
        String ko = kind(o);
        String kn = kind(n);
        if (!ko.equals(kn)) {
            if (ko.equals("integer") && kn.equals("number")) {
                change(Rule.TYPE_WIDENED, Breaks.FORWARD, path + ": integer became number", o, n);
                compareNumbers((NumberSchema) o, (NumberSchema) n, path);
            } else if (ko.equals("number") && kn.equals("integer")) {
                change(Rule.TYPE_NARROWED, Breaks.BACKWARD, path + ": number became integer", o, n);
                compareNumbers((NumberSchema) o, (NumberSchema) n, path);
            } else if (kn.equals("any")) {
                change(Rule.TYPE_WIDENED, Breaks.FORWARD, path + ": " + ko + " became any value", o, n);
            } else if (ko.equals("any")) {
                change(Rule.TYPE_NARROWED, Breaks.BACKWARD, path + ": any value became " + kn, o, n);
            } else {
                change(Rule.TYPE_CHANGED, Breaks.BOTH, path + ": type " + ko + " became " + kn, o, n);
            }
            return;
        }
        if (o instanceof ObjectSchema oo) {
            compareObjects(oo, (ObjectSchema) n, path, depth);
        } else if (o instanceof ArraySchema oa) {
            compareArrays(oa, (ArraySchema) n, path, depth);
        } else if (o instanceof StringSchema os) {
            compareStrings(os, (StringSchema) n, path);
        } else if (o instanceof NumberSchema on) {
            compareNumbers(on, (NumberSchema) n, path);
        } else if (o instanceof CompositeSchema oc) {
            compareComposites(oc, (CompositeSchema) n, path, depth);
        }
        // boolean, null and any schemas carry nothing more than their meta, compared above
    }

    private void compareNullable(Schema o, Schema n, String path) {
        boolean on = o.meta().nullable();
        boolean nn = n.meta().nullable();
        if (!on && nn) {
            change(Rule.TYPE_WIDENED, Breaks.FORWARD, path + ": now nullable", o, n);
        } else if (on && !nn) {
            change(Rule.TYPE_NARROWED, Breaks.BACKWARD, path + ": no longer nullable", o, n);
        }
    }

    private void compareLiterals(Schema o, Schema n, String path) {
        List<Object> oe = o.meta().enumValues();
        List<Object> ne = n.meta().enumValues();
        if (!oe.isEmpty() && !ne.isEmpty()) {
            Set<String> os = literals(oe);
            Set<String> ns = literals(ne);
            Set<String> added = new LinkedHashSet<>(ns);
            added.removeAll(os);
            Set<String> removed = new LinkedHashSet<>(os);
            removed.removeAll(ns);
            if (!added.isEmpty()) {
                change(Rule.ENUM_VALUE_ADDED, Breaks.FORWARD, path + ": enum values added " + added, o, n);
            }
            if (!removed.isEmpty()) {
                change(Rule.ENUM_VALUE_REMOVED, Breaks.BACKWARD, path + ": enum values removed " + removed, o, n);
            }
        } else if (oe.isEmpty() && !ne.isEmpty()) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": now limited to enum " + literals(ne), o, n);
        } else if (!oe.isEmpty()) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": enum " + literals(oe) + " dropped", o, n);
        }
        Object oc = o.meta().constValue();
        Object nc = n.meta().constValue();
        if (oc != null && nc != null && !literal(oc).equals(literal(nc))) {
            change(Rule.CONSTRAINT_CHANGED, Breaks.BOTH, path + ": const " + literal(oc) + " became " + literal(nc),
                    o, n);
        } else if (oc == null && nc != null) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": now const " + literal(nc), o, n);
        } else if (oc != null && nc == null) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": const " + literal(oc) + " dropped", o, n);
        }
    }

    private void compareObjects(ObjectSchema o, ObjectSchema n, String path, int depth) {
        Map<String, Property> op = byName(o.properties());
        Map<String, Property> np = byName(n.properties());
        boolean oldClosed = o.additionalPropertiesForbidden();
        boolean newClosed = n.additionalPropertiesForbidden();
        for (Property p : o.properties()) {
            if (np.containsKey(p.name())) {
                continue;
            }
            String what = path + ": " + (p.required() ? "required " : "") + "property '" + p.name() + "' removed";
            Rule rule = p.required() ? Rule.REQUIRED_PROPERTY_REMOVED : Rule.PROPERTY_REMOVED;
            judge.directional(rule, Breaks.of(newClosed, p.required()), what, where(p), n.location());
        }
        for (Property p : n.properties()) {
            Property old = op.get(p.name());
            if (old == null) {
                boolean mandatory = p.required() && !hasDefault(p.schema(), newModel);
                String what = path + ": " + (p.required() ? "required " : "") + "property '" + p.name() + "' added"
                        + (p.required() && !mandatory ? " with a default" : "");
                Rule rule = !mandatory ? Rule.PROPERTY_ADDED
                        : headers && depth == 0 ? Rule.REQUIRED_HEADER_ADDED : Rule.REQUIRED_PROPERTY_ADDED;
                judge.directional(rule, Breaks.of(mandatory, oldClosed), what, o.location(), where(p));
                continue;
            }
            String sub = path + "." + p.name();
            if (!old.required() && p.required()) {
                boolean mandatory = !hasDefault(p.schema(), newModel);
                judge.directional(Rule.PROPERTY_NOW_REQUIRED, Breaks.of(mandatory, false),
                        sub + ": now required" + (mandatory ? "" : " (with a default)"), where(old), where(p));
            } else if (old.required() && !p.required()) {
                judge.directional(Rule.PROPERTY_NOW_OPTIONAL, Breaks.FORWARD, sub + ": no longer required",
                        where(old), where(p));
            }
            compare(old.schema(), p.schema(), sub, depth + 1);
        }
        if (oldClosed && !newClosed) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": additionalProperties: false dropped", o, n);
        } else if (!oldClosed && newClosed) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": additionalProperties: false added", o, n);
        }
        Schema oa = o.additionalProperties();
        Schema na = n.additionalProperties();
        if (oa != null && na != null) {
            compare(oa, na, path + "{}", depth + 1);
        } else if (oa == null && na != null && !(na instanceof Schema.AnySchema) && !newClosed) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": additional properties now typed", o, n);
        } else if (oa != null && na == null && !(oa instanceof Schema.AnySchema) && !oldClosed && !newClosed) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": additional properties no longer typed", o, n);
        }
        compareMin(path + ": minProperties", o.minProperties(), n.minProperties(), o, n);
        compareMax(path + ": maxProperties", o.maxProperties(), n.maxProperties(), o, n);
        compareDiscriminators(o.discriminator(), n.discriminator(), path, o, n);
    }

    private void compareArrays(ArraySchema o, ArraySchema n, String path, int depth) {
        compareMin(path + ": minItems", o.minItems(), n.minItems(), o, n);
        compareMax(path + ": maxItems", o.maxItems(), n.maxItems(), o, n);
        if (!o.uniqueItems() && n.uniqueItems()) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": uniqueItems added", o, n);
        } else if (o.uniqueItems() && !n.uniqueItems()) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": uniqueItems dropped", o, n);
        }
        compare(o.items(), n.items(), path + "[]", depth + 1);
    }

    private void compareStrings(StringSchema o, StringSchema n, String path) {
        compareFormat(o.format(), n.format(), path, o, n, false);
        if (!Objects.equals(o.contentEncoding(), n.contentEncoding())) {
            change(Rule.FORMAT_CHANGED, Breaks.BOTH, path + ": contentEncoding " + o.contentEncoding() + " became "
                    + n.contentEncoding(), o, n);
        }
        compareMin(path + ": minLength", o.minLength(), n.minLength(), o, n);
        compareMax(path + ": maxLength", o.maxLength(), n.maxLength(), o, n);
        if (!Objects.equals(o.pattern(), n.pattern())) {
            if (o.pattern() == null) {
                change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": pattern " + n.pattern() + " added", o, n);
            } else if (n.pattern() == null) {
                change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": pattern " + o.pattern() + " dropped", o, n);
            } else {
                change(Rule.CONSTRAINT_CHANGED, Breaks.BOTH, path + ": pattern " + o.pattern() + " became "
                        + n.pattern(), o, n);
            }
        }
    }

    private void compareNumbers(NumberSchema o, NumberSchema n, String path) {
        compareFormat(o.format(), n.format(), path, o, n, true);
        int lower = bound(o.minimum(), o.exclusiveMinimum(), n.minimum(), n.exclusiveMinimum(), 1);
        bounded(lower, path + ": minimum " + bound(o.minimum(), o.exclusiveMinimum()) + " became "
                + bound(n.minimum(), n.exclusiveMinimum()), o, n);
        int upper = bound(o.maximum(), o.exclusiveMaximum(), n.maximum(), n.exclusiveMaximum(), -1);
        bounded(upper, path + ": maximum " + bound(o.maximum(), o.exclusiveMaximum()) + " became "
                + bound(n.maximum(), n.exclusiveMaximum()), o, n);
        BigDecimal om = o.multipleOf();
        BigDecimal nm = n.multipleOf();
        if (om == null && nm == null || om != null && nm != null && om.compareTo(nm) == 0) {
            return;
        }
        String what = path + ": multipleOf " + om + " became " + nm;
        if (om == null || nm != null && isMultiple(nm, om)) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, what, o, n);
        } else if (nm == null || isMultiple(om, nm)) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, what, o, n);
        } else {
            change(Rule.CONSTRAINT_CHANGED, Breaks.BOTH, what, o, n);
        }
    }

    private void compareComposites(CompositeSchema o, CompositeSchema n, String path, int depth) {
        if (o.kind() != n.kind()) {
            change(Rule.TYPE_CHANGED, Breaks.BOTH, path + ": " + o.kind() + " became " + n.kind(), o, n);
            return;
        }
        compareDiscriminators(o.discriminator(), n.discriminator(), path, o, n);
        Map<String, Schema> op = variants(o.parts());
        Map<String, Schema> np = variants(n.parts());
        boolean union = o.kind() != Schema.Composition.ALL_OF;
        for (Map.Entry<String, Schema> e : op.entrySet()) {
            Schema same = np.get(e.getKey());
            if (same != null) {
                compare(e.getValue(), same, path + "<" + e.getKey() + ">", depth + 1);
            } else if (union) {
                judge.directional(Rule.ONEOF_VARIANT_REMOVED, Breaks.BACKWARD,
                        path + ": " + o.kind() + " variant " + e.getKey() + " removed", e.getValue().location(),
                        n.location());
            } else {
                judge.directional(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD,
                        path + ": allOf part " + e.getKey() + " removed", e.getValue().location(), n.location());
            }
        }
        for (Map.Entry<String, Schema> e : np.entrySet()) {
            if (op.containsKey(e.getKey())) {
                continue;
            }
            if (union) {
                judge.directional(Rule.ONEOF_VARIANT_ADDED, Breaks.FORWARD,
                        path + ": " + n.kind() + " variant " + e.getKey() + " added", o.location(),
                        e.getValue().location());
            } else {
                judge.directional(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD,
                        path + ": allOf part " + e.getKey() + " added", o.location(), e.getValue().location());
            }
        }
        if (o.base() != null && n.base() != null) {
            compare(o.base(), n.base(), path, depth);
        } else if (o.base() == null && n.base() != null) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, path + ": object keywords added beside "
                    + n.kind(), o, n);
        } else if (o.base() != null) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, path + ": object keywords beside " + o.kind()
                    + " dropped", o, n);
        }
    }

    private void compareDiscriminators(Discriminator od, Discriminator nd, String path, Schema o, Schema n) {
        if (od == null && nd == null) {
            return;
        }
        if (od == null || nd == null || !od.propertyName().equals(nd.propertyName())) {
            change(Rule.DISCRIMINATOR_CHANGED, Breaks.BOTH, path + ": discriminator "
                    + (od == null ? "none" : "'" + od.propertyName() + "'") + " became "
                    + (nd == null ? "none" : "'" + nd.propertyName() + "'"), o, n);
            return;
        }
        for (Map.Entry<String, String> e : od.mapping().entrySet()) {
            String now = nd.mapping().get(e.getKey());
            if (now == null) {
                change(Rule.DISCRIMINATOR_CHANGED, Breaks.BACKWARD, path + ": discriminator value '" + e.getKey()
                        + "' removed", o, n);
            } else if (!now.equals(e.getValue())) {
                change(Rule.DISCRIMINATOR_CHANGED, Breaks.BOTH, path + ": discriminator value '" + e.getKey()
                        + "' now maps to " + now + " instead of " + e.getValue(), o, n);
            }
        }
        for (String key : nd.mapping().keySet()) {
            if (!od.mapping().containsKey(key)) {
                change(Rule.DISCRIMINATOR_CHANGED, Breaks.FORWARD, path + ": discriminator value '" + key
                        + "' added", o, n);
            }
        }
    }

    private void compareFormat(String of, String nf, String path, Schema o, Schema n, boolean number) {
        if (Objects.equals(of, nf)) {
            return;
        }
        Breaks breaks;
        if (number && widens(of, nf)) {
            breaks = Breaks.FORWARD;
        } else if (number && widens(nf, of)) {
            breaks = Breaks.BACKWARD;
        } else if (of == null) {
            breaks = Breaks.BACKWARD; // a format added narrows what is accepted
        } else if (nf == null) {
            breaks = Breaks.FORWARD;
        } else {
            breaks = Breaks.BOTH;
        }
        change(Rule.FORMAT_CHANGED, breaks, path + ": format " + of + " became " + nf, o, n);
    }

    /** int32 → int64 and float → double accept more; no format accepts more than any format. */
    private static boolean widens(String from, String to) {
        return to == null && from != null
                || "int32".equals(from) && "int64".equals(to)
                || "float".equals(from) && "double".equals(to);
    }

    private void compareMin(String what, Integer o, Integer n, Schema os, Schema ns) {
        if (Objects.equals(o, n)) {
            return;
        }
        boolean tighter = n != null && (o == null || n > o);
        change(tighter ? Rule.CONSTRAINT_TIGHTENED : Rule.CONSTRAINT_LOOSENED,
                tighter ? Breaks.BACKWARD : Breaks.FORWARD, what + " " + o + " became " + n, os, ns);
    }

    private void compareMax(String what, Integer o, Integer n, Schema os, Schema ns) {
        if (Objects.equals(o, n)) {
            return;
        }
        boolean tighter = n != null && (o == null || n < o);
        change(tighter ? Rule.CONSTRAINT_TIGHTENED : Rule.CONSTRAINT_LOOSENED,
                tighter ? Breaks.BACKWARD : Breaks.FORWARD, what + " " + o + " became " + n, os, ns);
    }

    /**
     * 1 when the new bound is tighter, -1 when looser, 0 when equal; {@code sign} 1 for lower bounds, -1 for upper.
     */
    private static int bound(BigDecimal o, boolean oExcl, BigDecimal n, boolean nExcl, int sign) {
        if (o == null && n == null) {
            return 0;
        }
        if (o == null) {
            return 1;
        }
        if (n == null) {
            return -1;
        }
        int c = n.compareTo(o) * sign;
        if (c != 0) {
            return c > 0 ? 1 : -1;
        }
        return oExcl == nExcl ? 0 : nExcl ? 1 : -1;
    }

    private void bounded(int verdict, String what, Schema o, Schema n) {
        if (verdict > 0) {
            change(Rule.CONSTRAINT_TIGHTENED, Breaks.BACKWARD, what, o, n);
        } else if (verdict < 0) {
            change(Rule.CONSTRAINT_LOOSENED, Breaks.FORWARD, what, o, n);
        }
    }

    private static String bound(BigDecimal v, boolean exclusive) {
        return v == null ? "none" : (exclusive ? "exclusive " : "") + v.toPlainString();
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal of) {
        return of.signum() != 0 && value.remainder(of).signum() == 0;
    }

    private void change(Rule rule, Breaks breaks, String what, Schema o, Schema n) {
        judge.directional(rule, breaks, what, o.location(), n.location());
    }

    private static String kind(Schema s) {
        if (s instanceof NumberSchema x) {
            return x.integer() ? "integer" : "number";
        }
        if (s instanceof ObjectSchema) {
            return "object";
        }
        if (s instanceof ArraySchema) {
            return "array";
        }
        if (s instanceof StringSchema) {
            return "string";
        }
        if (s instanceof Schema.BooleanSchema) {
            return "boolean";
        }
        if (s instanceof Schema.NullSchema) {
            return "null";
        }
        if (s instanceof CompositeSchema) {
            return "composite";
        }
        return s instanceof RefSchema ? "ref" : "any";
    }

    private static String refName(Schema s) {
        return s instanceof RefSchema r ? r.name() : "";
    }

    /** Union variants by identity: the named schema, else the title, else the position. */
    private static Map<String, Schema> variants(List<Schema> parts) {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Schema p = parts.get(i);
            String key = p instanceof RefSchema r ? r.name() : p.meta().title() != null ? p.meta().title() : "#" + i;
            out.putIfAbsent(key, p);
        }
        return out;
    }

    private static Map<String, Property> byName(List<Property> props) {
        Map<String, Property> out = new LinkedHashMap<>();
        props.forEach(p -> out.put(p.name(), p));
        return out;
    }

    private static SourceLocation where(Property p) {
        return p.location() != null ? p.location() : p.schema().location();
    }

    private static boolean hasDefault(Schema s, AsyncApiModel model) {
        return s.meta().defaultValue() != null || s instanceof RefSchema && model.resolve(s).meta().defaultValue() != null;
    }

    private static Set<String> literals(List<Object> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(literal(v)));
        return out;
    }

    /** A literal as text, numbers by value ({@code 1.0} is {@code 1}). */
    static String literal(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }
}
