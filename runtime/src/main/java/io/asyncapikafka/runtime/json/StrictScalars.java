package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Scalars read as JSON Schema types them, without Jackson's coercions: a string is only a JSON string, a number only
 * a JSON number, a boolean only {@code true}/{@code false}; an integer is any number with a zero fraction ({@code 1.0}
 * and {@code 1e2} are integers, {@code 1.9} is not); {@code null} is refused where a primitive is required; formats are
 * checked exactly ({@link Formats}). A mismatch is a {@link ContractViolationException} naming the JSON path, the
 * expected and the actual type.
 */
final class StrictScalars {

    // One reader per scalar, shared by the mapper (module) and the generated streaming codecs (JsonStreams).
    static final Scalar<String> STRING = new Scalar<>("string", false, (p, t) -> t == JsonToken.VALUE_STRING
            ? p.getText() : null);
    static final Scalar<Boolean> BOOLEAN = new Scalar<>("boolean", false, (p, t) -> t == JsonToken.VALUE_TRUE
            ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null);
    static final Scalar<Integer> INT32 = new Scalar<>("integer (int32)", false, (p, t) -> {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue(); // the common case, without a BigInteger
        }
        BigInteger i = integral(p, t);
        return i != null && i.bitLength() < 32 ? i.intValue() : null;
    });
    static final Scalar<Long> INT64 = new Scalar<>("integer (int64)", false, (p, t) -> {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        BigInteger i = integral(p, t);
        return i != null && i.bitLength() < 64 ? i.longValue() : null;
    });
    static final Scalar<BigInteger> BIG_INTEGER = new Scalar<>("integer", false, StrictScalars::integral);
    static final Scalar<BigDecimal> DECIMAL = new Scalar<>("number", false, (p, t) -> t.isNumeric()
            ? p.getDecimalValue() : null);
    static final Scalar<Double> DOUBLE = new Scalar<>("number", false, (p, t) -> t.isNumeric()
            ? p.getDoubleValue() : null);
    // base64 text only (Jackson would also take an array of numbers)
    static final Scalar<byte[]> BINARY = new Scalar<>("string (base64)", false,
            (p, t) -> t == JsonToken.VALUE_STRING ? p.getBinaryValue() : null);
    static final Scalar<LocalDate> DATE = new Scalar<>("string (date)", false,
            (p, t) -> t == JsonToken.VALUE_STRING && Formats.isDate(p.getText()) ? LocalDate.parse(p.getText())
                    : null);
    static final Scalar<UUID> UUID_ = new Scalar<>("string (uuid)", false,
            (p, t) -> t == JsonToken.VALUE_STRING && Formats.isUuid(p.getText()) ? UUID.fromString(p.getText())
                    : null);
    static final Scalar<URI> URI_ = new Scalar<>("string (uri)", false,
            (p, t) -> t == JsonToken.VALUE_STRING && Formats.isUri(p.getText()) ? URI.create(p.getText())
                    : null);

    private StrictScalars() {}

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("asyncapi-kafka-strict-scalars");
        m.addDeserializer(String.class, STRING);
        m.addDeserializer(Boolean.class, BOOLEAN);
        m.addDeserializer(boolean.class, BOOLEAN.primitive(Boolean.FALSE));
        m.addDeserializer(Integer.class, INT32);
        m.addDeserializer(int.class, INT32.primitive(0));
        m.addDeserializer(Long.class, INT64);
        m.addDeserializer(long.class, INT64.primitive(0L));
        m.addDeserializer(BigInteger.class, BIG_INTEGER);
        m.addDeserializer(BigDecimal.class, DECIMAL);
        m.addDeserializer(Double.class, DOUBLE);
        m.addDeserializer(double.class, DOUBLE.primitive(0d));
        m.addDeserializer(byte[].class, BINARY);
        m.addDeserializer(LocalDate.class, DATE);
        m.addDeserializer(UUID.class, UUID_);
        m.addDeserializer(URI.class, URI_);
        // a string enum's creator would take the text of any scalar: 1 for the value "1", true for "true"
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new StringEnum(deserializer);
            }
        });
        return m;
    }

    /** An enum read only from a JSON string; any other JSON type is the contract violation of a string. */
    private static final class StringEnum extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        StringEnum(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegatee) {
            return new StringEnum(delegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw mismatch(p, "string");
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** The exact integer value of a JSON number with a zero fraction, else {@code null}. */
    static BigInteger integral(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal d = p.getDecimalValue();
            if (d.signum() == 0) {
                return BigInteger.ZERO;
            }
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() <= 0 && s.precision() - s.scale() < 400 ? s.toBigIntegerExact() : null;
        }
        return null;
    }

    /** A mismatch at the parser's position. */
    static ContractViolationException mismatch(JsonParser p, String expected) throws IOException {
        JsonToken t = p.currentToken();
        String actual = describe(p, t);
        return new ContractViolationException("received value", List.of(new Violation(ContractSchemas.pathOf(p),
                "expected " + expected + " but was " + actual)));
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case VALUE_STRING -> "string " + JsonValues.quote(p.getText());
            case VALUE_NUMBER_INT -> "integer " + p.getText();
            case VALUE_NUMBER_FLOAT -> (integral(p, t) != null ? "integer " : "number ") + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getText();
            case VALUE_NULL -> "null";
            case START_ARRAY -> "array";
            case START_OBJECT, FIELD_NAME -> "object";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    @FunctionalInterface
    interface Read<T> {
        /** The value, or {@code null} when the token does not have the expected type. */
        T read(JsonParser p, JsonToken t) throws IOException;
    }

    /** One scalar type; primitive copies refuse {@code null}. */
    static final class Scalar<T> extends JsonDeserializer<T> {
        private final String expected;
        private final boolean primitive;
        private final Read<T> read;
        private final T zero;

        Scalar(String expected, boolean primitive, Read<T> read) {
            this(expected, primitive, read, null);
        }

        private Scalar(String expected, boolean primitive, Read<T> read, T zero) {
            this.expected = expected;
            this.primitive = primitive;
            this.read = read;
            this.zero = zero;
        }

        Scalar<T> primitive(T zeroValue) {
            return new Scalar<>(expected, true, read, zeroValue);
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(p);
        }

        /** The value of the current token, or the mismatch (a {@code null} token included). */
        T read(JsonParser p) throws IOException {
            T value = read.read(p, p.currentToken());
            if (value == null) {
                throw mismatch(p, expected);
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true; // stateless: containers of it can be cached too
        }

        @Override
        public T getNullValue(DeserializationContext ctxt) {
            if (primitive) {
                JsonParser p = ctxt.getParser();
                try {
                    throw p == null ? new ContractViolationException("received value",
                            List.of(new Violation("$", "expected " + expected + " but was null"))) : mismatch(p,
                            expected);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return null;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return primitive ? zero : null; // a required primitive is @JsonProperty(required = true): Jackson reports it
        }
    }
}
