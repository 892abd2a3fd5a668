package io.asyncapikafka.codegen.testing;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Info;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.ArraySchema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Composition;
import io.asyncapikafka.model.Schema.Discriminator;
import io.asyncapikafka.model.Schema.NumberSchema;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import io.asyncapikafka.model.Schema.SchemaMeta;
import io.asyncapikafka.model.Schema.StringSchema;
import io.asyncapikafka.model.SourceLocation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds model schemas and whole models by hand, for generator tests that do not go through the contract reader.
 * Every schema gets its own location ({@code test.yaml}, a running line number), as the reader would give.
 */
public final class Schemas {

    private final String file;
    private int line = 1;

    private Schemas(String file) {
        this.file = file;
    }

    public static Schemas in(String file) {
        return new Schemas(file);
    }

    public SourceLocation here(String pointer) {
        return new SourceLocation(file, line++, 3, pointer);
    }

    private SchemaMeta meta() {
        return SchemaMeta.at(here("/components/schemas/s" + line));
    }

    public ObjectSchema object(Property... props) {
        return new ObjectSchema(meta(), List.of(props), null, false, null, null, null);
    }

    public ObjectSchema map(Schema values) {
        return new ObjectSchema(meta(), List.of(), values, false, null, null, null);
    }

    public Property req(String name, Schema s) {
        return new Property(name, s, true, s.location());
    }

    public Property opt(String name, Schema s) {
        return new Property(name, s, false, s.location());
    }

    public StringSchema string() {
        return new StringSchema(meta(), null, null, null, null, null);
    }

    public StringSchema string(String format) {
        return new StringSchema(meta(), format, null, null, null, null);
    }

    public StringSchema string(Integer minLength, Integer maxLength, String pattern) {
        return new StringSchema(meta(), null, minLength, maxLength, pattern, null);
    }

    public NumberSchema integer(String format) {
        return new NumberSchema(meta(), true, format, null, false, null, false, null);
    }

    public NumberSchema integer(String min, boolean exclusiveMin, String max, boolean exclusiveMax) {
        return new NumberSchema(meta(), true, null, dec(min), exclusiveMin, dec(max), exclusiveMax, null);
    }

    public NumberSchema number() {
        return new NumberSchema(meta(), false, null, null, false, null, false, null);
    }

    public NumberSchema number(String min, String max, String multipleOf) {
        return new NumberSchema(meta(), false, null, dec(min), false, dec(max), false, dec(multipleOf));
    }

    public Schema.BooleanSchema bool() {
        return new Schema.BooleanSchema(meta());
    }

    public Schema.AnySchema any() {
        return new Schema.AnySchema(meta());
    }

    public Schema.NullSchema nullType() {
        return new Schema.NullSchema(meta());
    }

    public ArraySchema array(Schema items) {
        return new ArraySchema(meta(), items, null, null, false);
    }

    public ArraySchema array(Schema items, Integer min, Integer max, boolean unique) {
        return new ArraySchema(meta(), items, min, max, unique);
    }

    public Schema.RefSchema ref(String name) {
        return new Schema.RefSchema(meta(), name);
    }

    public CompositeSchema allOf(Schema... parts) {
        return new CompositeSchema(meta(), Composition.ALL_OF, List.of(parts), null, null);
    }

    public CompositeSchema oneOf(Schema... parts) {
        return new CompositeSchema(meta(), Composition.ONE_OF, List.of(parts), null, null);
    }

    public CompositeSchema anyOf(Schema... parts) {
        return new CompositeSchema(meta(), Composition.ANY_OF, List.of(parts), null, null);
    }

    public CompositeSchema oneOf(String discriminator, Map<String, String> mapping, Schema... parts) {
        return new CompositeSchema(meta(), Composition.ONE_OF, List.of(parts),
                new Discriminator(discriminator, mapping), null);
    }

    // ---- meta modifiers: each returns a copy of the schema with changed meta

    public static <S extends Schema> S titled(S s, String title) {
        SchemaMeta m = s.meta();
        return with(s, new SchemaMeta(title, m.description(), m.nullable(), m.defaultValue(), m.constValue(),
                m.enumValues(), m.deprecated(), m.extensions(), m.location()));
    }

    public static <S extends Schema> S described(S s, String description) {
        SchemaMeta m = s.meta();
        return with(s, new SchemaMeta(m.title(), description, m.nullable(), m.defaultValue(), m.constValue(),
                m.enumValues(), m.deprecated(), m.extensions(), m.location()));
    }

    public static <S extends Schema> S nullable(S s) {
        SchemaMeta m = s.meta();
        return with(s, new SchemaMeta(m.title(), m.description(), true, m.defaultValue(), m.constValue(),
                m.enumValues(), m.deprecated(), m.extensions(), m.location()));
    }

    public static <S extends Schema> S defaulted(S s, Object value) {
        SchemaMeta m = s.meta();
        return with(s, new SchemaMeta(m.title(), m.description(), m.nullable(), literal(value), m.constValue(),
                m.enumValues(), m.deprecated(), m.extensions(), m.location()));
    }

    public static <S extends Schema> S constant(S s, Object value) {
        SchemaMeta m = s.meta();
        return with(s, new SchemaMeta(m.title(), m.description(), m.nullable(), m.defaultValue(), literal(value),
                m.enumValues(), m.deprecated(), m.extensions(), m.location()));
    }

    public static <S extends Schema> S enumOf(S s, Object... values) {
        SchemaMeta m = s.meta();
        List<Object> vs = new ArrayList<>();
        Arrays.stream(values).map(Schemas::literal).forEach(vs::add);
        return with(s, new SchemaMeta(m.title(), m.description(), m.nullable(), m.defaultValue(), m.constValue(),
                vs, m.deprecated(), m.extensions(), m.location()));
    }

    /** Numbers as the reader gives them: BigDecimal; {@code null} as {@link Schema.JsonNull}. */
    private static Object literal(Object v) {
        if (v == null) {
            return Schema.JsonNull.INSTANCE;
        }
        if (v instanceof Integer || v instanceof Long) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static <S extends Schema> S with(S s, SchemaMeta m) {
        Schema r;
        if (s instanceof ObjectSchema o) {
            r = new ObjectSchema(m, o.properties(), o.additionalProperties(), o.additionalPropertiesForbidden(),
                    o.minProperties(), o.maxProperties(), o.discriminator());
        } else if (s instanceof ArraySchema a) {
            r = new ArraySchema(m, a.items(), a.minItems(), a.maxItems(), a.uniqueItems());
        } else if (s instanceof StringSchema st) {
            r = new StringSchema(m, st.format(), st.minLength(), st.maxLength(), st.pattern(), st.contentEncoding());
        } else if (s instanceof NumberSchema n) {
            r = new NumberSchema(m, n.integer(), n.format(), n.minimum(), n.exclusiveMinimum(), n.maximum(),
                    n.exclusiveMaximum(), n.multipleOf());
        } else if (s instanceof Schema.BooleanSchema) {
            r = new Schema.BooleanSchema(m);
        } else if (s instanceof Schema.AnySchema) {
            r = new Schema.AnySchema(m);
        } else if (s instanceof Schema.NullSchema) {
            r = new Schema.NullSchema(m);
        } else if (s instanceof Schema.RefSchema ref) {
            r = new Schema.RefSchema(m, ref.name());
        } else {
            CompositeSchema c = (CompositeSchema) s;
            r = new CompositeSchema(m, c.kind(), c.parts(), c.discriminator(), c.base());
        }
        return (S) r;
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    // ---- messages and models

    public Message message(String name, Schema payload, Schema headers, Schema key) {
        return new Message(name, name, null, null, null, "application/json", payload, headers, key, null,
                here("/components/messages/" + name));
    }

    /** One channel {@code test} whose one send operation carries {@code messages}. */
    public AsyncApiModel model(Map<String, Schema> schemas, Message... messages) {
        Operation op = new Operation("sendTest", false, "subscribe", Direction.SEND, null, null, null, null,
                List.of(messages), null, null, here("/channels/test/subscribe"));
        Channel ch = new Channel("test", null, null, List.of(), null, null, Map.of(), List.of(op), null, null,
                here("/channels/test"));
        return new AsyncApiModel(file, "2.6.0", new Info("Test", "1.0.0", null, here("/info")), "application/json",
                List.of(), List.of(ch), new LinkedHashMap<>(schemas), Map.of(), Role.APPLICATION, List.of(file));
    }
}
