package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.types.TypeDecl.EnumDecl;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.codegen.types.TypeDecl.RecordKind;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.ArraySchema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Composition;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import io.asyncapikafka.model.Schema.RefSchema;
import io.asyncapikafka.model.Schema.SchemaMeta;
import io.asyncapikafka.model.Schema.StringSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides every type to generate and its name, walking schemas in document order. Named schemas get their names
 * first (the component key wins over any inline name); inline schemas are named by {@code title}, then by where they
 * sit (message name, parent class + property, array items in the singular).
 */
final class TypePlanner {

    private final AsyncApiModel model;
    private final GeneratorOptions options;
    private final String pkg;
    private final Naming naming = Naming.forPackage();
    private final Problems problems;
    private final SchemaMerger merger;
    private final UnionPlanner unions;

    /** Canonical named schema → its class, for targets that become classes. */
    private final Map<String, ClassName> named = new LinkedHashMap<>();
    private final Set<String> plannedNamed = new HashSet<>();
    /** Equal inline schema nodes (the same node reached twice) share one type. */
    private final Map<Schema, TypeName> inline = new HashMap<>();
    private final Map<ClassName, TypeDecl> decls = new LinkedHashMap<>();
    private final Map<ClassName, List<ClassName>> interfaces = new HashMap<>();
    private final Set<ClassName> enums = new HashSet<>();
    private final RuntimeSchemas runtime;
    /** Generated payload types checked against their schema at run time → the schema JSON. */
    private final Map<ClassName, String> runtimeChecked = new LinkedHashMap<>();
    private final Map<Schema, ClassName> valueTypes = new HashMap<>();
    // x-java-name class names met so far, with where the first one was written
    private final Map<String, io.asyncapikafka.model.SourceLocation> chosenNames = new HashMap<>();

    private TypePlanner(AsyncApiModel model, GeneratorOptions options, String pkg, Problems problems) {
        this.model = model;
        this.options = options;
        this.pkg = pkg;
        this.problems = problems;
        this.merger = SchemaMerger.create(model, problems);
        this.unions = UnionPlanner.create(this, model, problems);
        this.runtime = RuntimeSchemas.create(model, problems);
    }

    /**
     * The payload type of a message: {@code planned} itself when it is a record or union (marked for the run-time
     * check when its schema needs one), else a value type wrapping it when the schema constrains it, so that a
     * payload that is not an object is checked too.
     */
    TypeName payloadType(String message, Schema payload, TypeName planned) {
        if (isValidatable(planned)) {
            if (runtime.needsRuntimeCheck(payload)) {
                runtimeChecked.putIfAbsent((ClassName) planned, runtime.json(payload));
            }
            return planned;
        }
        if (!runtime.hasAssertions(payload) && !runtime.needsRuntimeCheck(payload)) {
            return planned; // e.g. {type: string}: the strict mapper checks the JSON type
        }
        ClassName known = valueTypes.get(payload);
        if (known != null) {
            return known;
        }
        ClassName cn = allocate(List.of(message, message + "Payload"));
        decls.put(cn, new TypeDecl.ValueDecl(cn, payload.meta(), message, planned));
        enums.add(cn); // not Validatable: the runtime checks it against its schema
        runtimeChecked.put(cn, runtime.json(payload));
        valueTypes.put(payload, cn);
        return cn;
    }

    /** Reports a key schema whose constraints nothing checks (keys are validated only as records). */
    void checkKey(Schema key, TypeName type) {
        if (!isValidatable(type) && runtime.hasScalarConstraints(key)) {
            problems.warn(Problems.KEY_NOT_CHECKED, "the message key's constraints are not checked: a " + type
                    + " key is sent and received as it is", "constrain the key's producer, or make the key an object",
                    key.location());
        }
    }

    /** Generated types whose JSON the runtime checks against their schema, with that schema. */
    Map<ClassName, String> runtimeChecked() {
        return runtimeChecked;
    }

    static TypePlanner create(AsyncApiModel model, GeneratorOptions options, String pkg, Problems problems) {
        return new TypePlanner(model, options, pkg, problems);
    }

    AsyncApiModel model() {
        return model;
    }

    SchemaMerger merger() {
        return merger;
    }

    Map<String, ClassName> namedClasses() {
        return named;
    }

    /** Reserves the component-key names of every named schema that becomes a class, before any inline name. */
    void reserveNamed(List<String> reachable) {
        for (String name : reachable) {
            String canonical = canonical(name);
            if (!named.containsKey(canonical) && becomesClass(model.schemas().get(canonical))) {
                String chosen = chosenName(model.schemas().get(canonical));
                ClassName cn = allocate(chosen != null ? List.of(chosen, canonical) : List.of(canonical));
                named.put(canonical, cn);
                if (ScalarTypes.stringEnum(model.schemas().get(canonical))) {
                    enums.add(cn);
                }
            }
        }
    }

    /**
     * Every declaration, with the union interfaces each record implements. Reserved named schemas nothing refers to
     * by type (a discriminated base reached only through its subtypes' allOf) are planned here.
     */
    List<TypeDecl> declarations() {
        new ArrayList<>(named.keySet()).forEach(this::planNamed);
        List<TypeDecl> out = new ArrayList<>();
        for (TypeDecl d : decls.values()) {
            List<ClassName> ifaces = interfaces.get(d.name());
            out.add(d instanceof RecordDecl r && ifaces != null ? r.withInterfaces(ifaces) : d);
        }
        return out;
    }

    /** Generated records and unions implement {@code Validatable}; enums and JDK types do not. */
    boolean isValidatable(TypeName t) {
        return t instanceof ClassName c && c.packageName().equals(pkg) && !enums.contains(c);
    }

    /** The record planned for {@code t}, or {@code null} when {@code t} is not a generated record. */
    RecordDecl recordOf(TypeName t) {
        return t instanceof ClassName c && decls.get(c) instanceof RecordDecl r ? r : null;
    }

    void implement(ClassName record, ClassName union) {
        List<ClassName> list = interfaces.computeIfAbsent(record, k -> new ArrayList<>());
        if (!list.contains(union)) {
            list.add(union);
        }
    }

    List<String> subtypesOf(String base) {
        return unions.subtypesOf(base);
    }

    /**
     * Presets a variant's discriminator member to its type id in the builder, when it has no const or default of
     * its own; a variant still being planned (recursion) is left alone.
     */
    void presetTypeId(ClassName record, String property, String typeId) {
        if (decls.get(record) instanceof RecordDecl r) {
            List<Field> fields = new ArrayList<>();
            for (Field f : r.fields()) {
                boolean preset = f.wireName().equals(property) && f.defaultValue() == null
                        && ScalarTypes.STRING.equals(f.type());
                fields.add(preset ? new Field(f.wireName(), f.javaName(), f.schema(), f.type(), f.required(),
                        f.nullable(), typeId) : f);
            }
            decls.put(record, new RecordDecl(r.name(), r.meta(), r.kind(), fields, r.interfaces()));
        }
    }

    void declare(TypeDecl decl) {
        decls.put(decl.name(), decl);
    }

    /**
     * The first candidate's class name; an {@code x-java-name} candidate (see {@link #chosenName}) is taken exactly
     * as written, and reported (AKG017) when another type has it already.
     */
    ClassName allocate(List<String> candidates) {
        if (!candidates.isEmpty() && chosenNames.containsKey(candidates.get(0))) {
            String exact = naming.allocateExact(candidates.get(0));
            if (exact != null) {
                return ClassName.get(pkg, exact);
            }
            problems.error(Problems.JAVA_NAME_CLASH, "x-java-name '" + candidates.get(0) + "' is the name of another"
                    + " generated type", "give one of the two schemas another x-java-name",
                    chosenNames.get(candidates.get(0)));
            candidates = candidates.subList(1, candidates.size());
        }
        return ClassName.get(pkg, naming.allocateClass(candidates));
    }

    /** The Java type of {@code s}; {@code names} are the inline naming candidates, best first. */
    TypeName typeOf(Schema s, List<String> names, boolean boxed) {
        if (s instanceof RefSchema r) {
            String canonical = canonical(r.name());
            ClassName cn = named.get(canonical);
            if (cn != null) {
                planNamed(canonical);
                return cn;
            }
            return typeOf(model.schemas().get(canonical), List.of(canonical), boxed);
        }
        TypeName cached = inline.get(s);
        if (cached != null) {
            return cached;
        }
        String chosen = becomesClass(s) ? chosenName(s) : null;
        TypeName t = computeType(s, chosen != null ? List.of(chosen) : withTitle(s, names),
                boxed || s.meta().nullable());
        if (t instanceof ClassName c && c.packageName().equals(pkg)) {
            inline.put(s, t);
        }
        return t;
    }

    private TypeName computeType(Schema s, List<String> names, boolean boxed) {
        if (s instanceof ObjectSchema o) {
            if (o.meta().source() instanceof Map<?, ?> source && !source.containsKey("type")
                    && !source.containsKey("allOf") && !source.containsKey("oneOf") && !source.containsKey("anyOf")) {
                // JSON Schema applies properties to objects only: any other value is valid, but has no record shape
                problems.warn(Problems.OBJECT_WITHOUT_TYPE, "a schema with properties but no type is generated as an"
                        + " object: a value that is not an object, valid by JSON Schema, is refused",
                        "write type: object, which is what such schemas mean", o.location());
            }
            return objectType(o, names);
        } else if (s instanceof ArraySchema a) {
            return ParameterizedTypeName.get(ScalarTypes.LIST,
                    typeOf(a.items(), names.stream().map(Naming::singular).toList(), true));
        } else if (ScalarTypes.stringEnum(s)) {
            return planEnum(allocate(names), s.meta());
        } else if (s instanceof StringSchema st) {
            return ScalarTypes.string(st);
        } else if (s instanceof Schema.AnySchema && s.meta().constValue() instanceof String) {
            return ScalarTypes.STRING; // {const: "x"} without a type, common for discriminator properties
        } else if (s instanceof Schema.NumberSchema n) {
            if (ScalarTypes.narrowed(n)) {
                boolean below = n.minimum() == null;
                problems.warn(Problems.INTEGER_NARROWED, "an integer with only a " + (below ? "maximum" : "minimum")
                        + " and no format is typed long: a value " + (below ? "below -9223372036854775808"
                        : "above 9223372036854775807") + ", valid by the schema, is refused",
                        "add format: int64 (or the missing bound) to declare the range; an integer without bounds"
                        + " is a BigInteger", n.location());
            }
            return ScalarTypes.number(n, options.numberType(), boxed);
        } else if (s instanceof Schema.BooleanSchema b) {
            return ScalarTypes.bool(b, boxed);
        } else if (s instanceof Schema.NullSchema) {
            problems.warn(Problems.NULL_TYPE, "a schema of type null only has no Java type; JsonNode is used",
                    "combine null with a type (type: [string, \"null\"]) or use nullable: true", s.location());
            return ScalarTypes.JSON_NODE;
        } else if (s instanceof CompositeSchema c) {
            if (c.kind() == Composition.ALL_OF) {
                // an allOf with a number or string part is no record: any JSON, checked at run time
                if (merger.mergeable(c)) {
                    return planRecord(allocate(names), merger.merge(c), RecordKind.PAYLOAD);
                }
                problems.warn(Problems.ALLOF_NOT_RECORD, "allOf with a part that is not an object is no record; it is"
                        + " typed JsonNode and checked against the whole schema at run time", "use only object "
                        + "schemas in allOf for a typed record, or accept JsonNode", c.location());
                return ScalarTypes.JSON_NODE;
            }
            return unions.plan(c, names, null);
        } else if (s instanceof RefSchema r) {
            return typeOf(r, names, boxed);
        }
        return ScalarTypes.JSON_NODE; // AnySchema: {} is any JSON value

    }

    private TypeName objectType(ObjectSchema o, List<String> names) {
        if (o.isMap()) {
            TypeName value = typeOf(o.additionalProperties(), names.stream().map(n -> n + "Value").toList(), true);
            return ParameterizedTypeName.get(ScalarTypes.MAP, ScalarTypes.STRING, value);
        }
        if (o.properties().isEmpty()) {
            return ParameterizedTypeName.get(ScalarTypes.MAP, ScalarTypes.STRING, ScalarTypes.JSON_NODE);
        }
        return planRecord(allocate(names), o, RecordKind.PAYLOAD);
    }

    /** Declares the class of a named schema once; recursion through references finds the class already named. */
    private void planNamed(String canonical) {
        if (!plannedNamed.add(canonical)) {
            return;
        }
        ClassName cn = named.get(canonical);
        Schema target = model.schemas().get(canonical);
        if (target instanceof ObjectSchema o && !unions.subtypesOf(canonical).isEmpty()) {
            unions.planHierarchy(o, canonical, cn);
        } else if (target instanceof ObjectSchema o) {
            planRecord(cn, o, RecordKind.PAYLOAD);
        } else if (target instanceof CompositeSchema c && c.kind() == Composition.ALL_OF) {
            planRecord(cn, merger.merge(c), RecordKind.PAYLOAD);
        } else if (target instanceof CompositeSchema c) {
            unions.plan(c, List.of(canonical), cn);
        } else {
            planEnum(cn, target.meta());
        }
    }

    /** A record of the object's properties; member names legal and unique in document order. */
    ClassName planRecord(ClassName cn, ObjectSchema o, RecordKind kind) {
        if (o.additionalProperties() != null && !o.properties().isEmpty()) {
            problems.warn(Problems.EXTRA_PROPERTIES_DROPPED,
                    "additionalProperties beside properties: extra members are accepted on read but not kept",
                    "declare the extra members as properties, or move them into a map-typed property", o.location());
        }
        List<String> javaNames = Naming.unique(o.properties().stream().map(p -> Naming.memberName(p.name())).toList());
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < o.properties().size(); i++) {
            Property p = o.properties().get(i);
            Schema resolved = model.resolve(p.schema());
            boolean nullable = p.schema().meta().nullable() || resolved.meta().nullable()
                    || resolved.meta().enumValues().contains(Schema.JsonNull.INSTANCE); // enum: [a, b, null]
            boolean boxed = !p.required() || nullable;
            TypeName type = typeOf(p.schema(), List.of(cn.simpleName() + Naming.className(p.name())), boxed);
            SchemaMeta m = p.schema().meta();
            Object literal = firstNonNull(m.constValue(), resolved.meta().constValue(), m.defaultValue(),
                    resolved.meta().defaultValue());
            fields.add(new Field(p.name(), javaNames.get(i), p.schema(), type, p.required(), nullable, literal));
        }
        addUndeclaredRequired(o, javaNames, fields);
        decls.put(cn, new RecordDecl(cn, o.meta(), kind, fields, List.of()));
        return cn;
    }

    /**
     * {@code required} names absent from {@code properties} must still be present: each becomes a required member of
     * any JSON value ({@code JsonNode}), so the record can hold, send and check it.
     */
    private void addUndeclaredRequired(ObjectSchema o, List<String> javaNames, List<Field> fields) {
        if (!(o.meta().source() instanceof Map<?, ?> source) || !(source.get("required") instanceof List<?> names)) {
            return;
        }
        Set<String> declared = new HashSet<>();
        o.properties().forEach(p -> declared.add(p.name()));
        List<String> taken = new ArrayList<>(javaNames);
        for (Object n : names) {
            if (n instanceof String name && declared.add(name)) {
                List<String> all = new ArrayList<>(taken);
                all.add(Naming.memberName(name));
                String javaName = Naming.unique(all).get(all.size() - 1);
                taken.add(javaName);
                fields.add(new Field(name, javaName, new Schema.AnySchema(SchemaMeta.at(o.location())),
                        ScalarTypes.JSON_NODE, true, false, null));
            }
        }
    }

    private ClassName planEnum(ClassName cn, SchemaMeta meta) {
        List<String> values = meta.enumValues().stream().filter(String.class::isInstance).map(String.class::cast)
                .distinct().toList();
        decls.put(cn, new EnumDecl(cn, meta, values));
        enums.add(cn);
        return cn;
    }

    private boolean becomesClass(Schema s) {
        if (s instanceof ObjectSchema o) {
            return !o.isMap() && !o.properties().isEmpty();
        } else if (s instanceof CompositeSchema c) {
            return c.kind() == Composition.ALL_OF ? merger.mergeable(c) : unions.supported(c);
        }
        return s != null && ScalarTypes.stringEnum(s);
    }

    /** Follows reference chains (A → B → object) so A and B share B's class. */
    String canonical(String name) {
        String n = name;
        for (int guard = 0; model.schemas().get(n) instanceof RefSchema r && guard <= model.schemas().size();
                guard++) {
            n = r.name();
        }
        return n;
    }

    /**
     * The class name the schema's {@code x-java-name} gives (it travels with the schema, into its own file too), or
     * {@code null} without one; an unusable name is an error (AKG016), and the schema is then named as if it had none.
     */
    private String chosenName(Schema s) {
        Object raw = s == null ? null : s.meta().extensions().get(Naming.JAVA_NAME);
        if (raw == null) {
            return null;
        }
        String chosen = raw instanceof String str ? str : null;
        if (!Naming.isUsableJavaName(chosen)) {
            problems.error(Problems.JAVA_NAME_INVALID, "x-java-name '" + raw + "' is not a usable Java class name",
                    "use a Java identifier that is not a keyword, such as LightMeasured", s.location());
            return null;
        }
        String cn = Naming.upperFirst(chosen);
        chosenNames.put(cn, s.location()); // the latest: a clash is reported where the second one is written
        return cn;
    }

    private static List<String> withTitle(Schema s, List<String> names) {
        String title = s.meta().title();
        if (title == null || title.isBlank()) {
            return names;
        }
        List<String> out = new ArrayList<>();
        out.add(title);
        out.addAll(names);
        return out;
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
