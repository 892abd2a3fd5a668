package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Value semantics for the two component types a record does not give them to: {@code byte[]} (records compare arrays
 * by identity, print {@code [B@1b6d3586} and hand out the array itself) and {@code JsonNode} (a mutable tree). Both are
 * copied in the compact constructor and in their accessor, so a record stays immutable; a record with a {@code byte[]}
 * component also gets {@code equals}/{@code hashCode} by content and a {@code toString} that prints the array's length
 * (a binary value can be large or secret; it does not belong in a log line). Other components keep the record's own
 * rules. Only direct components: bytes or trees inside lists and maps are not copied.
 */
final class ValueMethods {

    static final TypeName BYTES = ArrayTypeName.of(TypeName.BYTE);

    private ValueMethods() {}

    /** The copy of a {@code byte[]} or {@code JsonNode} component in the compact constructor. */
    static void copyIn(MethodSpec.Builder ctor, Field f) {
        Code copy = copyOf(f);
        if (copy != null) {
            Code.statement(ctor, "$N = $L", f.javaName(), copy);
        }
    }

    /** Accessors that copy out, and content-based {@code equals}/{@code hashCode}/{@code toString} when needed. */
    static void addTo(TypeSpec.Builder type, RecordDecl d) {
        for (Field f : d.fields()) {
            Code copy = copyOf(f);
            if (copy != null) {
                type.addMethod(MethodSpec.methodBuilder(f.javaName())
                        .addJavadoc("$L", "A copy: the record keeps its own.")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(f.type())
                        .addCode(Code.of("return $L;\n", copy).block())
                        .build());
            }
        }
        if (d.fields().stream().noneMatch(f -> BYTES.equals(f.type()))) {
            return;
        }
        type.addMethod(equalsMethod(d));
        type.addMethod(hashCodeMethod(d));
        type.addMethod(toStringMethod(d));
    }

    private static Code copyOf(Field f) {
        String n = f.javaName();
        if (BYTES.equals(f.type())) {
            return Code.of("$N == null ? null : $N.clone()", n, n);
        }
        if (ScalarTypes.JSON_NODE.equals(f.type())) {
            return Code.of("$N == null ? null : $N.deepCopy()", n, n);
        }
        return null;
    }

    private static MethodSpec equalsMethod(RecordDecl d) {
        // this.x: a component named o or other must not be confused with the parameter or the pattern variable
        List<Code> parts = new ArrayList<>();
        parts.add(Code.of("o instanceof $T other", d.name()));
        for (Field f : d.fields()) {
            String n = f.javaName();
            TypeName t = f.type();
            if (BYTES.equals(t)) {
                parts.add(Code.of("$T.equals(this.$N, other.$N)", Arrays.class, n, n));
            } else if (t.equals(TypeName.DOUBLE)) {
                parts.add(Code.of("$T.compare(this.$N, other.$N) == 0", Double.class, n, n)); // as records: NaN == NaN
            } else if (t.equals(TypeName.FLOAT)) {
                parts.add(Code.of("$T.compare(this.$N, other.$N) == 0", Float.class, n, n));
            } else if (t.isPrimitive()) {
                parts.add(Code.of("this.$N == other.$N", n, n));
            } else {
                parts.add(Code.of("$T.equals(this.$N, other.$N)", Objects.class, n, n));
            }
        }
        return MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.BOOLEAN)
                .addParameter(Object.class, "o")
                .addCode("$[$L$]", Code.of("return o == this || $L;\n", Code.join(parts, "\n&& ")).block())
                .build();
    }

    private static MethodSpec hashCodeMethod(RecordDecl d) {
        List<Code> parts = new ArrayList<>();
        for (Field f : d.fields()) {
            parts.add(BYTES.equals(f.type())
                    ? Code.of("$T.hashCode($N)", Arrays.class, f.javaName())
                    : Code.of("$N", f.javaName()));
        }
        return MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.INT)
                .addCode("$[$L$]", Code.of("return $T.hash(\n$L);\n", Objects.class, Code.join(parts, ",\n")).block())
                .build();
    }

    /** The record's own format ({@code Name[a=1, b=2]}), bytes as {@code byte[16]}. */
    private static MethodSpec toStringMethod(RecordDecl d) {
        List<Code> parts = new ArrayList<>();
        String sep = "[";
        for (Field f : d.fields()) {
            String n = f.javaName();
            Code value = BYTES.equals(f.type())
                    ? Code.of("($N == null ? \"null\" : \"byte[\" + $N.length + \"]\")", n, n)
                    : Code.of("$N", n);
            parts.add(Code.of("$S + $L", sep + n + "=", value));
            sep = ", ";
        }
        return MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addCode("$[$L$]", Code.of("return $S\n+ $L\n+ $S;\n", d.name().simpleName(),
                        Code.join(parts, "\n+ "), "]").block())
                .build();
    }
}
