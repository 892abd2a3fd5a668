package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.codegen.types.TypeDecl.RecordKind;
import io.asyncapikafka.codegen.types.TypeDecl.UnionDecl;
import io.asyncapikafka.codegen.types.TypeDecl.Variant;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Composition;
import io.asyncapikafka.model.Schema.Discriminator;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import io.asyncapikafka.model.Schema.RefSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans a {@code oneOf}/{@code anyOf}: a sealed interface whose permitted records are the object variants. Referenced
 * variants keep their own class (it then implements the interface too); inline variants are named by {@code title},
 * else by the union name plus their type id or first property.
 */
final class UnionPlanner {

    private final TypePlanner types;
    private final AsyncApiModel model;
    private final Problems problems;

    private UnionPlanner(TypePlanner types, AsyncApiModel model, Problems problems) {
        this.types = types;
        this.model = model;
        this.problems = problems;
    }

    static UnionPlanner create(TypePlanner types, AsyncApiModel model, Problems problems) {
        return new UnionPlanner(types, model, problems);
    }

    /** Every variant is an object (or an allOf of objects), so each can be a record. */
    boolean supported(CompositeSchema c) {
        return !c.parts().isEmpty() && c.parts().stream().allMatch(p -> isObject(model.resolve(p)));
    }

    /**
     * The union's type: its sealed interface, or {@code JsonNode} with a diagnostic when a variant cannot be a record.
     *
     * @param fixed the class already reserved for a named union, or {@code null} to allocate one from {@code names}
     */
    TypeName plan(CompositeSchema c, List<String> names, ClassName fixed) {
        if (!supported(c)) {
            for (Schema p : c.parts()) {
                if (!isObject(model.resolve(p))) {
                    problems.warn(Problems.UNION_VARIANT_NOT_OBJECT,
                            c.kind().name().toLowerCase(java.util.Locale.ROOT).replace("_of", "Of")
                                    + " variant is not an object schema; the union is typed JsonNode",
                            "make every variant an object (wrap scalars in an object with one property)",
                            p.location());
                }
            }
            return ScalarTypes.JSON_NODE;
        }
        ClassName union = fixed != null ? fixed : types.allocate(names);
        Discriminator disc = c.discriminator() != null ? c.discriminator()
                : c.base() != null ? c.base().discriminator() : null;
        if (disc == null) {
            disc = implicitDiscriminator(c);
        }
        String property = disc == null ? null : disc.propertyName();
        List<Variant> variants = new ArrayList<>();
        List<java.util.Set<String>> memberNames = new ArrayList<>();
        boolean allDeclare = true;
        for (Schema part : c.parts()) {
            ObjectSchema shape = shapeOf(part, c.base());
            memberNames.add(shape.properties().stream().map(p -> p.name())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            allDeclare &= property != null && shape.properties().stream().anyMatch(p -> p.name().equals(property));
            String refName = part instanceof RefSchema r ? types.canonical(r.name()) : null;
            String typeId = property == null ? null : typeId(disc, refName, shape);
            ClassName variant;
            if (refName != null && types.namedClasses().containsKey(refName)) {
                variant = (ClassName) types.typeOf(part, List.of(refName), false);
            } else {
                String distinct = typeId != null ? typeId : firstProperty(shape, property);
                variant = types.planRecord(types.allocate(candidates(part, union, distinct)), shape,
                        RecordKind.PAYLOAD);
            }
            if (property != null && typeId == null) {
                problems.warn(Problems.DISCRIMINATOR_UNMAPPED, "discriminated union variant has no type id; "
                        + "its class name " + variant.simpleName() + " is used", "add a discriminator mapping entry "
                        + "or a const for property '" + property + "' in the variant", part.location());
                typeId = variant.simpleName();
            }
            types.implement(variant, union);
            if (typeId != null) {
                types.presetTypeId(variant, property, typeId);
            }
            variants.add(new Variant(variant, typeId));
        }
        if (property == null) {
            warnIndistinct(c, variants, memberNames);
        }
        types.declare(new UnionDecl(union, c.meta(), variants, property, property != null && allDeclare));
        return union;
    }

    /**
     * Without a discriminator Jackson places a value by its member names: a variant whose names are all another's
     * cannot be told apart, and a payload with only those members is refused though the schema may accept it.
     */
    private void warnIndistinct(CompositeSchema c, List<Variant> variants, List<java.util.Set<String>> names) {
        for (int i = 0; i < variants.size(); i++) {
            for (int j = 0; j < variants.size(); j++) {
                if (i != j && names.get(j).containsAll(names.get(i)) && (i < j || !names.get(i).equals(names.get(j)))) {
                    problems.warn(Problems.UNION_INDISTINCT, "union variants " + variants.get(i).type().simpleName()
                            + " and " + variants.get(j).type().simpleName() + " cannot be told apart by member names: "
                            + "a payload with only " + variants.get(i).type().simpleName() + "'s members is refused, "
                            + "though the schema may accept it", "add a discriminator, or give each variant a "
                            + "member of its own", c.location());
                    return;
                }
            }
        }
    }

    /**
     * The AsyncAPI 2 inheritance style: named schemas whose {@code allOf} references {@code base} directly, where
     * {@code base} is an object with a discriminator. In {@code components/schemas} order.
     */
    List<String> subtypesOf(String base) {
        Schema b = model.schemas().get(base);
        if (!(b instanceof ObjectSchema o) || o.discriminator() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Schema> e : model.schemas().entrySet()) {
            if (e.getValue() instanceof CompositeSchema c && c.kind() == Composition.ALL_OF && c.parts().stream()
                    .anyMatch(p -> p instanceof RefSchema r && types.canonical(r.name()).equals(base))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** A discriminated base object with allOf subtypes: a sealed interface permitting the subtypes' records. */
    void planHierarchy(ObjectSchema base, String baseName, ClassName cn) {
        List<Schema> parts = subtypesOf(baseName).stream()
                .map(n -> (Schema) new RefSchema(Schema.SchemaMeta.at(base.location()), n)).toList();
        plan(new CompositeSchema(base.meta(), Composition.ONE_OF, parts, base.discriminator(), null), List.of(), cn);
    }

    private static boolean isObject(Schema s) {
        return s instanceof ObjectSchema o && !o.isMap() && !o.properties().isEmpty()
                || s instanceof CompositeSchema c && c.kind() == Composition.ALL_OF;
    }

    /** The variant's members: its own, merged with allOf parts and the union's sibling properties. */
    private ObjectSchema shapeOf(Schema part, ObjectSchema base) {
        Schema resolved = model.resolve(part);
        boolean inline = !(part instanceof RefSchema);
        if (inline && base != null && !base.properties().isEmpty()) {
            return types.merger().merge(new CompositeSchema(resolved.meta(), Composition.ALL_OF,
                    List.of(base, resolved), null, null));
        }
        if (resolved instanceof CompositeSchema comp) {
            return types.merger().merge(comp);
        }
        return (ObjectSchema) resolved;
    }

    /**
     * Without a declared discriminator, a property every variant requires with a string {@code const} (or a single
     * {@code enum} value) of its own, different in each variant, tells them apart exactly as one would: the union is
     * read by that property rather than by member names, which cannot place a variant whose members are all another's
     * (a heartbeat {@code {type, seq}} beside an update {@code {type, seq, events}}).
     */
    private Discriminator implicitDiscriminator(CompositeSchema c) {
        List<ObjectSchema> shapes = c.parts().stream().map(p -> shapeOf(p, c.base())).toList();
        if (shapes.size() < 2) {
            return null;
        }
        for (Property candidate : shapes.get(0).properties()) {
            java.util.Set<String> values = new java.util.HashSet<>();
            boolean tells = true;
            for (ObjectSchema shape : shapes) {
                String literal = null;
                for (Property p : shape.properties()) {
                    if (p.name().equals(candidate.name()) && p.required()) {
                        literal = literalOf(model.resolve(p.schema()));
                    }
                }
                if (literal == null || !values.add(literal)) {
                    tells = false;
                    break;
                }
            }
            if (tells) {
                return new Discriminator(candidate.name(), Map.of());
            }
        }
        return null;
    }

    private static String literalOf(Schema s) {
        Object literal = s.meta().constValue() != null ? s.meta().constValue()
                : s.meta().enumValues().size() == 1 ? s.meta().enumValues().get(0) : null;
        return literal instanceof String str ? str : null;
    }

    /** Mapping entry, else the component name, else the variant's const / single enum value of the property. */
    private String typeId(Discriminator disc, String refName, ObjectSchema shape) {
        for (Map.Entry<String, String> e : disc.mapping().entrySet()) {
            String target = e.getValue();
            String last = target.substring(target.lastIndexOf('/') + 1);
            if (refName != null && (last.equals(refName) || target.equals(refName))) {
                return e.getKey();
            }
        }
        for (Property p : shape.properties()) {
            if (p.name().equals(disc.propertyName())) {
                Schema s = model.resolve(p.schema());
                Object literal = s.meta().constValue() != null ? s.meta().constValue()
                        : s.meta().enumValues().size() == 1 ? s.meta().enumValues().get(0) : null;
                if (literal instanceof String str) {
                    return str;
                }
            }
        }
        return refName;
    }

    /** The first member that tells the variant apart (the discriminator does not, when it has no value). */
    private static String firstProperty(ObjectSchema shape, String discriminator) {
        return shape.properties().stream().map(Property::name).filter(n -> !n.equals(discriminator)).findFirst()
                .orElse("Variant");
    }

    private static List<String> candidates(Schema part, ClassName union, String distinct) {
        List<String> out = new ArrayList<>();
        Schema.SchemaMeta m = part.meta();
        if (m.title() != null && !m.title().isBlank()) {
            out.add(m.title());
        }
        out.add(union.simpleName() + Naming.className(distinct));
        return out;
    }
}
