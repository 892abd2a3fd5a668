package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.ArraySchema;
import io.asyncapikafka.model.Schema.NumberSchema;
import io.asyncapikafka.model.Schema.ObjectSchema;
import io.asyncapikafka.model.Schema.StringSchema;
import io.asyncapikafka.runtime.json.SchemaPattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code validate(String path, List<Violation> out)} for a record: every schema constraint of every member
 * becomes a check that adds a {@link io.asyncapikafka.runtime.Violation} with the member's JSON path, e.g.
 * {@code $.items[2].qty}. Nested generated values validate themselves, with paths relative to them that the caller
 * prefixes only when they found a violation (so a valid value builds no path string). Patterns and decimal bounds are built once, as
 * static fields, and a string's length is counted once per check, not once per comparison and message.
 */
final class ValidationGenerator {

    private static final ClassName SCHEMA_PATTERN = ClassName.get("io.asyncapikafka.runtime.json", "SchemaPattern");
    private static final ClassName UNIQUE_ITEMS = ClassName.get("io.asyncapikafka.runtime.json", "UniqueItems");

    private final EmitContext ctx;
    private final List<FieldSpec> constants = new ArrayList<>();
    private final Set<String> constantNames = new HashSet<>();

    private ValidationGenerator(EmitContext ctx) {
        this.ctx = ctx;
    }

    /** The static fields (compiled patterns, decimal bounds) and the {@code validate} method for {@code decl}. */
    static Result generate(EmitContext ctx, RecordDecl decl) {
        ValidationGenerator g = new ValidationGenerator(ctx);
        CodeBlock.Builder body = CodeBlock.builder();
        for (Field f : decl.fields()) {
            g.value(body, f.schema(), f.type(), "this." + f.javaName(), Code.of("path + $S", "." + f.wireName()),
                    0, f.javaName());
        }
        MethodSpec validate = MethodSpec.methodBuilder("validate")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "path")
                .addParameter(ParameterizedTypeName.get(ScalarTypes.LIST, EmitContext.VIOLATION), "out")
                .addCode(body.build())
                .build();
        return new Result(List.copyOf(g.constants), validate);
    }

    record Result(List<FieldSpec> fields, MethodSpec method) {}

    private void value(CodeBlock.Builder out, Schema schema, TypeName type, String expr, Code path, int depth,
            String member) {
        CodeBlock.Builder b = CodeBlock.builder();
        Schema s = ctx.model().resolve(schema);
        if (ctx.isValidatable(type)) {
            // the nested value reports paths relative to itself; its own path is built only when it found something
            // (the concatenation per list item was most of a valid record's validation cost)
            String mark = member + "Mark";
            Code.statement(b, "int $L = out.size()", mark);
            Code.statement(b, "$L.validate(\"\", out)", expr);
            Code.open(b, "if (out.size() > $L)", mark);
            Code.statement(b, "$T.prefix(out, $L, $L)", EmitContext.VIOLATION, mark, path);
            Code.close(b);
        } else if (s instanceof StringSchema str && ScalarTypes.isPlainString(type)) {
            string(b, str, expr, path, member);
        } else if (s instanceof NumberSchema n) {
            number(b, n, type, expr, path, member);
        } else if (s instanceof ArraySchema a && type instanceof ParameterizedTypeName p) {
            array(b, a, p.typeArguments().get(0), expr, path, depth, member);
        } else if (s instanceof ObjectSchema o && o.isMap() && type instanceof ParameterizedTypeName p) {
            map(b, o, p.typeArguments().get(1), expr, path, depth, member);
        }
        literals(b, schema.meta().constValue() != null ? schema.meta() : s.meta(), type, expr, path);
        CodeBlock checks = b.build();
        if (checks.isEmpty()) {
            return;
        }
        if (type.isPrimitive()) {
            out.add(checks);
        } else {
            Code.open(out, "if ($L != null)", expr);
            out.add(checks);
            Code.close(out);
        }
    }

    private void string(CodeBlock.Builder b, StringSchema s, String v, Code path, String member) {
        // Named after the member (a Java name; items and map values get a suffix), so checks in nested blocks never
        // declare the same local twice.
        String len = member + "Length";
        if (s.minLength() != null || s.maxLength() != null) {
            Code.statement(b, "int $L = $L.codePointCount(0, $L.length())", len, v, v);
        }
        if (s.minLength() != null) {
            violation(b, Code.of("$L < $L", len, s.minLength()), path,
                    Code.of("$S + $L", "length must be >= " + s.minLength() + " but was ", len));
        }
        if (s.maxLength() != null) {
            violation(b, Code.of("$L > $L", len, s.maxLength()), path,
                    Code.of("$S + $L", "length must be <= " + s.maxLength() + " but was ", len));
        }
        if (s.pattern() != null) {
            try {
                SchemaPattern.compile(s.pattern());
            } catch (PatternSyntaxException e) {
                ctx.problems().warn(Problems.PATTERN_NOT_JAVA, "pattern is not a valid Java regular expression: "
                        + e.getDescription(), "rewrite the pattern in the common ECMA/Java subset", s.location());
                return;
            }
            String name = constant(SCHEMA_PATTERN, member, "PATTERN",
                    Code.of("$T.compile($S)", SCHEMA_PATTERN, s.pattern()).block());
            violation(b, Code.of("!$N.find($L)", name, v), path,
                    Code.of("$S", "must match pattern " + s.pattern()));
        }
    }

    private void number(CodeBlock.Builder b, NumberSchema n, TypeName type, String v, Code path,
            String member) {
        bound(b, n.minimum(), n.exclusiveMinimum() ? "<=" : "<", n.exclusiveMinimum() ? ">" : ">=", type, v, path,
                member, "MINIMUM");
        bound(b, n.maximum(), n.exclusiveMaximum() ? ">=" : ">", n.exclusiveMaximum() ? "<" : "<=", type, v, path,
                member, "MAXIMUM");
        if (n.multipleOf() != null && n.multipleOf().signum() > 0) {
            Code asDecimal = isBigDecimal(type) ? Code.of("$L", v)
                    : isBigInteger(type) ? Code.of("new $T($L)", BigDecimal.class, v)
                    : Code.of("$T.valueOf($L)", BigDecimal.class, v);
            String step = constant(BigDecimal.class, member, "MULTIPLE_OF",
                    Code.of("new $T($S)", BigDecimal.class, n.multipleOf().toString()).block());
            violation(b, Code.of("$L.remainder($N).signum() != 0", asDecimal, step), path,
                    Code.of("$S + $L", "must be a multiple of " + n.multipleOf() + " but was ", v));
        }
    }

    /** {@code broken} is the operator that detects a violation, {@code wanted} the one in the message. */
    private void bound(CodeBlock.Builder b, BigDecimal limit, String broken, String wanted, TypeName type, String v,
            Code path, String member, String kind) {
        if (limit == null) {
            return;
        }
        Code test;
        if (isBigDecimal(type)) {
            String name = constant(BigDecimal.class, member, kind,
                    Code.of("new $T($S)", BigDecimal.class, limit.toString()).block());
            test = Code.of("$L.compareTo($N) $L 0", v, name, broken);
        } else if (isBigInteger(type)) {
            String name = constant(BigDecimal.class, member, kind,
                    Code.of("new $T($S)", BigDecimal.class, limit.toString()).block());
            test = Code.of("new $T($L).compareTo($N) $L 0", BigDecimal.class, v, name, broken);
        } else if (isIntegral(type) && limit.stripTrailingZeros().scale() <= 0 && fitsLong(limit)) {
            test = Code.of("$L $L $LL", v, broken, limit.longValueExact());
        } else {
            test = Code.of("$L $L $Ld", v, broken, limit.doubleValue());
        }
        violation(b, test, path, Code.of("$S + $L", "must be " + wanted + " " + limit.toPlainString()
                + " but was ", v));
    }

    private void array(CodeBlock.Builder b, ArraySchema a, TypeName item, String v, Code path, int depth,
            String member) {
        if (a.minItems() != null) {
            violation(b, Code.of("$L.size() < $L", v, a.minItems()), path, Code.of("$S + $L.size()",
                    "must have at least " + a.minItems() + " items but had ", v));
        }
        if (a.maxItems() != null) {
            violation(b, Code.of("$L.size() > $L", v, a.maxItems()), path, Code.of("$S + $L.size()",
                    "must have at most " + a.maxItems() + " items but had ", v));
        }
        if (a.uniqueItems()) {
            // as JSON values: 1.0 and 1 are the same number
            violation(b, Code.of("!$T.unique($L)", UNIQUE_ITEMS, v), path,
                    Code.of("$S", "must not contain duplicate items"));
        }
        String i = "i" + depth;
        String e = "e" + depth;
        CodeBlock.Builder each = CodeBlock.builder();
        value(each, a.items(), item, e, Code.of("$L + \"[\" + $L + \"]\"", path, i), depth + 1, member + "Item");
        CodeBlock eachCode = each.build();
        if (!eachCode.isEmpty()) {
            Code.open(b, "for (int $L = 0; $L < $L.size(); $L++)", i, i, v, i);
            Code.statement(b, "$T $L = $L.get($L)", item, e, v, i);
            b.add(eachCode);
            Code.close(b);
        }
    }

    private void map(CodeBlock.Builder b, ObjectSchema o, TypeName value, String v, Code path, int depth,
            String member) {
        if (o.minProperties() != null) {
            violation(b, Code.of("$L.size() < $L", v, o.minProperties()), path, Code.of("$S + $L.size()",
                    "must have at least " + o.minProperties() + " members but had ", v));
        }
        if (o.maxProperties() != null) {
            violation(b, Code.of("$L.size() > $L", v, o.maxProperties()), path, Code.of("$S + $L.size()",
                    "must have at most " + o.maxProperties() + " members but had ", v));
        }
        String e = "entry" + depth;
        CodeBlock.Builder each = CodeBlock.builder();
        value(each, o.additionalProperties(), value, e + ".getValue()",
                Code.of("$L + \".\" + $L.getKey()", path, e), depth + 1, member + "Value");
        CodeBlock eachCode = each.build();
        if (!eachCode.isEmpty()) {
            TypeName entry = ParameterizedTypeName.get(ClassName.get(Map.Entry.class), ScalarTypes.STRING, value);
            Code.open(b, "for ($T $L : $L.entrySet())", entry, e, v);
            b.add(eachCode);
            Code.close(b);
        }
    }

    /** {@code const} and non-string {@code enum} (string enums are Java enums, checked by deserialization). */
    private void literals(CodeBlock.Builder b, Schema.SchemaMeta meta, TypeName type, String v, Code path) {
        if (meta.constValue() != null && meta.constValue() != Schema.JsonNull.INSTANCE) {
            CodeBlock lit = ctx.literals().of(meta.constValue(), type);
            if (lit == null) {
                ctx.problems().warn(Problems.LITERAL_NOT_CONVERTIBLE, "const value " + meta.constValue()
                        + " does not fit the Java type " + type, "make the const match the schema's type",
                        meta.location());
            } else {
                violation(b, differs(lit, type, v), path, Code.of("$S + $L", "must be " + meta.constValue()
                        + " but was ", v));
            }
        }
        if (meta.hasEnum() && !ctx.literals().isEnum(type)) {
            List<Code> tests = new ArrayList<>();
            for (Object value : meta.enumValues()) {
                CodeBlock lit = value == Schema.JsonNull.INSTANCE ? null : ctx.literals().of(value, type);
                if (lit == null && value != Schema.JsonNull.INSTANCE) {
                    ctx.problems().warn(Problems.ENUM_NOT_STRING, "enum value " + value + " does not fit the Java "
                            + "type " + type + "; no enum check is generated", "use values of the schema's type",
                            meta.location());
                    return;
                }
                if (lit != null) {
                    tests.add(differs(lit, type, v));
                }
            }
            violation(b, Code.join(tests, " && "), path, Code.of("$S + $L", "must be one of "
                    + meta.enumValues() + " but was ", v));
        }
    }

    private static Code differs(CodeBlock lit, TypeName type, String v) {
        if (type.isPrimitive() || type.isBoxedPrimitive()) {
            return Code.of("$L != $L", v, lit); // boxed: only reached inside the null check
        }
        if (isBigDecimal(type) || isBigInteger(type)) {
            return Code.of("$L.compareTo($L) != 0", v, lit);
        }
        return Code.of("!$L.equals($L)", lit, v);
    }

    /** A {@code private static final} field named after the member and its role, unique within the record. */
    private String constant(Class<?> type, String member, String role, CodeBlock initializer) {
        return constant(ClassName.get(type), member, role, initializer);
    }

    private String constant(TypeName type, String member, String role, CodeBlock initializer) {
        String base = Naming.constantName(member) + "_" + role;
        String name = base;
        for (int i = 2; !constantNames.add(name); i++) {
            name = base + i;
        }
        constants.add(FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(initializer).build());
        return name;
    }

    private static void violation(CodeBlock.Builder b, Code test, Code path, Code message) {
        Code.open(b, "if ($L)", test);
        Code.statement(b, "out.add(new $T($L, $L))", EmitContext.VIOLATION, path, message);
        Code.close(b);
    }

    private static boolean isBigDecimal(TypeName t) {
        return ScalarTypes.BIG_DECIMAL.equals(t);
    }

    private static boolean isBigInteger(TypeName t) {
        return ScalarTypes.BIG_INTEGER.equals(t);
    }

    private static boolean isIntegral(TypeName t) {
        TypeName u = t.isBoxedPrimitive() ? t.unbox() : t;
        return u.equals(TypeName.INT) || u.equals(TypeName.LONG);
    }

    private static boolean fitsLong(BigDecimal d) {
        return d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
