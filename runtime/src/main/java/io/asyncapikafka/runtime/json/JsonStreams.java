package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the generated streaming codecs ({@link JsonCodec}, {@link Streamed}) are built from: one codec per scalar and
 * container, reading with the same strict rules as {@link Json#mapper()} (the readers are shared with it, so a
 * mismatch is the same {@link ContractViolationException}) and writing the same text; and the refusals a record
 * decoder raises where databind raises its own (a missing member, a member repeated after all were read, a
 * constructor check). Not for hand-written code: its shape follows the generator.
 */
public final class JsonStreams {

    public static final JsonCodec<String> STRING = of(StrictScalars.STRING, JsonGenerator::writeString);
    public static final JsonCodec<Boolean> BOOLEAN = of(StrictScalars.BOOLEAN, JsonGenerator::writeBoolean);
    public static final JsonCodec<Integer> INT32 = of(StrictScalars.INT32, JsonGenerator::writeNumber);
    public static final JsonCodec<Long> INT64 = of(StrictScalars.INT64, JsonGenerator::writeNumber);
    public static final JsonCodec<BigInteger> BIG_INTEGER = of(StrictScalars.BIG_INTEGER, JsonGenerator::writeNumber);
    public static final JsonCodec<BigDecimal> DECIMAL = of(StrictScalars.DECIMAL, JsonGenerator::writeNumber);
    public static final JsonCodec<Double> DOUBLE = of(StrictScalars.DOUBLE, JsonGenerator::writeNumber);
    public static final JsonCodec<byte[]> BINARY = of(StrictScalars.BINARY, JsonGenerator::writeBinary);
    public static final JsonCodec<LocalDate> DATE = of(StrictScalars.DATE, (g, v) -> g.writeString(v.toString()));
    public static final JsonCodec<UUID> UUID = of(StrictScalars.UUID_, (g, v) -> g.writeString(v.toString()));
    public static final JsonCodec<URI> URI = of(StrictScalars.URI_, (g, v) -> g.writeString(v.toString()));
    public static final JsonCodec<OffsetDateTime> DATE_TIME = new JsonCodec<>() {
        @Override
        public void write(JsonGenerator g, OffsetDateTime value) throws IOException {
            IsoOffsetDateTimes.write(g, value);
        }

        @Override
        public OffsetDateTime read(JsonParser p) throws IOException {
            return IsoOffsetDateTimes.read(p);
        }
    };

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonStreams() {}

    // Direct readers for members (a generated member read calls one of these, not a codec through an interface, so
    // each call site stays monomorphic). The common token is read here; anything else goes to the mapper's reader,
    // which accepts what it accepts and refuses the rest with its own violation.

    /** An {@code int} member: a JSON null is refused as the mapper refuses it for a primitive. */
    public static int readInt(JsonParser p) throws IOException {
        if (p.hasToken(JsonToken.VALUE_NUMBER_INT) && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        return StrictScalars.INT32.read(p);
    }

    public static long readLong(JsonParser p) throws IOException {
        if (p.hasToken(JsonToken.VALUE_NUMBER_INT) && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        return StrictScalars.INT64.read(p);
    }

    public static String readString(JsonParser p) throws IOException {
        return p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : StrictScalars.STRING.read(p);
    }

    public static BigDecimal readDecimal(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null || !t.isNumeric()) {
            return StrictScalars.DECIMAL.read(p);
        }
        BigDecimal plain = plainDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return plain != null ? plain : p.getDecimalValue();
    }

    /**
     * A JSON number without exponent and of at most 18 digits ({@code -12.50}) as {@code new BigDecimal(text)} makes
     * it (same unscaled value, same scale), from the parser's characters without the text round trip; {@code null}
     * for any other form, which goes the parser's way.
     */
    static BigDecimal plainDecimal(char[] c, int off, int len) {
        if (c == null || len == 0) {
            return null;
        }
        int i = off;
        int end = off + len;
        boolean negative = c[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1; // digits after the point, -1 before it
        for (; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (++digits > 18) {
                    return null;
                }
                unscaled = unscaled * 10 + (ch - '0');
                if (scale >= 0) {
                    scale++;
                }
            } else if (ch == '.' && scale < 0) {
                scale = 0;
            } else {
                return null; // an exponent, or anything the parser knows better
            }
        }
        if (digits == 0 || scale == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    public static BigInteger readBigInteger(JsonParser p) throws IOException {
        return StrictScalars.BIG_INTEGER.read(p);
    }

    public static byte[] readBinary(JsonParser p) throws IOException {
        return StrictScalars.BINARY.read(p);
    }

    public static LocalDate readDate(JsonParser p) throws IOException {
        return StrictScalars.DATE.read(p);
    }

    public static UUID readUuid(JsonParser p) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING) && p.getTextLength() == 36) {
            UUID id = canonicalUuid(p.getTextCharacters(), p.getTextOffset());
            if (id != null) {
                return id;
            }
        }
        return StrictScalars.UUID_.read(p);
    }

    /**
     * The 36 characters at {@code off} as {@code UUID.fromString} reads the form {@link Formats#isUuid} accepts
     * (8-4-4-4-12 hexadecimal digits), without making a String first; {@code null} if they are not of that form.
     */
    static UUID canonicalUuid(char[] c, int off) {
        if (c[off + 8] != '-' || c[off + 13] != '-' || c[off + 18] != '-' || c[off + 23] != '-') {
            return null;
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 36; i++) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                continue;
            }
            char ch = c[off + i];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (d < 0) {
                return null;
            }
            if (i < 18) {
                msb = msb << 4 | d;
            } else {
                lsb = lsb << 4 | d;
            }
        }
        return new UUID(msb, lsb);
    }

    public static URI readUri(JsonParser p) throws IOException {
        return StrictScalars.URI_.read(p);
    }

    public static OffsetDateTime readDateTime(JsonParser p) throws IOException {
        return IsoOffsetDateTimes.read(p);
    }

    /** Writes a date-time as the mapper does. */
    public static void writeDateTime(JsonGenerator g, OffsetDateTime value) throws IOException {
        IsoOffsetDateTimes.write(g, value);
    }

    public static boolean readBoolean(JsonParser p) throws IOException {
        return StrictScalars.BOOLEAN.read(p);
    }

    public static double readDouble(JsonParser p) throws IOException {
        return StrictScalars.DOUBLE.read(p);
    }

    /** The value at the parser, {@code null} for a JSON null. */
    public static <T> T read(JsonParser p, JsonCodec<T> codec) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : codec.read(p);
    }

    /** Writes the value, a JSON null for {@code null}. */
    public static <T> void write(JsonGenerator g, JsonCodec<T> codec, T value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            codec.write(g, value);
        }
    }

    /** A generated string enum, read by its wire value ({@code fromValue}) and written as {@code value()}. */
    public static <E extends Enum<E>> JsonCodec<E> enumeration(Class<E> type, Function<String, E> fromValue,
            Function<E, String> value) {
        Objects.requireNonNull(type, "type");
        return new JsonCodec<>() {
            @Override
            public void write(JsonGenerator g, E v) throws IOException {
                g.writeString(value.apply(v));
            }

            @Override
            public E read(JsonParser p) throws IOException {
                return readEnum(p, type, fromValue);
            }
        };
    }

    /** An enum member: a string the contract lists; another string is undecodable, as databind's creator call. */
    public static <E> E readEnum(JsonParser p, Class<E> type, Function<String, E> fromValue) throws IOException {
        String text = StrictScalars.STRING.read(p);
        try {
            return fromValue.apply(text);
        } catch (IllegalArgumentException e) {
            throw new JsonMappingException(p, "Cannot construct instance of `" + type.getName() + "`, problem: "
                    + e.getMessage(), e);
        }
    }

    /** A JSON array as an {@link ArrayList} (items may be {@code null}; the record's constructor decides). */
    public static <E> JsonCodec<List<E>> list(JsonCodec<E> items) {
        return new JsonCodec<>() {
            @Override
            public void write(JsonGenerator g, List<E> value) throws IOException {
                g.writeStartArray();
                for (E e : value) {
                    JsonStreams.write(g, items, e);
                }
                g.writeEndArray();
            }

            @Override
            public List<E> read(JsonParser p) throws IOException {
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw unexpected(p, List.class);
                }
                List<E> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(JsonStreams.read(p, items));
                }
                return out;
            }
        };
    }

    /** A JSON object as a {@link LinkedHashMap} in document order (a repeated key keeps its place, the last value). */
    public static <V> JsonCodec<Map<String, V>> map(JsonCodec<V> values) {
        return new JsonCodec<>() {
            @Override
            public void write(JsonGenerator g, Map<String, V> value) throws IOException {
                g.writeStartObject();
                for (Map.Entry<String, V> e : value.entrySet()) {
                    g.writeFieldName(e.getKey());
                    JsonStreams.write(g, values, e.getValue());
                }
                g.writeEndObject();
            }

            @Override
            public Map<String, V> read(JsonParser p) throws IOException {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw unexpected(p, Map.class);
                }
                Map<String, V> out = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    out.put(name, JsonStreams.read(p, values));
                }
                return out;
            }
        };
    }

    /** A value of {@code type} cannot start with the current token (databind's "Cannot deserialize ..."). */
    public static JsonMappingException unexpected(JsonParser p, Class<?> type) {
        return MismatchedInputException.from(p, type, "Cannot deserialize value of type `" + type.getName()
                + "` from " + p.currentToken());
    }

    /**
     * The next token of an object, tried first as the member {@code names[expected]}: writers put the members in their
     * declared order, so a generated reader expects the one after the member it read last, and Jackson then compares
     * the input's bytes with that name's encoded form instead of decoding and looking the name up. Whatever the input
     * holds, the parser ends on the same token as {@link JsonParser#nextToken()} would, with the same
     * {@code currentName()}: a name that does not match (another member, an escaped spelling, a name past the last
     * expected one) is read the ordinary way.
     */
    public static JsonToken nextMember(JsonParser p, SerializableString[] names, int expected) throws IOException {
        if (expected < names.length) {
            return p.nextFieldName(names[expected]) ? JsonToken.FIELD_NAME : p.currentToken();
        }
        return p.nextToken();
    }

    /**
     * A member read again after every member of the record had been read: databind has already built the record
     * then and refuses it ("No fallback setter/field defined for creator property").
     */
    public static JsonMappingException repeated(JsonParser p, Class<?> type, String member) {
        return MismatchedInputException.from(p, type, "No fallback setter/field defined for creator property '"
                + member + "' of `" + type.getName() + "`");
    }

    /** A required primitive member is absent: the violation databind's "Missing required creator property" becomes. */
    public static ContractViolationException missing(Class<?> type, JsonStreamContext object, String member) {
        return new ContractViolationException("received " + type.getSimpleName(),
                List.of(new Violation(memberPath(object, member), "is required but missing")));
    }

    /**
     * The record's constructor refused the members: a {@code requireNonNull(member, "<wire name>")} is the missing
     * member's contract violation (as the consumer names it for databind); anything else cannot be decoded.
     */
    public static JsonMappingException constructorFailed(JsonParser p, Class<?> type, JsonStreamContext object,
            RuntimeException e) {
        if (e instanceof NullPointerException npe && npe.getMessage() != null) {
            StackTraceElement[] trace = npe.getStackTrace();
            if (trace.length > 0 && trace[0].getClassName().equals("java.util.Objects")
                    && trace[0].getMethodName().startsWith("requireNonNull")) {
                ContractViolationException v = new ContractViolationException("received " + type.getSimpleName(),
                        List.of(new Violation(memberPath(object, npe.getMessage()), "is required but missing or null")));
                return new JsonMappingException(p, v.getMessage(), v);
            }
        }
        return new JsonMappingException(p, "Cannot construct instance of `" + type.getName() + "`, problem: "
                + e.getMessage(), e);
    }

    /**
     * The path of {@code member} of the object whose context is {@code object}, spelled as the consumer spells
     * databind's reference chain for a missing member (including its rule that a chain already ending in the
     * member's name is not extended).
     */
    private static String memberPath(JsonStreamContext object, String member) {
        List<String> parts = new ArrayList<>();
        String last = null;
        boolean first = true;
        for (JsonStreamContext c = object.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(name(c.getCurrentName()));
                if (first) {
                    last = c.getCurrentName();
                }
            }
            first = false;
        }
        StringBuilder path = new StringBuilder("$");
        for (int i = parts.size() - 1; i >= 0; i--) {
            path.append(parts.get(i));
        }
        return member.equals(last) ? path.toString() : path.append(name(member)).toString();
    }

    private static String name(String n) {
        return PLAIN_NAME.matcher(n).matches() ? "." + n : "['" + n.replace("'", "\\'") + "']";
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(JsonGenerator g, T value) throws IOException;
    }

    private static <T> JsonCodec<T> of(StrictScalars.Scalar<T> reader, Writer<T> writer) {
        return new JsonCodec<>() {
            @Override
            public void write(JsonGenerator g, T value) throws IOException {
                writer.write(g, value);
            }

            @Override
            public T read(JsonParser p) throws IOException {
                return reader.read(p);
            }
        };
    }
}
