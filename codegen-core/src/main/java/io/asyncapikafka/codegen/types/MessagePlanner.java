package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.codegen.types.TypeDecl.RecordKind;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.ArraySchema;
import io.asyncapikafka.model.Schema.CompositeSchema;
import io.asyncapikafka.model.Schema.Composition;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.Property;
import io.asyncapikafka.model.Schema.RefSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the payload, headers and key types of each message, in document order. Named schemas reachable from the
 * messages are reserved first so component keys win over inline names.
 */
final class MessagePlanner {

    private final AsyncApiModel model;
    private final TypePlanner types;
    private final Problems problems;
    private final Map<Object, ClassName> headersBySchema = new HashMap<>();

    private MessagePlanner(AsyncApiModel model, TypePlanner types, Problems problems) {
        this.model = model;
        this.types = types;
        this.problems = problems;
    }

    static MessagePlanner create(AsyncApiModel model, TypePlanner types, Problems problems) {
        return new MessagePlanner(model, types, problems);
    }

    ByValue<Message, MessageTypes> plan(List<Message> messages, ByValue.Keys<Message> keys) {
        types.reserveNamed(reachableNames(messages));
        ByValue<Message, MessageTypes> out = ByValue.create(keys);
        for (Message m : messages) {
            if (out.containsKey(m)) {
                continue;
            }
            String base = javaBase(m);
            TypeName payload = types.payloadType(base, m.payload(),
                    types.typeOf(m.payload(), List.of(base, base + "Payload"), false));
            TypeDecl.RecordDecl record = types.recordOf(payload);
            out.put(m, new MessageTypes(m.name(), payload, types.isValidatable(payload), headers(m), key(m),
                    record == null ? null : eventIdAccessor(record), record == null ? null : businessKeyAccessor(record)));
        }
        return out;
    }

    /**
     * The component marked {@code x-event-id: true}, else by convention a string component whose wire name is exactly
     * {@code eventId} (any format such as {@code uuid}; not base64 bytes, whose Java type has no useful text form).
     * Contracts in the wild rarely carry the extension but very often carry an {@code eventId} field. The accessor is
     * the component name the record plan allocated ({@code orderId2} when {@code order_id} took {@code orderId}), so
     * the Kafka API never derives it again.
     */
    private String eventIdAccessor(TypeDecl.RecordDecl record) {
        for (TypeDecl.Field f : record.fields()) {
            if (f.schema().meta().flag("x-event-id")) {
                return f.javaName();
            }
        }
        for (TypeDecl.Field f : record.fields()) {
            if (f.wireName().equals("eventId") && model.resolve(f.schema()) instanceof Schema.StringSchema s
                    && !"byte".equals(s.format()) && !"binary".equals(s.format()) && s.contentEncoding() == null) {
                return f.javaName();
            }
        }
        return null;
    }

    /** The first component marked {@code x-business-key: true}: the runtime holds one business key per message type. */
    private static String businessKeyAccessor(TypeDecl.RecordDecl record) {
        for (TypeDecl.Field f : record.fields()) {
            if (f.schema().meta().flag("x-business-key")) {
                return f.javaName();
            }
        }
        return null;
    }

    private ClassName headers(Message m) {
        if (m.headers() == null) {
            return null;
        }
        Schema resolved = model.resolve(m.headers());
        ObjectSchema shape = resolved instanceof CompositeSchema c && c.kind() == Composition.ALL_OF
                ? types.merger().merge(c)
                : resolved instanceof ObjectSchema o && !o.properties().isEmpty() ? o : null;
        if (shape == null) {
            problems.warn(Problems.HEADERS_NOT_OBJECT, "message headers are not an object with properties; "
                    + "no headers type is generated", "declare headers as type: object with properties",
                    m.headers().location());
            return null;
        }
        // A named headers schema (shared by several messages) gives one record named by its component key.
        Object cacheKey = m.headers() instanceof RefSchema r ? types.canonical(r.name()) : m.headers();
        ClassName cached = headersBySchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        // Headers that come from one message trait are named after it (commonHeaders → CommonHeaders), not after the
        // first message that uses it.
        List<String> names = new ArrayList<>();
        if (cacheKey instanceof String named) {
            names.add(named);
        }
        if (m.headersTrait() != null) {
            String t = Naming.className(m.headersTrait());
            names.add(t.endsWith("Headers") ? t : t + "Headers");
        }
        names.add(javaBase(m) + "Headers");
        ClassName cn = types.planRecord(types.allocate(names), shape, RecordKind.HEADERS);
        headersBySchema.put(cacheKey, cn);
        return cn;
    }

    /** The message's {@code x-java-name} when it is usable (the Kafka API reports it when not), else its name. */
    static String javaBase(Message m) {
        return Naming.chosenOr(m.javaName(), m.name());
    }

    /** String, UUID and integer keys use Kafka's own serializers; everything else is JSON. */
    private KeyType key(Message m) {
        if (m.key() == null) {
            return KeyType.none();
        }
        TypeName t = types.typeOf(m.key(), List.of(javaBase(m) + "Key"), true);
        types.checkKey(m.key(), t);
        KeyEncoding enc;
        if (t.equals(ScalarTypes.STRING)) {
            enc = KeyEncoding.STRING;
        } else if (t.equals(ScalarTypes.UUID)) {
            enc = KeyEncoding.UUID;
        } else if (t.equals(TypeName.INT.box())) {
            enc = KeyEncoding.INTEGER;
        } else if (t.equals(TypeName.LONG.box())) {
            enc = KeyEncoding.LONG;
        } else {
            enc = KeyEncoding.JSON;
        }
        return new KeyType(t.isPrimitive() ? t.box() : t, enc, types.isValidatable(t));
    }

    /** Named schemas reachable from the messages, in the order first met (headers: only their members). */
    private List<String> reachableNames(List<Message> messages) {
        Set<String> seen = new LinkedHashSet<>();
        for (Message m : messages) {
            walk(m.payload(), seen);
            if (m.headers() != null) {
                Schema h = model.resolve(m.headers());
                if (h instanceof ObjectSchema o) {
                    o.properties().forEach(p -> walk(p.schema(), seen));
                } else {
                    walk(h, seen);
                }
            }
            if (m.key() != null) {
                walk(m.key(), seen);
            }
        }
        return new ArrayList<>(seen);
    }

    private void walk(Schema s, Set<String> seen) {
        if (s == null) {
            return;
        }
        if (s instanceof RefSchema r) {
            if (seen.add(r.name())) {
                walk(model.schemas().get(r.name()), seen);
                // a discriminated base is generated with all its subtypes
                types.subtypesOf(r.name()).forEach(sub -> walk(new RefSchema(r.meta(), sub), seen));
            }
        } else if (s instanceof ObjectSchema o) {
            for (Property p : o.properties()) {
                walk(p.schema(), seen);
            }
            walk(o.additionalProperties(), seen);
        } else if (s instanceof ArraySchema a) {
            walk(a.items(), seen);
        } else if (s instanceof CompositeSchema c) {
            c.parts().forEach(p -> walk(p, seen));
            walk(c.base(), seen);
        }
    }
}
