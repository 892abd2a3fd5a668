package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.ValueDecl;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * A payload that is no record: {@code record Note(String value)}, read and written as the bare JSON value
 * ({@code "abc"}, {@code 42}, {@code [...]}), and checked by the runtime against the {@code ContractSchema} the
 * generator puts on it, before sending and after receiving.
 */
final class ValueGenerator {

    private ValueGenerator() {}

    static TypeSpec.Builder generate(ValueDecl d) {
        AnnotationSpec creator = AnnotationSpec.builder(EmitContext.jackson("JsonCreator"))
                .addMember("mode", "$T.Mode.DELEGATING", EmitContext.jackson("JsonCreator")).build();
        String exact = exactConversion(d.valueType());
        MethodSpec.Builder ctorBuilder = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(ParameterSpec.builder(d.valueType(), "value").build());
        if (!d.valueType().isPrimitive()) {
            ctorBuilder.addCode(Code.of("$T.requireNonNull(value, $S);\n", Objects.class, "value").block());
        }
        if (exact == null) {
            ctorBuilder.addAnnotation(creator);
        }
        MethodSpec ctor = ctorBuilder.build();
        String doc = Javadocs.of(d.meta());
        String what = "The payload of message {@code " + Javadocs.escape(d.message()) + "}: one JSON value, checked"
                + " against the contract's schema by the runtime when sent and when received.";
        TypeSpec.Builder type = TypeSpec.recordBuilder(d.name())
                .addModifiers(Modifier.PUBLIC)
                .recordConstructor(ctor)
                .addJavadoc("$L", doc.isEmpty() ? what : doc + "\n\n<p>" + what)
                .addMethod(MethodSpec.methodBuilder("value").addModifiers(Modifier.PUBLIC)
                        .addAnnotation(EmitContext.jackson("JsonValue"))
                        .returns(d.valueType())
                        .addCode(Code.of("return value;\n").block()).build())
                .addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("$L", "The payload holding {@code value}.")
                        .addParameter(d.valueType(), "value")
                        .returns(d.name())
                        .addCode(Code.of("return new $T(value);\n", d.name()).block()).build());
        if (exact != null) {
            // Jackson would take a one-long constructor for integers only: 1.0 and 1e2 are integers too (the schema
            // check has refused any fraction before this runs)
            type.addMethod(MethodSpec.methodBuilder("fromJson").addModifiers(Modifier.STATIC)
                    .addAnnotation(creator)
                    .addParameter(ScalarTypes.BIG_DECIMAL, "json")
                    .returns(d.name())
                    .addCode(Code.of("return new $T(json.$L());\n", d.name(), exact).block()).build());
        }
        return type;
    }

    /** The exact BigDecimal conversion to an integer value type, or {@code null} for other types. */
    private static String exactConversion(TypeName t) {
        TypeName u = t.isBoxedPrimitive() ? t.unbox() : t;
        if (u.equals(TypeName.INT)) {
            return "intValueExact";
        } else if (u.equals(TypeName.LONG)) {
            return "longValueExact";
        }
        return ScalarTypes.BIG_INTEGER.equals(t) ? "toBigIntegerExact" : null;
    }
}
