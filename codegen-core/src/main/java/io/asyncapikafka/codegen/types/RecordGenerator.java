package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.TypeDecl.Field;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.model.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * A payload record: components in document order, required members checked and collections copied immutably in the
 * compact constructor, {@code byte[]} and {@code JsonNode} members copied in and out ({@link ValueMethods}), {@code const} members as constants, a builder that applies defaults, and {@code validate}.
 * Jackson annotations only where needed: the wire name differs, a primitive must be present, or a required nullable
 * member must be written as {@code null}.
 */
final class RecordGenerator {

    private final EmitContext ctx;

    private RecordGenerator(EmitContext ctx) {
        this.ctx = ctx;
    }

    static RecordGenerator create(EmitContext ctx) {
        return new RecordGenerator(ctx);
    }

    /** The record's type builder (headers records get their Kafka conversion added by {@link HeadersGenerator}). */
    TypeSpec.Builder generate(RecordDecl d) {
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        List<String> params = new ArrayList<>();
        for (Field f : d.fields()) {
            ctor.addParameter(component(f));
            constructorChecks(ctor, f);
            Schema.SchemaMeta own = f.schema().meta();
            String summary = Javadocs.summary(own.description() != null || own.title() != null ? own
                    : ctx.model().resolve(f.schema()).meta());
            if (!summary.isEmpty()) {
                params.add("@param " + f.javaName() + " " + summary);
            }
        }
        String doc = Javadocs.of(d.meta());
        if (!params.isEmpty()) {
            doc = (doc.isEmpty() ? "" : doc + "\n\n") + String.join("\n", params);
        }
        TypeSpec.Builder type = TypeSpec.recordBuilder(d.name())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(AnnotationSpec.builder(EmitContext.jackson("JsonInclude"))
                        .addMember("value", "$T.NON_NULL", EmitContext.jackson("JsonInclude").nestedClass("Include"))
                        .build())
                .addAnnotation(AnnotationSpec.builder(EmitContext.jackson("JsonIgnoreProperties"))
                        .addMember("ignoreUnknown", "true").build())
                .addSuperinterfaces(d.interfaces())
                .recordConstructor(ctor.build());
        if (d.interfaces().isEmpty()) {
            type.addSuperinterface(EmitContext.VALIDATABLE); // union interfaces already extend it
        }
        if (!doc.isEmpty()) {
            type.addJavadoc("$L", doc);
        }
        Map<Field, CodeBlock> constants = constants(type, d);
        ValidationGenerator.Result validation = ValidationGenerator.generate(ctx, d);
        type.addFields(validation.fields());
        type.addMethod(MethodSpec.methodBuilder("builder").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(d.name().nestedClass("Builder"))
                .addCode(Code.of("return new Builder();\n").block()).build());
        type.addMethod(validation.method());
        ValueMethods.addTo(type, d);
        type.addType(builder(d, constants));
        return type;
    }

    private ParameterSpec component(Field f) {
        ParameterSpec.Builder p = ParameterSpec.builder(f.type(), f.javaName());
        boolean renamed = !f.wireName().equals(f.javaName());
        // Jackson would silently read a missing primitive as 0; required = true makes absence an error.
        boolean mustBePresent = f.type().isPrimitive();
        if (renamed || mustBePresent) {
            AnnotationSpec.Builder a = AnnotationSpec.builder(EmitContext.jackson("JsonProperty"));
            if (renamed) {
                a.addMember("value", "$S", f.wireName());
            }
            if (mustBePresent) {
                a.addMember("required", "true");
            }
            p.addAnnotation(a.build());
        }
        if (f.required() && f.nullable()) {
            p.addAnnotation(AnnotationSpec.builder(EmitContext.jackson("JsonInclude"))
                    .addMember("value", "$T.ALWAYS", EmitContext.jackson("JsonInclude").nestedClass("Include"))
                    .build());
        }
        return p.build();
    }

    private void constructorChecks(MethodSpec.Builder ctor, Field f) {
        String n = f.javaName();
        if (f.mandatory() && !f.type().isPrimitive()) {
            Code.statement(ctor, "$T.requireNonNull($N, $S)", Objects.class, n, f.wireName());
        }
        ValueMethods.copyIn(ctor, f);
        if (!(f.type() instanceof ParameterizedTypeName p)) {
            return;
        }
        Code copy = copyOf(p, n, itemsNullable(f.schema()));
        if (copy == null) {
            return;
        }
        if (f.mandatory()) {
            Code.statement(ctor, "$N = $L", n, copy);
        } else {
            Code.statement(ctor, "$N = $N == null ? null : $L", n, n, copy);
        }
    }

    /**
     * Lists: {@code List.copyOf}, unless items may be null. Maps keep the document's member order (an immutable
     * {@code Map.copyOf} iterates in an order that changes between JVM runs, which would make the JSON unstable).
     */
    private static Code copyOf(ParameterizedTypeName p, String n, boolean nullableItems) {
        if (p.rawType().equals(ScalarTypes.LIST)) {
            return nullableItems
                    ? Code.of("$T.unmodifiableList(new $T<>($N))", Collections.class, ArrayList.class, n)
                    : Code.of("$T.copyOf($N)", List.class, n);
        }
        if (p.rawType().equals(ScalarTypes.MAP)) {
            return Code.of("$T.unmodifiableMap(new $T<>($N))", Collections.class, LinkedHashMap.class, n);
        }
        return null;
    }

    private boolean itemsNullable(Schema s) {
        Schema r = ctx.model().resolve(s);
        return r instanceof Schema.ArraySchema a && (a.items().meta().nullable()
                || ctx.model().resolve(a.items()).meta().nullable());
    }

    /** {@code const} members become {@code public static final} constants the builder and validation use. */
    private Map<Field, CodeBlock> constants(TypeSpec.Builder type, RecordDecl d) {
        Map<Field, CodeBlock> out = new LinkedHashMap<>();
        List<String> names = Naming.unique(d.fields().stream().map(f -> Naming.constantName(f.javaName())).toList());
        for (int i = 0; i < d.fields().size(); i++) {
            Field f = d.fields().get(i);
            Schema.SchemaMeta m = f.schema().meta().constValue() != null ? f.schema().meta()
                    : ctx.model().resolve(f.schema()).meta();
            if (m.constValue() == null) {
                continue;
            }
            CodeBlock lit = ctx.literals().of(m.constValue(), f.type());
            if (lit != null) {
                TypeName t = f.type().isBoxedPrimitive() ? f.type().unbox() : f.type();
                type.addField(FieldSpec.builder(t, names.get(i), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("$L", "The only value of {@code " + f.javaName() + "}.")
                        .initializer(lit).build());
                out.put(f, CodeBlock.of("$N", names.get(i)));
            }
        }
        return out;
    }

    private TypeSpec builder(RecordDecl d, Map<Field, CodeBlock> constants) {
        ClassName builder = d.name().nestedClass("Builder");
        TypeSpec.Builder b = TypeSpec.classBuilder(builder)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L", "Builds a {@link " + d.name().simpleName() + "}; defaults from the contract are preset.")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        List<Code> args = new ArrayList<>();
        for (Field f : d.fields()) {
            TypeName t = f.type().isPrimitive() ? f.type().box() : f.type();
            FieldSpec.Builder field = FieldSpec.builder(t, f.javaName(), Modifier.PRIVATE);
            CodeBlock initial = constants.containsKey(f) ? constants.get(f) : defaultOf(f);
            if (initial != null) {
                field.initializer(initial);
            }
            b.addField(field.build());
            b.addMethod(MethodSpec.methodBuilder(f.javaName()).addModifiers(Modifier.PUBLIC).returns(builder)
                    .addParameter(f.type(), f.javaName())
                    .addCode(Code.of("this.$N = $N;\nreturn this;\n", f.javaName(), f.javaName()).block()).build());
            args.add(f.type().isPrimitive()
                    ? Code.of("$T.requireNonNull(this.$N, $S)", Objects.class, f.javaName(), f.wireName())
                    : Code.of("this.$N", f.javaName()));
        }
        b.addMethod(MethodSpec.methodBuilder("build").addModifiers(Modifier.PUBLIC).returns(d.name())
                .addCode("$[$L$]", Code.of("return new $T($L);\n", d.name(), Code.join(args, ", ")).block()).build());
        return b.build();
    }

    private CodeBlock defaultOf(Field f) {
        if (f.defaultValue() == null || f.defaultValue() == Schema.JsonNull.INSTANCE) {
            return null;
        }
        CodeBlock lit = ctx.literals().of(f.defaultValue(), f.type());
        if (lit == null) {
            ctx.problems().warn(Problems.LITERAL_NOT_CONVERTIBLE, "default value " + f.defaultValue()
                    + " of '" + f.wireName() + "' does not fit the Java type " + f.type() + "; no default is applied",
                    "make the default match the schema's type", f.schema().location());
        }
        return lit;
    }
}
