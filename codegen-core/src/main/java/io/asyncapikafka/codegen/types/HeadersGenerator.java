package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * A headers record: a payload record plus conversion to and from Kafka headers. Header values are UTF-8 text: string
 * values (and dates, UUIDs, enums) as the string itself, other values as their JSON text ({@code 42}, {@code true}).
 * The conversion itself is the runtime's {@code HeaderValues}; the record only names its headers and their types.
 */
final class HeadersGenerator {

    private static final ClassName HEADERS = ClassName.get("org.apache.kafka.common.header", "Headers");
    private static final ClassName RECORD_HEADERS =
            ClassName.get("org.apache.kafka.common.header.internals", "RecordHeaders");
    private static final ClassName TYPE_REFERENCE = ClassName.get("com.fasterxml.jackson.core.type", "TypeReference");
    private static final ClassName HEADER_VALUES = ClassName.get("io.asyncapikafka.runtime", "HeaderValues");

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
                .addCode(Code.of("$T headers = new $T();\nwriteTo(headers);\nreturn headers;\n", HEADERS,
                        RECORD_HEADERS).block())
                .build());
        MethodSpec.Builder write = MethodSpec.methodBuilder("writeTo")
                .addJavadoc("$L", "Sets each present header on {@code headers}, replacing earlier values of the same name.")
                .addModifiers(Modifier.PUBLIC)
                .addParameter(HEADERS, "headers");
        List<Code> args = new ArrayList<>();
        for (Field f : d.fields()) {
            Conversion c = conversion(f, d.name().packageName());
            // put* leaves the headers alone for a null value, so optional members need no null check here.
            Code.statement(write, "$L", c.put());
            Code read = c.get();
            args.add(f.type().isPrimitive()
                    ? Code.of("$T.requireNonNull($L, $S)", Objects.class, read, f.wireName())
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
                .addCode("$[$L$]", Code.of("return new $T($L);\n", d.name(), Code.join(args, ",\n")).block())
                .build());
    }

    /**
     * How one member is written and read: a typed {@code HeaderValues} call for the common types, the enum's wire
     * value for a generated string enum, the JSON path for the rest.
     */
    private record Conversion(Code put, Code get) {}

    private Conversion conversion(Field f, String pkg) {
        TypeName t = f.type().isPrimitive() ? f.type().box() : f.type();
        String name = f.wireName();
        String typed = t.equals(ScalarTypes.STRING) ? "String"
                : t.equals(TypeName.LONG.box()) ? "Long"
                : t.equals(TypeName.INT.box()) ? "Int"
                : t.equals(TypeName.BOOLEAN.box()) ? "Boolean"
                : t.equals(ScalarTypes.UUID) ? "Uuid"
                : null;
        String member = f.javaName();
        if (typed != null) {
            return new Conversion(Code.of("$T.put" + typed + "(headers, $S, this.$N)", HEADER_VALUES, name, member),
                    Code.of("$T.get" + typed + "(headers, $S)", HEADER_VALUES, name));
        }
        if (t instanceof ClassName c && c.packageName().equals(pkg) && !ctx.isValidatable(c)
                && ScalarTypes.stringEnum(ctx.model().resolve(f.schema()))) {
            // A generated string enum: its wire value and fromValue, no JSON.
            return new Conversion(Code.of("$T.putString(headers, $S, this.$N == null ? null : this.$N.value())",
                    HEADER_VALUES, name, member, member),
                    Code.of("$T.get(headers, $S, $T::fromValue)", HEADER_VALUES, name, c));
        }
        return new Conversion(Code.of("$T.putJson(headers, $S, this.$N)", HEADER_VALUES, name, member),
                Code.of("$T.getJson(headers, $S, $L, $L)", HEADER_VALUES, name, javaType(t), textual(f.schema())));
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
        return r instanceof Schema.StringSchema || ScalarTypes.stringEnum(r)
                || r instanceof Schema.AnySchema && r.meta().constValue() instanceof String;
    }
}
