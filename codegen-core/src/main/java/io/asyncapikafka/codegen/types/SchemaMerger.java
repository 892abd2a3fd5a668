package io.asyncapikafka.codegen.types;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Composition;
import io.asyncapikafka.model.Schema.Discriminator;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges {@code allOf} into one object schema: properties in the order the parts declare them, {@code required} is
 * the union, a later declaration of the same property replaces an earlier one (it is usually the refinement).
 */
final class SchemaMerger {

    private final AsyncApiModel model;
    private final Problems problems;

    private SchemaMerger(AsyncApiModel model, Problems problems) {
        this.model = model;
        this.problems = problems;
    }

    static SchemaMerger create(AsyncApiModel model, Problems problems) {
        return new SchemaMerger(model, problems);
    }

    /**
     * True when every part is an object (or a nested mergeable allOf, or an untyped part whose constraints the
     * runtime checks): the allOf is one record. Otherwise (a number, a string, an array among the parts) no record
     * holds it, and it is any JSON value checked against the schema at run time.
     */
    boolean mergeable(CompositeSchema allOf) {
        return mergeable(allOf, 0);
    }

    private boolean mergeable(CompositeSchema allOf, int depth) {
        if (depth > 64) {
            return true;
        }
        for (Schema part : allOf.parts()) {
            Schema s = model.resolve(part);
            boolean ok = s instanceof ObjectSchema
                    || (s instanceof CompositeSchema c && c.kind() == Composition.ALL_OF && mergeable(c, depth + 1))
                    || s instanceof Schema.AnySchema;
            if (!ok) {
                return false;
            }
        }
        return allOf.parts().stream().anyMatch(p -> !(model.resolve(p) instanceof Schema.AnySchema))
                || allOf.base() != null;
    }

    /** The merged object; its meta is the composite's own (title, description, location). */
    ObjectSchema merge(CompositeSchema allOf) {
        Map<String, Property> props = new LinkedHashMap<>();
        Discriminator[] discriminator = {allOf.discriminator()};
        for (Schema part : allOf.parts()) {
            collect(part, props, discriminator, 0);
        }
        if (allOf.base() != null) {
            collect(allOf.base(), props, discriminator, 0);
        }
        return new ObjectSchema(allOf.meta(), new ArrayList<>(props.values()), null, false, null, null,
                discriminator[0]);
    }

    private void collect(Schema part, Map<String, Property> into, Discriminator[] disc, int depth) {
        Schema s = model.resolve(part);
        if (depth > 64) {
            return; // a cycle of allOf through references: every part seen once is enough
        }
        if (s instanceof ObjectSchema o) {
            if (disc[0] == null) {
                disc[0] = o.discriminator();
            }
            for (Property p : o.properties()) {
                Property before = into.get(p.name());
                if (before != null) {
                    Schema a = model.resolve(before.schema());
                    Schema b = model.resolve(p.schema());
                    if (a.getClass() != b.getClass() && !(a instanceof Schema.AnySchema)) {
                        problems.warn(Problems.ALLOF_CONFLICT,
                                "allOf parts declare property '" + p.name() + "' with different types",
                                "declare the property once, or with the same type in every part", p.location());
                    }
                    into.put(p.name(), new Property(p.name(), p.schema(), p.required() || before.required(),
                            p.location()));
                } else {
                    into.put(p.name(), p);
                }
            }
        } else if (s instanceof CompositeSchema c && c.kind() == Composition.ALL_OF) {
            if (disc[0] == null) {
                disc[0] = c.discriminator();
            }
            for (Schema p : c.parts()) {
                collect(p, into, disc, depth + 1);
            }
            if (c.base() != null) {
                collect(c.base(), into, disc, depth + 1);
            }
        } else if (!(s instanceof Schema.AnySchema)) {
            problems.warn(Problems.COMPOSITION_NOT_MERGEABLE,
                    "allOf part is not an object schema and cannot be merged into a record",
                    "use only object schemas (or references to them) in allOf", part.location());
        }
    }
}
