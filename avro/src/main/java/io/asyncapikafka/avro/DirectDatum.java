package io.asyncapikafka.avro;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.asyncapikafka.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;

/**
 * The direct path between a generated record and Avro binary: the record class and the contract's schema are walked
 * once into a plan of steps, one per schema node, that write the record's members straight through Avro's
 * {@link Encoder} and read them straight back from a {@link Decoder}; a writer schema other than the reader's is read
 * through Avro's own {@link ResolvingDecoder} (defaults, skipped fields, promotions, enum and union resolution are
 * Avro's). No JSON tree and no generic datum in between. The mapping is the one {@link AvroJson} implements for the
 * JSON-tree path, with the same refusals (a decimal with more places than its scale, a fixed of the wrong size, a null
 * where the schema has no null branch and the field no default); {@code DirectDatumTest} checks both paths give the
 * same bytes and values.
 *
 * <p>{@link #of} gives no plan for a type/schema pair it does not know (a member type the reader never generates for
 * Avro, a schema field no record component carries); the codec then keeps the JSON-tree path.
 *
 * @param <V> the generated record type
 */
final class DirectDatum<V> {

    private final Class<V> type;
    private final Schema schema;
    private final Step root;

    private DirectDatum(Class<V> type, Schema schema, Step root) {
        this.type = type;
        this.schema = schema;
        this.root = root;
    }

    /** The plan for {@code type} written with {@code schema}, or empty when some member has no direct mapping. */
    static <V> Optional<DirectDatum<V>> of(Class<V> type, Schema schema) {
        try {
            return Optional.of(new DirectDatum<>(type, schema, new Planner().step(schema, type)));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Avro's datum writer for the contract's schema, writing the record's members directly. */
    DatumWriter<V> writer() {
        return new DatumWriter<>() {
            @Override
            public void setSchema(Schema s) {}

            @Override
            public void write(V datum, Encoder out) throws IOException {
                root.write(datum, out);
            }
        };
    }

    /** A datum reader of records written with {@code writer}, resolved to the contract's schema by Avro. */
    DatumReader<V> reader(Schema writer) {
        return new Reader(writer);
    }

    private final class Reader implements DatumReader<V> {
        private final Schema writer;
        private final boolean same;
        // a ResolvingDecoder holds parser state: one per thread, as Avro's GenericDatumReader keeps them
        private final ThreadLocal<ResolvingDecoder> resolvers = new ThreadLocal<>();

        Reader(Schema writer) {
            this.writer = writer;
            this.same = writer.equals(schema);
        }

        @Override
        public void setSchema(Schema s) {}

        @Override
        public V read(V reuse, Decoder in) throws IOException {
            if (same) {
                return type.cast(root.read(in));
            }
            ResolvingDecoder r = resolvers.get();
            if (r == null) {
                r = DecoderFactory.get().resolvingDecoder(writer, schema, in);
                resolvers.set(r);
            } else {
                r.configure(in);
            }
            Object v = root.read(r);
            r.drain();
            return type.cast(v);
        }
    }

    // ---- the plan ----

    /** Writes one schema node's value and reads it back. */
    private interface Step {
        void write(Object value, Encoder out) throws IOException;

        Object read(Decoder in) throws IOException;
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Planner {
        private final Map<String, RecordStep> records = new HashMap<>();

        Step step(Schema s, Type javaType) {
            Class<?> raw = raw(javaType);
            LogicalType logical = s.getLogicalType();
            switch (s.getType()) {
                case RECORD:
                    return record(s, raw);
                case UNION:
                    return union(s, javaType);
                case ENUM:
                    return enumStep(s, raw);
                case ARRAY:
                    require(raw == List.class);
                    return array(s, step(s.getElementType(), typeArgument(javaType, 0)));
                case MAP:
                    require(raw == Map.class && typeArgument(javaType, 0) == String.class);
                    return map(s, step(s.getValueType(), typeArgument(javaType, 1)));
                case STRING:
                    if (raw == UUID.class && logical != null && "uuid".equals(logical.getName())) {
                        return uuid(s);
                    }
                    require(raw == String.class);
                    return string(s);
                case BYTES:
                case FIXED:
                    if (logical instanceof LogicalTypes.Decimal d) {
                        require(raw == BigDecimal.class);
                        return decimal(s, d.getScale());
                    }
                    require(raw == byte[].class);
                    return bytes(s);
                case INT:
                    if (logical instanceof LogicalTypes.Date) {
                        require(raw == LocalDate.class);
                        return date(s);
                    }
                    require(raw == int.class || raw == Integer.class);
                    return intStep(s);
                case LONG:
                    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
                        require(raw == OffsetDateTime.class);
                        return timestamp(s, logical instanceof LogicalTypes.TimestampMicros);
                    }
                    require(raw == long.class || raw == Long.class);
                    return longStep(s);
                case FLOAT:
                case DOUBLE:
                    require(raw == BigDecimal.class || raw == double.class || raw == Double.class);
                    return floating(s, raw == BigDecimal.class);
                case BOOLEAN:
                    require(raw == boolean.class || raw == Boolean.class);
                    return bool(s);
                default:
                    throw new Unsupported();
            }
        }

        private Step record(Schema s, Class<?> raw) {
            require(raw.isRecord());
            String key = s.getFullName() + "\n" + raw.getName();
            RecordStep known = records.get(key);
            if (known != null) {
                return known; // a recursive type: the step is being built further up
            }
            RecordStep r = new RecordStep(s);
            records.put(key, r);
            RecordComponent[] comps = raw.getRecordComponents();
            List<Schema.Field> fields = s.getFields();
            require(comps.length == fields.size());
            Map<String, Integer> byWire = new HashMap<>();
            for (int i = 0; i < comps.length; i++) {
                byWire.put(wireName(raw, comps[i]), i);
            }
            int n = fields.size();
            r.getters = new MethodHandle[n];
            r.component = new int[n];
            r.steps = new Step[n];
            r.defaults = new byte[n][];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (Schema.Field f : fields) {
                    Integer c = byWire.get(f.name());
                    require(c != null);
                    int p = f.pos();
                    r.component[p] = c;
                    r.getters[p] = lookup.unreflect(comps[c].getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                    r.steps[p] = step(f.schema(), comps[c].getGenericType());
                    r.defaults[p] = f.hasDefaultValue() ? encodedDefault(f) : null;
                }
                Class<?>[] params = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
                Constructor<?> ctor = raw.getDeclaredConstructor(params);
                r.constructor = lookup.unreflectConstructor(ctor).asSpreader(Object[].class, n)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new Unsupported(); // not public: the JSON-tree path reaches it through Jackson
            }
            r.arity = n;
            return r;
        }

        private Step union(Schema s, Type javaType) {
            List<Schema> branches = s.getTypes();
            int nullIndex = -1;
            int valueIndex = -1;
            for (int i = 0; i < branches.size(); i++) {
                if (branches.get(i).getType() == Schema.Type.NULL) {
                    nullIndex = i;
                } else {
                    require(valueIndex < 0);
                    valueIndex = i;
                }
            }
            require(valueIndex >= 0);
            return new UnionStep(s, nullIndex, valueIndex, step(branches.get(valueIndex), javaType));
        }

        private static Step enumStep(Schema s, Class<?> raw) {
            require(raw.isEnum());
            Object[] constants = raw.getEnumConstants();
            int[] symbolOf = new int[constants.length];
            Object[] constantOf = new Object[s.getEnumSymbols().size()];
            for (int i = 0; i < constants.length; i++) {
                // the wire value as the runtime's mapper writes it (@JsonValue)
                String wire = Json.mapper().valueToTree(constants[i]).asText();
                symbolOf[i] = s.hasEnumSymbol(wire) ? s.getEnumOrdinal(wire) : -1;
                if (symbolOf[i] >= 0) {
                    constantOf[symbolOf[i]] = constants[i];
                }
            }
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    int symbol = v == null ? -1 : symbolOf[((Enum<?>) v).ordinal()];
                    if (symbol < 0) {
                        throw mismatch(v, s);
                    }
                    out.writeEnum(symbol);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    int symbol = in.readEnum();
                    Object c = symbol >= 0 && symbol < constantOf.length ? constantOf[symbol] : null;
                    if (c == null) {
                        throw new AvroTypeException("enum symbol " + symbol + " of " + s.getFullName()
                                + " has no constant in " + raw.getName());
                    }
                    return c;
                }
            };
        }

        private static Step array(Schema s, Step item) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof List<?> list)) {
                        throw mismatch(v, s);
                    }
                    out.writeArrayStart();
                    out.setItemCount(list.size());
                    for (Object o : list) {
                        out.startItem();
                        item.write(o, out);
                    }
                    out.writeArrayEnd();
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    List<Object> list = new ArrayList<>();
                    for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
                        for (long i = 0; i < n; i++) {
                            list.add(item.read(in));
                        }
                    }
                    return list;
                }
            };
        }

        private static Step map(Schema s, Step value) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof Map<?, ?> map)) {
                        throw mismatch(v, s);
                    }
                    out.writeMapStart();
                    out.setItemCount(map.size());
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        out.startItem();
                        out.writeString((String) e.getKey());
                        value.write(e.getValue(), out);
                    }
                    out.writeMapEnd();
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                        for (long i = 0; i < n; i++) {
                            String k = in.readString();
                            map.put(k, value.read(in));
                        }
                    }
                    return map;
                }
            };
        }

        private static Step string(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof String text)) {
                        throw mismatch(v, s);
                    }
                    out.writeString(text);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return in.readString();
                }
            };
        }

        private static Step uuid(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof UUID u)) {
                        throw mismatch(v, s);
                    }
                    out.writeString(u.toString());
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return uuidOf(in.readString());
                }
            };
        }

        private static Step bytes(Schema s) {
            boolean fixed = s.getType() == Schema.Type.FIXED;
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof byte[] b)) {
                        throw mismatch(v, s);
                    }
                    if (fixed) {
                        if (b.length != s.getFixedSize()) {
                            throw new AvroTypeException("fixed " + s.getFullName() + " needs " + s.getFixedSize()
                                    + " bytes, got " + b.length);
                        }
                        out.writeFixed(b);
                    } else {
                        out.writeBytes(b);
                    }
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return fixed ? readFixed(in, s) : readBytes(in);
                }
            };
        }

        private static Step decimal(Schema s, int scale) {
            boolean fixed = s.getType() == Schema.Type.FIXED;
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof BigDecimal d)) {
                        throw mismatch(v, s);
                    }
                    if (d.scale() > scale) {
                        throw new AvroTypeException(d + " has more than the " + scale + " decimal places of " + s);
                    }
                    byte[] b = d.setScale(scale).unscaledValue().toByteArray();
                    if (!fixed) {
                        out.writeBytes(b);
                        return;
                    }
                    int size = s.getFixedSize();
                    if (b.length > size) {
                        throw new AvroTypeException("fixed " + s.getFullName() + " needs " + size + " bytes, got "
                                + b.length);
                    }
                    if (b.length < size) {
                        byte[] wide = new byte[size];
                        Arrays.fill(wide, 0, size - b.length, b.length > 0 && b[0] < 0 ? (byte) 0xFF : 0);
                        System.arraycopy(b, 0, wide, size - b.length, b.length);
                        b = wide;
                    }
                    out.writeFixed(b);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    byte[] b = fixed ? readFixed(in, s) : readBytes(in);
                    return new BigDecimal(new BigInteger(b), scale);
                }
            };
        }

        private static Step date(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof LocalDate d)) {
                        throw mismatch(v, s);
                    }
                    out.writeInt(Math.toIntExact(d.toEpochDay()));
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return LocalDate.ofEpochDay(in.readInt());
                }
            };
        }

        private static Step timestamp(Schema s, boolean micros) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof OffsetDateTime t)) {
                        throw mismatch(v, s);
                    }
                    Instant i = t.toInstant();
                    out.writeLong(micros ? ChronoUnit.MICROS.between(Instant.EPOCH, i) : i.toEpochMilli());
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    long l = in.readLong();
                    Instant i = micros ? Instant.EPOCH.plus(l, ChronoUnit.MICROS) : Instant.ofEpochMilli(l);
                    return i.atOffset(ZoneOffset.UTC);
                }
            };
        }

        private static Step intStep(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof Integer i)) {
                        throw mismatch(v, s);
                    }
                    out.writeInt(i);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return in.readInt();
                }
            };
        }

        private static Step longStep(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof Long l)) {
                        throw mismatch(v, s);
                    }
                    out.writeLong(l);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return in.readLong();
                }
            };
        }

        /** Avro float/double as the Java BigDecimal (default) or double the reader chose. */
        private static Step floating(Schema s, boolean decimal) {
            boolean single = s.getType() == Schema.Type.FLOAT;
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof Number n) || !(v instanceof BigDecimal || v instanceof Double)) {
                        throw mismatch(v, s);
                    }
                    if (single) {
                        out.writeFloat(n.floatValue());
                    } else {
                        out.writeDouble(n.doubleValue());
                    }
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    // a float widens to double first, as Jackson reads a float node into either type
                    double d = single ? in.readFloat() : in.readDouble();
                    return decimal ? BigDecimal.valueOf(d) : d;
                }
            };
        }

        private static Step bool(Schema s) {
            return new Step() {
                @Override
                public void write(Object v, Encoder out) throws IOException {
                    if (!(v instanceof Boolean b)) {
                        throw mismatch(v, s);
                    }
                    out.writeBoolean(b);
                }

                @Override
                public Object read(Decoder in) throws IOException {
                    return in.readBoolean();
                }
            };
        }
    }

    /** A record: members in the schema's field order when writing, in the resolver's order when reading. */
    private static final class RecordStep implements Step {
        private final Schema schema;
        // by Avro field position: the record component's accessor, its index in the constructor, its step and the
        // field default's encoding (written for a null member, as the JSON-tree path puts the default there)
        MethodHandle[] getters;
        int[] component;
        Step[] steps;
        byte[][] defaults;
        MethodHandle constructor;
        int arity;

        RecordStep(Schema schema) {
            this.schema = schema;
        }

        @Override
        public void write(Object v, Encoder out) throws IOException {
            if (v == null) {
                throw mismatch(null, schema);
            }
            for (int i = 0; i < steps.length; i++) {
                Object member;
                try {
                    member = (Object) getters[i].invokeExact(v);
                } catch (Throwable t) {
                    throw rethrow(t);
                }
                if (member == null && defaults[i] != null) {
                    out.writeFixed(defaults[i]);
                } else {
                    steps[i].write(member, out);
                }
            }
        }

        @Override
        public Object read(Decoder in) throws IOException {
            Object[] args = new Object[arity];
            if (in instanceof ResolvingDecoder r) {
                for (Schema.Field f : r.readFieldOrder()) {
                    args[component[f.pos()]] = steps[f.pos()].read(in);
                }
            } else {
                for (int i = 0; i < steps.length; i++) {
                    args[component[i]] = steps[i].read(in);
                }
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable t) {
                throw new AvroTypeException("cannot build " + schema.getFullName() + " from its Avro record: " + t,
                        t);
            }
        }
    }

    /** {@code [null, T]}, {@code [T, null]} or {@code [T]}. */
    private static final class UnionStep implements Step {
        private final Schema schema;
        private final int nullIndex;
        private final int valueIndex;
        private final Step value;

        UnionStep(Schema schema, int nullIndex, int valueIndex, Step value) {
            this.schema = schema;
            this.nullIndex = nullIndex;
            this.valueIndex = valueIndex;
            this.value = value;
        }

        @Override
        public void write(Object v, Encoder out) throws IOException {
            if (v == null) {
                if (nullIndex < 0) {
                    throw mismatch(null, schema);
                }
                out.writeIndex(nullIndex);
            } else {
                out.writeIndex(valueIndex);
                value.write(v, out);
            }
        }

        @Override
        public Object read(Decoder in) throws IOException {
            int i = in.readIndex();
            if (i == valueIndex) {
                return value.read(in);
            }
            if (i == nullIndex) {
                in.readNull();
                return null;
            }
            throw new AvroTypeException("union index " + i + " out of " + schema);
        }
    }

    // ---- helpers ----

    private static void require(boolean condition) {
        if (!condition) {
            throw new Unsupported();
        }
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        throw new Unsupported();
    }

    private static Type typeArgument(Type t, int i) {
        require(t instanceof ParameterizedType);
        return ((ParameterizedType) t).getActualTypeArguments()[i];
    }

    /** The member's JSON name (a generated record renames with {@code @JsonProperty}); the Avro field it carries. */
    private static String wireName(Class<?> raw, RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p == null) {
            try {
                p = raw.getDeclaredField(c.getName()).getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                p = null;
            }
        }
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }

    private static byte[] encodedDefault(Schema.Field f) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Encoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<>(f.schema()).write(GenericData.get().getDefaultValue(f), enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new Unsupported();
        }
    }

    private static byte[] readBytes(Decoder in) throws IOException {
        ByteBuffer b = in.readBytes(null);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] readFixed(Decoder in, Schema s) throws IOException {
        byte[] b = new byte[s.getFixedSize()];
        in.readFixed(b);
        return b;
    }

    /** A UUID in its canonical 36-character form only (as Jackson reads one), not {@code UUID.fromString}'s looser one. */
    private static UUID uuidOf(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            throw new AvroTypeException("not a UUID: \"" + text + "\"");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new AvroTypeException("not a UUID: \"" + text + "\"");
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new AvroTypeException(t.toString(), t);
    }

    private static AvroTypeException mismatch(Object v, Schema schema) {
        return new AvroTypeException((v == null ? "null" : "Java " + v.getClass().getSimpleName())
                + " is not a datum of Avro schema " + schema);
    }
}
