package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The streaming JSON codec of a payload record (issue 13): a nested {@code Codec} on Jackson's
 * {@code JsonGenerator}/{@code JsonParser} that writes the bytes databind writes and reads what databind reads, with
 * the same refusals, without databind's per-property buffering. Behaviour lives in the runtime's {@code JsonStreams};
 * this class only lays out the members. A record streams when every member's type does ({@link Plan}); any other type
 * (unions, {@code JsonNode} members, types with a {@code ContractSchema}) stays on databind.
 */
final class CodecGenerator {

    static final ClassName JSON_STREAMS = ClassName.get("io.asyncapikafka.runtime.json", "JsonStreams");
    static final ClassName JSON_CODEC = ClassName.get("io.asyncapikafka.runtime.json", "JsonCodec");
    static final ClassName STREAMED = ClassName.get("io.asyncapikafka.runtime.json", "Streamed");
    private static final ClassName GENERATOR = ClassName.get("com.fasterxml.jackson.core", "JsonGenerator");
    private static final ClassName PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
    private static final ClassName TOKEN = ClassName.get("com.fasterxml.jackson.core", "JsonToken");
    private static final ClassName CONTEXT = ClassName.get("com.fasterxml.jackson.core", "JsonStreamContext");
    private static final ClassName SERIALIZED = ClassName.get("com.fasterxml.jackson.core.io", "SerializedString");
    private static final ClassName MAPPING_EXCEPTION =
            ClassName.get("com.fasterxml.jackson.databind", "JsonMappingException");
    /** Members are tracked in one {@code long}; a larger record stays on databind. */
    private static final int MAX_FIELDS = 63;
    private static final Map<TypeName, String> SCALARS = Map.ofEntries(
            Map.entry(ScalarTypes.STRING, "STRING"),
            Map.entry(TypeName.BOOLEAN.box(), "BOOLEAN"),
            Map.entry(TypeName.INT.box(), "INT32"),
            Map.entry(TypeName.LONG.box(), "INT64"),
            Map.entry(TypeName.DOUBLE.box(), "DOUBLE"),
            Map.entry(ScalarTypes.BIG_INTEGER, "BIG_INTEGER"),
            Map.entry(ScalarTypes.BIG_DECIMAL, "DECIMAL"),
            Map.entry(ArrayTypeName.of(TypeName.BYTE), "BINARY"),
            Map.entry(ClassName.get("java.time", "LocalDate"), "DATE"),
            Map.entry(ClassName.get("java.time", "OffsetDateTime"), "DATE_TIME"),
            Map.entry(ScalarTypes.UUID, "UUID"),
            Map.entry(ClassName.get("java.net", "URI"), "URI"));

    /** Member reads and writes without a codec object: {reader in JsonStreams, write format with $N = member}. */
    private static final Map<TypeName, String[]> DIRECT = Map.ofEntries(
            Map.entry(ScalarTypes.STRING, new String[] {"readString", "g.writeString(v.$N)"}),
            Map.entry(TypeName.BOOLEAN.box(), new String[] {"readBoolean", "g.writeBoolean(v.$N)"}),
            Map.entry(TypeName.INT.box(), new String[] {"readInt", "g.writeNumber(v.$N.intValue())"}),
            Map.entry(TypeName.LONG.box(), new String[] {"readLong", "g.writeNumber(v.$N.longValue())"}),
            Map.entry(TypeName.DOUBLE.box(), new String[] {"readDouble", "g.writeNumber(v.$N.doubleValue())"}),
            Map.entry(ScalarTypes.BIG_INTEGER, new String[] {"readBigInteger", "g.writeNumber(v.$N)"}),
            Map.entry(ScalarTypes.BIG_DECIMAL, new String[] {"readDecimal", "g.writeNumber(v.$N)"}),
            Map.entry(ArrayTypeName.of(TypeName.BYTE), new String[] {"readBinary", "g.writeBinary(v.$N)"}),
            Map.entry(ClassName.get("java.time", "LocalDate"), new String[] {"readDate", "g.writeString(v.$N.toString())"}),
            Map.entry(ClassName.get("java.time", "OffsetDateTime"),
                    new String[] {"readDateTime", "$T.writeDateTime(g, v.$N)"}),
            Map.entry(ScalarTypes.UUID, new String[] {"readUuid", "g.writeString(v.$N.toString())"}),
            Map.entry(ClassName.get("java.net", "URI"), new String[] {"readUri", "g.writeString(v.$N.toString())"}));

    /** Which records stream, and which names are enums; decided once for all declarations. */
    static final class Plan {
        private final Set<ClassName> streamed;
        private final Set<ClassName> enums;

        private Plan(Set<ClassName> streamed, Set<ClassName> enums) {
            this.streamed = Set.copyOf(streamed);
            this.enums = Set.copyOf(enums);
        }

        /**
         * The payload records whose members all stream: start from every plain record (no union interface, no
         * run-time schema, 1–63 members) and drop, until none is dropped, those with a member that does not stream
         * (recursive records stream when their cycle does).
         */
        static Plan of(List<TypeDecl> decls, Set<ClassName> runtimeChecked) {
            Set<ClassName> enums = new HashSet<>();
            List<RecordDecl> candidates = new ArrayList<>();
            for (TypeDecl d : decls) {
                if (d instanceof TypeDecl.EnumDecl e) {
                    enums.add(e.name());
                } else if (d instanceof RecordDecl r && r.kind() == TypeDecl.RecordKind.PAYLOAD
                        && r.interfaces().isEmpty() && !r.fields().isEmpty() && r.fields().size() <= MAX_FIELDS
                        && !runtimeChecked.contains(r.name())) {
                    candidates.add(r);
                }
            }
            Set<ClassName> streamed = new HashSet<>();
            candidates.forEach(r -> streamed.add(r.name()));
            boolean changed = true;
            while (changed) { // each pass only removes: at most one pass per candidate, usually two in all
                changed = false;
                for (RecordDecl r : candidates) {
                    if (streamed.contains(r.name())
                            && !r.fields().stream().allMatch(f -> streams(f.type(), streamed, enums))) {
                        streamed.remove(r.name());
                        changed = true;
                    }
                }
            }
            return new Plan(streamed, enums);
        }

        boolean streamed(ClassName record) {
            return streamed.contains(record);
        }

        private static boolean streams(TypeName t, Set<ClassName> streamed, Set<ClassName> enums) {
            if (t.isPrimitive() || SCALARS.containsKey(t)) {
                return t != TypeName.BYTE && t != TypeName.CHAR && t != TypeName.SHORT && t != TypeName.FLOAT;
            }
            if (t instanceof ParameterizedTypeName p) {
                if (p.rawType().equals(ScalarTypes.LIST)) {
                    return streams(p.typeArguments().get(0), streamed, enums);
                }
                return p.rawType().equals(ScalarTypes.MAP) && p.typeArguments().get(0).equals(ScalarTypes.STRING)
                        && streams(p.typeArguments().get(1), streamed, enums);
            }
            return t instanceof ClassName c && (enums.contains(c) || streamed.contains(c));
        }
    }

    private final Plan plan;
    private final RecordDecl record;
    private final ClassName codec;
    private final TypeSpec.Builder type;

    private CodecGenerator(Plan plan, RecordDecl record) {
        this.plan = plan;
        this.record = record;
        this.codec = codecName(record.name());
        this.type = TypeSpec.classBuilder(codec)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(JSON_CODEC, record.name()));
    }

    /** The nested codec class of a streamed record. */
    static ClassName codecName(ClassName record) {
        return record.nestedClass(record.simpleName().equals("Codec") ? "JsonCodec" : "Codec");
    }

    /** Adds the nested codec and the {@code @Streamed} annotation naming it to the record {@code target}. */
    static void addTo(TypeSpec.Builder target, RecordDecl record, Plan plan) {
        CodecGenerator g = new CodecGenerator(plan, record);
        target.addAnnotation(AnnotationSpec.builder(STREAMED).addMember("value", "$T.class", g.codec).build());
        target.addType(g.build());
    }

    private TypeSpec build() {
        type.addJavadoc("$L", "Reads and writes {@link " + record.name().simpleName()
                + "} as JSON on Jackson's streaming API, exactly as the runtime's mapper does.");
        type.addField(FieldSpec.builder(codec, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L", "The codec; stateless.").initializer("new $T()", codec).build());
        List<CodeBlock> codecs = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
            Field f = record.fields().get(i);
            type.addField(FieldSpec.builder(SERIALIZED, "NAME_" + i, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("new $T($S)", SERIALIZED, f.wireName()).build());
            boolean container = f.type() instanceof ParameterizedTypeName;
            codecs.add(container ? codecOf(f.type(), i) : null);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
            names.add("NAME_" + i);
        }
        type.addField(FieldSpec.builder(ArrayTypeName.of(SERIALIZED), "NAMES", Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL).addJavadoc("$L", "The member names in declared order, as writers put them.")
                .initializer("{ $L }", String.join(", ", names)).build());
        type.addMethod(write(codecs));
        type.addMethod(read(codecs));
        type.addMethod(construct());
        return type.build();
    }

    /**
     * The codec of a member type: a runtime constant, a static field of this codec for containers and enums, or, when
     * another record is involved, an expression evaluated at use (a static field would tie the codecs' class
     * initialisation together, which can deadlock between threads for mutually recursive records).
     */
    private CodeBlock codecOf(TypeName t, int field) {
        if (SCALARS.containsKey(t)) {
            return CodeBlock.of("$T.$L", JSON_STREAMS, SCALARS.get(t));
        }
        CodeBlock expr = expression(t);
        if (involvesRecord(t)) {
            return expr;
        }
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(JSON_CODEC, t), "CODEC_" + field, Modifier.PRIVATE,
                Modifier.STATIC, Modifier.FINAL).initializer(expr).build());
        return CodeBlock.of("CODEC_$L", field);
    }

    private CodeBlock expression(TypeName t) {
        if (SCALARS.containsKey(t)) {
            return CodeBlock.of("$T.$L", JSON_STREAMS, SCALARS.get(t));
        }
        if (t instanceof ParameterizedTypeName p) {
            boolean list = p.rawType().equals(ScalarTypes.LIST);
            return CodeBlock.of("$T.$L($L)", JSON_STREAMS, list ? "list" : "map",
                    expression(p.typeArguments().get(list ? 0 : 1)));
        }
        ClassName c = (ClassName) t;
        if (plan.enums.contains(c)) {
            return CodeBlock.of("$T.enumeration($T.class, $T::fromValue, $T::value)", JSON_STREAMS, c, c, c);
        }
        return CodeBlock.of("$T.INSTANCE", codecName(c));
    }

    private boolean involvesRecord(TypeName t) {
        if (t instanceof ParameterizedTypeName p) {
            return p.typeArguments().stream().anyMatch(this::involvesRecord);
        }
        return t instanceof ClassName c && plan.streamed.contains(c);
    }

    private MethodSpec write(List<CodeBlock> codecs) {
        CodeBlock.Builder b = CodeBlock.builder().addStatement("g.writeStartObject()");
        for (int i = 0; i < record.fields().size(); i++) {
            Field f = record.fields().get(i);
            if (f.type().isPrimitive()) {
                b.addStatement("g.writeFieldName(NAME_$L)", i);
                b.addStatement("g.$L(v.$N)", f.type() == TypeName.BOOLEAN ? "writeBoolean" : "writeNumber",
                        f.javaName());
            } else if (f.required() && f.nullable()) {
                // @JsonInclude(ALWAYS): written as null too
                b.addStatement("g.writeFieldName(NAME_$L)", i);
                b.beginControlFlow("if (v.$N == null)", f.javaName()).addStatement("g.writeNull()")
                        .nextControlFlow("else").addStatement(directWrite(f, codecs.get(i))).endControlFlow();
            } else {
                b.beginControlFlow("if (v.$N != null)", f.javaName());
                b.addStatement("g.writeFieldName(NAME_$L)", i);
                b.addStatement(directWrite(f, codecs.get(i)));
                b.endControlFlow();
            }
        }
        b.addStatement("g.writeEndObject()");
        return MethodSpec.methodBuilder("write").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .addParameter(GENERATOR, "g").addParameter(record.name(), "v")
                .addException(java.io.IOException.class).addCode(b.build()).build();
    }

    /**
     * Reads as databind's property-based creator does: members in any order, the last of a repeated member wins, an
     * unknown member is skipped; once every member has been seen the record is built (after the next token, as
     * databind does), and a member after that is refused (a list or map member only after its value was read, as
     * databind's getter-as-setter fallback does); at the end a missing primitive is refused before the constructor
     * runs.
     */
    private MethodSpec read(List<CodeBlock> codecs) {
        int n = record.fields().size();
        CodeBlock.Builder b = CodeBlock.builder();
        b.beginControlFlow("if (p.currentToken() != $T.START_OBJECT)", TOKEN)
                .addStatement("throw $T.unexpected(p, $T.class)", JSON_STREAMS, record.name()).endControlFlow();
        b.addStatement("$T at = p.getParsingContext()", CONTEXT);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Field f = record.fields().get(i);
            b.addStatement("$T f$L = $L", f.type(), i, f.type().isPrimitive() ? zero(f.type()) : "null");
            args.add("f" + i);
        }
        String all = String.join(", ", args);
        b.addStatement("long seen = 0L").addStatement("int count = 0").addStatement("$T built = null", record.name());
        // the member after the one read last is tried first: a byte comparison instead of a name lookup
        b.addStatement("int expect = 0");
        b.beginControlFlow("while (true)").addStatement("$T t = $T.nextMember(p, NAMES, expect)", TOKEN, JSON_STREAMS);
        b.beginControlFlow("if (count == $L && built == null)", n)
                .addStatement("built = construct(p, at, $L)", all).endControlFlow();
        b.beginControlFlow("if (t != $T.FIELD_NAME)", TOKEN).addStatement("break").endControlFlow();
        b.addStatement("String name = p.currentName()").addStatement("p.nextToken()");
        b.beginControlFlow("switch (name)");
        for (int i = 0; i < n; i++) {
            Field f = record.fields().get(i);
            b.add("case $S -> {\n", f.wireName()).indent();
            b.beginControlFlow("if (built != null)");
            if (f.type() instanceof ParameterizedTypeName) {
                // databind reads a repeated list or map before it finds it has no setter: the value's refusal first
                b.addStatement("$T.read(p, $L)", JSON_STREAMS, codecs.get(i));
            }
            b.addStatement("throw $T.repeated(p, $T.class, $S)", JSON_STREAMS, record.name(), f.wireName())
                    .endControlFlow();
            b.addStatement("f$L = $L", i, readValue(f, codecs.get(i)));
            b.beginControlFlow("if ((seen & $LL) == 0L)", Long.toString(1L << i))
                    .addStatement("seen |= $LL", Long.toString(1L << i)).addStatement("count++").endControlFlow();
            b.addStatement("expect = $L", i + 1);
            b.unindent().add("}\n");
        }
        b.addStatement("default -> p.skipChildren()");
        b.endControlFlow();
        b.endControlFlow();
        b.beginControlFlow("if (built != null)").addStatement("return built").endControlFlow();
        for (int i = 0; i < n; i++) {
            Field f = record.fields().get(i);
            if (f.type().isPrimitive()) {
                b.beginControlFlow("if ((seen & $LL) == 0L)", Long.toString(1L << i))
                        .addStatement("throw $T.missing($T.class, at, $S)", JSON_STREAMS, record.name(), f.wireName())
                        .endControlFlow();
            }
        }
        b.addStatement("return construct(p, at, $L)", all);
        return MethodSpec.methodBuilder("read").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(record.name()).addParameter(PARSER, "p")
                .addException(java.io.IOException.class).addCode(b.build()).build();
    }

    private CodeBlock readValue(Field f, CodeBlock codec) {
        TypeName t = f.type();
        if (t.isPrimitive()) {
            String method = t == TypeName.INT ? "readInt" : t == TypeName.LONG ? "readLong"
                    : t == TypeName.BOOLEAN ? "readBoolean" : "readDouble";
            return CodeBlock.of("$T.$L(p)", JSON_STREAMS, method);
        }
        String[] direct = DIRECT.get(t);
        if (direct != null) {
            return CodeBlock.of("p.hasToken($T.VALUE_NULL) ? null : $T.$L(p)", TOKEN, JSON_STREAMS, direct[0]);
        }
        if (t instanceof ClassName c && plan.enums.contains(c)) {
            return CodeBlock.of("p.hasToken($T.VALUE_NULL) ? null : $T.readEnum(p, $T.class, $T::fromValue)", TOKEN,
                    JSON_STREAMS, c, c);
        }
        if (t instanceof ClassName c) {
            return CodeBlock.of("p.hasToken($T.VALUE_NULL) ? null : $T.INSTANCE.read(p)", TOKEN, codecName(c));
        }
        return CodeBlock.of("$T.read(p, $L)", JSON_STREAMS, codec);
    }

    /** Writes a non-null member: scalars, enums and records directly, containers through their codec. */
    private CodeBlock directWrite(Field f, CodeBlock codec) {
        TypeName t = f.type();
        String[] direct = DIRECT.get(t);
        if (direct != null) {
            return direct[1].startsWith("$T") ? CodeBlock.of(direct[1], JSON_STREAMS, f.javaName())
                    : CodeBlock.of(direct[1], f.javaName());
        }
        if (t instanceof ClassName c && plan.enums.contains(c)) {
            return CodeBlock.of("g.writeString(v.$N.value())", f.javaName());
        }
        if (t instanceof ClassName c) {
            return CodeBlock.of("$T.INSTANCE.write(g, v.$N)", codecName(c), f.javaName());
        }
        return CodeBlock.of("$L.write(g, v.$N)", codec, f.javaName());
    }

    private static String zero(TypeName t) {
        return t == TypeName.BOOLEAN ? "false" : t == TypeName.LONG ? "0L" : t == TypeName.DOUBLE ? "0d" : "0";
    }

    /** The constructor call; its refusal becomes what databind's creator failure becomes. */
    private MethodSpec construct() {
        MethodSpec.Builder m = MethodSpec.methodBuilder("construct").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(record.name()).addParameter(PARSER, "p").addParameter(CONTEXT, "at")
                .addException(MAPPING_EXCEPTION);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
            m.addParameter(record.fields().get(i).type(), "f" + i);
            args.add("f" + i);
        }
        m.addCode(CodeBlock.builder().beginControlFlow("try")
                .addStatement("return new $T($L)", record.name(), String.join(", ", args))
                .nextControlFlow("catch ($T e)", RuntimeException.class)
                .addStatement("throw $T.constructorFailed(p, $T.class, at, e)", JSON_STREAMS, record.name())
                .endControlFlow().build());
        return m.build();
    }
}
