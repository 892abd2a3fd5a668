package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Java expressions for schema literals ({@code default}, {@code const}, {@code enum}) of a given Java type. */
final class Literals {

    private final Map<ClassName, TypeDecl.EnumDecl> enums;

    private Literals(Map<ClassName, TypeDecl.EnumDecl> enums) {
        this.enums = enums;
    }

    static Literals create(Map<ClassName, TypeDecl.EnumDecl> enums) {
        return new Literals(Map.copyOf(enums));
    }

    /** A generated enum: its values are checked by {@code fromValue} on read and by the type on write. */
    boolean isEnum(TypeName type) {
        return type instanceof ClassName c && enums.containsKey(c);
    }

    /** The expression, or {@code null} when the value does not fit the type (the caller reports it). */
    CodeBlock of(Object value, TypeName type) {
        TypeName t = type.isBoxedPrimitive() ? type.unbox() : type;
        try {
            if (t.equals(ScalarTypes.STRING) && value instanceof String s) {
                return CodeBlock.of("$S", s);
            } else if (t.equals(TypeName.INT) && value instanceof BigDecimal d) {
                return CodeBlock.of("$L", d.intValueExact());
            } else if (t.equals(TypeName.LONG) && value instanceof BigDecimal d) {
                return CodeBlock.of("$LL", d.longValueExact());
            } else if (t.equals(TypeName.DOUBLE) && value instanceof BigDecimal d) {
                return CodeBlock.of("$Ld", d.doubleValue());
            } else if (t.equals(ScalarTypes.BIG_DECIMAL) && value instanceof BigDecimal d) {
                return CodeBlock.of("new $T($S)", BigDecimal.class, d.toString());
            } else if (t.equals(ScalarTypes.BIG_INTEGER) && value instanceof BigDecimal d) {
                return CodeBlock.of("new $T($S)", java.math.BigInteger.class, d.toBigIntegerExact().toString());
            } else if (t.equals(TypeName.BOOLEAN) && value instanceof Boolean b) {
                return CodeBlock.of("$L", b);
            } else if (value instanceof String s && t instanceof ClassName c) {
                return textual(s, c);
            } else if (value instanceof List<?> l && l.isEmpty() && t instanceof ParameterizedTypeName p
                    && p.rawType().equals(ScalarTypes.LIST)) {
                return CodeBlock.of("$T.of()", List.class);
            }
        } catch (ArithmeticException notExact) {
            return null;
        }
        return null;
    }

    private CodeBlock textual(String s, ClassName c) {
        TypeDecl.EnumDecl e = enums.get(c);
        if (e != null) {
            int i = e.values().indexOf(s);
            return i < 0 ? null : CodeBlock.of("$T.$N", c, e.constants().get(i));
        }
        try {
            switch (c.canonicalName()) {
                case "java.util.UUID" -> {
                    java.util.UUID.fromString(s);
                    return CodeBlock.of("$T.fromString($S)", c, s);
                }
                case "java.time.OffsetDateTime" -> {
                    java.time.OffsetDateTime.parse(s);
                    return CodeBlock.of("$T.parse($S)", c, s);
                }
                case "java.time.LocalDate" -> {
                    java.time.LocalDate.parse(s);
                    return CodeBlock.of("$T.parse($S)", c, s);
                }
                case "java.net.URI" -> {
                    java.net.URI.create(s);
                    return CodeBlock.of("$T.create($S)", c, s);
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException invalid) {
            return null; // a literal that does not parse would fail at class initialisation
        }
    }
}
