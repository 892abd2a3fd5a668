package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.model.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * A headers record: a payload record plus conversion to and from Kafka headers. Header values are UTF-8 text: string
 * values (and dates, UUIDs, enums) as the string itself, other values as their JSON text ({@code 42}, {@code true}).
 */
final class HeadersGenerator {

    private static final ClassName HEADERS = ClassName.get("org.apache.kafka.common.header", "Headers");
    private static final ClassName HEADER = ClassName.get("org.apache.kafka.common.header", "Header");
    private static final ClassName RECORD_HEADERS =
            ClassName.get("org.apache.kafka.common.header.internals", "RecordHeaders");
    private static final ClassName JSON_NODE = ScalarTypes.JSON_NODE;
    private static final ClassName TEXT_NODE = ClassName.get("com.fasterxml.jackson.databind.node", "TextNode");
    private static final ClassName JAVA_TYPE = ClassName.get("com.fasterxml.jackson.databind", "JavaType");
    private static final ClassName TYPE_REFERENCE = ClassName.get("com.fasterxml.jackson.core.type", "TypeReference");
    private static final ClassName JSON_EXCEPTION =
            ClassName.get("com.fasterxml.jackson.core", "JsonProcessingException");

    private final EmitContext ctx;

    private HeadersGenerator(EmitContext ctx) {
        this.ctx = ctx;
    }

    static HeadersGenerator create(EmitContext ctx) {
        return new HeadersGenerator(ctx);
    }

    /** Adds {@code toKafkaHeaders}, {@code writeTo} and {@code fromKafkaHeaders} to the record {@code type}. */
    void addConversion(TypeSpec.Builder type, RecordDecl d) {
        type.addMethod(MethodSpec.methodBuilder("toKafkaHeaders")
                .addJavadoc("$L", "These headers as new Kafka headers.")
                .addModifiers(Modifier.PUBLIC)
                .returns(HEADERS)
                .addStatement("$T headers = new $T()", HEADERS, RECORD_HEADERS)
                .addStatement("writeTo(headers)")
                .addStatement("return headers")
                .build());
        MethodSpec.Builder write = MethodSpec.methodBuilder("writeTo")
                .addJavadoc("$L", "Sets each present header on {@code headers}, replacing earlier values of the same name.")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(HEADERS, "headers");
        List<CodeBlock> args = new ArrayList<>();
        for (Field f : d.fields()) {
            CodeBlock put = CodeBlock.builder()
                    .addStatement("headers.remove($S)", f.wireName())
                    .addStatement("headers.add($S, headerBytes(this.$N))", f.wireName(), f.javaName())
                    .build();
            if (f.type().isPrimitive()) {
                write.addCode(put);
            } else {
                write.beginControlFlow("if (this.$N != null)", f.javaName()).addCode(put).endControlFlow();
            }
            CodeBlock read = CodeBlock.of("headerValue(headers, $S, $L, $L)", f.wireName(), javaType(f.type()),
                    textual(f.schema()));
            args.add(f.type().isPrimitive()
                    ? CodeBlock.of("$T.requireNonNull($L, $S)", Objects.class, read, f.wireName())
                    : read);
        }
        type.addMethod(write.build());
        type.addMethod(MethodSpec.methodBuilder("fromKafkaHeaders")
                .addJavadoc("$L", "Reads the headers this message declares from {@code headers}; other headers are "
                        + "ignored.\n\n@throws IllegalArgumentException when a header value does not parse\n"
                        + "@throws NullPointerException when a required header is missing")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(d.name())
                .addParameter(HEADERS, "headers")
                .addStatement("return new $T($L)", d.name(), CodeBlock.join(args, ", "))
                .build());
        type.addMethod(encode());
        type.addMethod(decode());
    }

    private MethodSpec encode() {
        return MethodSpec.methodBuilder("headerBytes")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(byte[].class)
                .addParameter(Object.class, "value")
                .addStatement("$T node = $T.mapper().valueToTree(value)", JSON_NODE, EmitContext.JSON)
                .addStatement("$T text = node.isTextual() ? node.textValue() : node.toString()", String.class)
                .addStatement("return text.getBytes($T.UTF_8)", StandardCharsets.class)
                .build();
    }

    private MethodSpec decode() {
        TypeVariableName t = TypeVariableName.get("T");
        return MethodSpec.methodBuilder("headerValue")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(t)
                .returns(t)
                .addParameter(HEADERS, "headers")
                .addParameter(String.class, "name")
                .addParameter(JAVA_TYPE, "type")
                .addParameter(TypeName.BOOLEAN, "textual")
                .addStatement("$T header = headers.lastHeader(name)", HEADER)
                .beginControlFlow("if (header == null || header.value() == null)")
                .addStatement("return null")
                .endControlFlow()
                .addStatement("$T text = new $T(header.value(), $T.UTF_8)", String.class, String.class,
                        StandardCharsets.class)
                .beginControlFlow("try")
                .addStatement("$T node = textual ? $T.valueOf(text) : $T.mapper().readTree(text)", JSON_NODE,
                        TEXT_NODE, EmitContext.JSON)
                .addStatement("return $T.mapper().treeToValue(node, type)", EmitContext.JSON)
                .nextControlFlow("catch ($T | $T e)", JSON_EXCEPTION, IllegalArgumentException.class)
                .addStatement("throw new $T($S + name + $S + e.getMessage(), e)", IllegalArgumentException.class,
                        "header ", " does not hold a valid value: ")
                .endControlFlow()
                .build();
    }

    private static CodeBlock javaType(TypeName type) {
        TypeName t = type.isPrimitive() ? type.box() : type;
        if (t instanceof ParameterizedTypeName) {
            return CodeBlock.of("$T.mapper().getTypeFactory().constructType(new $T<$T>() {})", EmitContext.JSON,
                    TYPE_REFERENCE, t);
        }
        return CodeBlock.of("$T.mapper().constructType($T.class)", EmitContext.JSON, t);
    }

    /** Strings (of any format) and string enums travel as the bare text, everything else as JSON text. */
    private boolean textual(Schema s) {
        Schema r = ctx.model().resolve(s);
        return r instanceof Schema.StringSchema || TypePlanner.stringEnum(r)
                || r instanceof Schema.AnySchema && r.meta().constValue() instanceof String;
    }
}
