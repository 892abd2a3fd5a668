package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
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
        MethodSpec ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
                .addAnnotation(creator)
                .addParameter(ParameterSpec.builder(d.valueType(), "value").build())
                .addCode(Code.of("$T.requireNonNull(value, $S);\n", Objects.class, "value").block())
                .build();
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
        return type;
    }
}
