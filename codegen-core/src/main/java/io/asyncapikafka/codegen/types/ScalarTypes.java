package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.codegen.NumberType;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.BooleanSchema;
import io.asyncapikafka.model.Schema.NumberSchema;
import io.asyncapikafka.model.Schema.StringSchema;
import java.math.BigDecimal;
import java.util.List;

/** Java types for JSON scalars, as DESIGN.md maps them. */
final class ScalarTypes {

    static final ClassName JSON_NODE = ClassName.get("com.fasterxml.jackson.databind", "JsonNode");
    static final ClassName BIG_DECIMAL = ClassName.get(BigDecimal.class);
    static final ClassName BIG_INTEGER = ClassName.get(java.math.BigInteger.class);
    static final ClassName STRING = ClassName.get(String.class);
    // ClassName.get(Class) inspects the class reflectively on every call; these are used per field.
    static final ClassName UUID = ClassName.get(java.util.UUID.class);
    static final ClassName LIST = ClassName.get(java.util.List.class);
    static final ClassName MAP = ClassName.get(java.util.Map.class);

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ScalarTypes() {}

    /**
     * {@code int32} → int, {@code int64} → long; without a format the type holds every value the bounds allow: both
     * bounds inside the int range → int, inside the long range → long, no bound at all or a bound beyond long →
     * {@link java.math.BigInteger} (JSON Schema puts no limit on integers). One bound only (inside long) → long, which
     * narrows the open side to ±2^63: {@link #narrowed} says so, and the planner warns (AKG014).
     */
    static TypeName integer(NumberSchema s, boolean boxed) {
        boolean isInt;
        if ("int32".equals(s.format())) {
            isInt = true;
        } else if ("int64".equals(s.format())) {
            isInt = false;
        } else if (s.minimum() == null && s.maximum() == null || !within(s.minimum(), LONG_MIN, LONG_MAX)
                || !within(s.maximum(), LONG_MIN, LONG_MAX)) {
            return BIG_INTEGER;
        } else {
            isInt = s.minimum() != null && s.maximum() != null
                    && s.minimum().compareTo(INT_MIN) >= 0 && s.maximum().compareTo(INT_MAX) <= 0;
        }
        TypeName t = isInt ? TypeName.INT : TypeName.LONG;
        return boxed ? t.box() : t;
    }

    /**
     * An integer without format and with one bound only, typed {@code long}: values beyond ±2^63 on the open side are
     * valid by the schema but refused.
     */
    static boolean narrowed(NumberSchema s) {
        return s.integer() && s.format() == null && (s.minimum() == null) != (s.maximum() == null)
                && integer(s, false).equals(TypeName.LONG);
    }

    private static boolean within(BigDecimal bound, BigDecimal min, BigDecimal max) {
        return bound == null || bound.compareTo(min) >= 0 && bound.compareTo(max) <= 0;
    }

    static TypeName number(NumberSchema s, NumberType numberType, boolean boxed) {
        if (s.integer()) {
            return integer(s, boxed);
        }
        if (numberType == NumberType.DOUBLE) {
            return boxed ? TypeName.DOUBLE.box() : TypeName.DOUBLE;
        }
        return BIG_DECIMAL;
    }

    static TypeName bool(BooleanSchema s, boolean boxed) {
        return boxed ? TypeName.BOOLEAN.box() : TypeName.BOOLEAN;
    }

    /** Formats with a better Java type than String; unknown formats stay String (they are annotations). */
    static TypeName string(StringSchema s) {
        if ("base64".equalsIgnoreCase(s.contentEncoding())) {
            return ArrayTypeName.of(TypeName.BYTE);
        }
        String f = s.format() == null ? "" : s.format();
        return switch (f) {
            case "date-time" -> ClassName.get("java.time", "OffsetDateTime");
            case "date" -> ClassName.get("java.time", "LocalDate");
            case "uuid" -> ClassName.get("java.util", "UUID");
            case "uri" -> ClassName.get("java.net", "URI");
            case "byte" -> ArrayTypeName.of(TypeName.BYTE);
            default -> STRING;
        };
    }

    /** True when the Java type is still {@code String}, so string constraints (length, pattern) can be checked. */
    static boolean isPlainString(TypeName t) {
        return STRING.equals(t);
    }

    /** A string enum becomes a Java enum; numeric or mixed enums stay plain types with a generated check. */
    static boolean stringEnum(Schema s) {
        List<Object> values = s.meta().enumValues();
        boolean strings = !values.isEmpty() && values.stream()
                .allMatch(v -> v instanceof String || v == Schema.JsonNull.INSTANCE)
                && values.stream().anyMatch(String.class::isInstance);
        if (s instanceof StringSchema st && strings) {
            return isPlainString(string(st));
        }
        return strings && s instanceof Schema.AnySchema;
    }
}
