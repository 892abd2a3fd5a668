package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.EnumDecl;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A string enum that keeps the wire values: {@code @JsonValue value()} writes them, {@code @JsonCreator fromValue}
 * reads them and rejects an unknown value with a message that lists the allowed ones.
 */
final class EnumGenerator {

    private EnumGenerator() {}

    static TypeSpec.Builder generate(EnumDecl d) {
        TypeSpec.Builder type = TypeSpec.enumBuilder(d.name()).addModifiers(Modifier.PUBLIC);
        String doc = Javadocs.of(d.meta());
        if (!doc.isEmpty()) {
            type.addJavadoc("$L", doc);
        }
        List<String> constants = d.constants();
        for (int i = 0; i < d.values().size(); i++) {
            type.addEnumConstant(constants.get(i), TypeSpec.anonymousClassBuilder("$S", d.values().get(i)).build());
        }
        type.addField(String.class, "value", Modifier.PRIVATE, Modifier.FINAL);
        type.addMethod(MethodSpec.constructorBuilder()
                .addParameter(String.class, "value")
                .addCode(Code.of("this.value = value;\n").block())
                .build());
        type.addMethod(MethodSpec.methodBuilder("value")
                .addJavadoc("$L", "The value on the wire.")
                .addAnnotation(EmitContext.jackson("JsonValue"))
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addCode(Code.of("return value;\n").block())
                .build());
        type.addMethod(MethodSpec.methodBuilder("fromValue")
                .addJavadoc("$L", "The constant for a wire value.\n\n@throws IllegalArgumentException for a value the "
                        + "contract does not list")
                .addAnnotation(EmitContext.jackson("JsonCreator"))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(d.name())
                .addParameter(String.class, "value")
                .addCode(fromValue(d))
                .build());
        type.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addCode(Code.of("return value;\n").block())
                .build());
        return type;
    }

    private static CodeBlock fromValue(EnumDecl d) {
        CodeBlock.Builder b = CodeBlock.builder();
        Code.open(b, "for ($T candidate : values())", d.name());
        Code.open(b, "if (candidate.value.equals(value))");
        Code.statement(b, "return candidate");
        Code.close(b);
        Code.close(b);
        Code.statement(b, "throw new $T($S + value + $S)", IllegalArgumentException.class,
                "unknown " + d.name().simpleName() + " value \"", "\"; expected one of " + d.values());
        return b.build();
    }
}
