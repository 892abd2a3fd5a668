package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.UnionDecl;
import io.asyncapikafka.codegen.types.TypeDecl.Variant;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A {@code oneOf}/{@code anyOf} as a sealed interface. With a discriminator Jackson reads the type id from that
 * property ({@code EXISTING_PROPERTY} when the variants declare it, else {@code PROPERTY}); without one it deduces the
 * variant from the members present. No Java class names ever go on the wire.
 */
final class UnionGenerator {

    private UnionGenerator() {}

    static TypeSpec.Builder generate(UnionDecl d) {
        ClassName typeInfo = EmitContext.jackson("JsonTypeInfo");
        TypeSpec.Builder type = TypeSpec.interfaceBuilder(d.name())
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addSuperinterface(EmitContext.VALIDATABLE);
        String doc = Javadocs.of(d.meta());
        if (!doc.isEmpty()) {
            type.addJavadoc("$L", doc);
        }
        AnnotationSpec.Builder info = AnnotationSpec.builder(typeInfo);
        if (d.discriminator() == null) {
            info.addMember("use", "$T.Id.DEDUCTION", typeInfo);
        } else {
            info.addMember("use", "$T.Id.NAME", typeInfo)
                    .addMember("include", "$T.As.$L", typeInfo, d.existingProperty() ? "EXISTING_PROPERTY" : "PROPERTY")
                    .addMember("property", "$S", d.discriminator());
            if (d.existingProperty()) {
                info.addMember("visible", "true"); // the variants' own property receives the type id
            }
        }
        type.addAnnotation(info.build());
        List<CodeBlock> subTypes = new ArrayList<>();
        ClassName subType = EmitContext.jackson("JsonSubTypes").nestedClass("Type");
        for (Variant v : d.variants()) {
            subTypes.add(v.typeId() == null
                    ? CodeBlock.of("@$T($T.class)", subType, v.type())
                    : CodeBlock.of("@$T(value = $T.class, name = $S)", subType, v.type(), v.typeId()));
            type.addPermittedSubclass(v.type());
        }
        type.addAnnotation(AnnotationSpec.builder(EmitContext.jackson("JsonSubTypes"))
                .addMember("value", "{\n$L\n}", CodeBlock.join(subTypes, ",\n")).build());
        return type;
    }
}
