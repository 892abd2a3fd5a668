package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.asyncapikafka.model.Message;
import java.util.Objects;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * The {@code Messages} class: one runtime {@code MessageType} per message (its {@code ce_type} name, payload class,
 * key codec and headers codec). Producers, handlers and tests all refer to these constants, so a message's wire
 * identity is written down once.
 */
final class MessagesGenerator {

    static final ClassName MESSAGE_TYPE = ClassName.get("io.asyncapikafka.runtime", "MessageType");
    static final ClassName KEY_CODEC = ClassName.get("io.asyncapikafka.runtime", "KeyCodec");
    static final ClassName HEADERS_CODEC = ClassName.get("io.asyncapikafka.runtime", "HeadersCodec");
    private static final ClassName KAFKA_HEADERS = ClassName.get("org.apache.kafka.common.header", "Headers");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final TypeLookup types;
    private final AvroPayloads avro;

    MessagesGenerator(KafkaSources sources, KafkaApiPlan plan, TypeLookup types) {
        this.sources = sources;
        this.plan = plan;
        this.types = types;
        this.avro = plan.avroPayloads();
    }

    /** {@code MessageType<K, V, H>} of a message. */
    static TypeName messageType(MessageJavaTypes t) {
        return ParameterizedTypeName.get(MESSAGE_TYPE, t.keyArgument(), t.payload(), t.headersArgument());
    }

    TypeSpec generate() {
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(plan.messagesClass()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The messages of the contract as the runtime sees them: name ({@code ce_type}), payload,"
                        + " key and headers codecs.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        boolean needsHeadersAdapter = false;
        boolean needsCast = false;
        for (Map.Entry<Message, String> e : plan.messageConstants().entrySet()) {
            Message m = e.getKey();
            MessageJavaTypes t = types.of(m);
            needsHeadersAdapter |= t.hasHeaders();
            needsCast |= t.payload() instanceof ParameterizedTypeName;
            CodeBlock.Builder doc = CodeBlock.builder().add("Message {@code $L}", KafkaSources.javadoc(m.name()));
            String text = m.summary() != null ? m.summary() : m.title() != null ? m.title() : m.description();
            if (text != null && !text.isBlank()) {
                doc.add(": $L", KafkaSources.javadoc(text));
            }
            type.addField(FieldSpec.builder(messageType(t), e.getValue(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc(doc.add("\n").build())
                    .initializer("$T.of($S, $L, $L, $L)$L$L", MESSAGE_TYPE, m.name(), payloadClass(t), keyCodec(t),
                            headersCodec(t), eventId(t), avro.withPayloadFormat(m))
                    .build());
        }
        if (needsHeadersAdapter) {
            type.addMethod(headersAdapter());
        }
        if (needsCast) {
            TypeVariableName v = TypeVariableName.get("T");
            type.addMethod(MethodSpec.methodBuilder("castClass")
                    .addAnnotation(com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked").build())
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addTypeVariable(v)
                    .returns(ParameterizedTypeName.get(ClassName.get(Class.class), v))
                    .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), com.palantir.javapoet.WildcardTypeName
                            .subtypeOf(Object.class)), "raw")
                    .addStatement("return ($T) raw", ParameterizedTypeName.get(ClassName.get(Class.class), v))
                    .build());
        }
        return type.build();
    }

    private CodeBlock payloadClass(MessageJavaTypes t) {
        if (t.payload() instanceof ParameterizedTypeName p) {
            // Class literals cannot carry type arguments; Jackson reads the raw type, the cast restores the generic.
            return CodeBlock.of("$T.<$T>castClass($T.class)", plan.messagesClass(), p, p.rawType());
        }
        return CodeBlock.of("$T.class", t.payload());
    }

    /**
     * {@code .withEventId(...)} and {@code .withBusinessKey(...)} on the accessors the type plan chose (see
     * {@code MessagePlanner}): the event id becomes {@code ce_id} and the technical dedup id; without one the runtime
     * sends a new UUID per send, so a re-sent event could not be recognised as a duplicate. The business key drives
     * functional dedup ({@code DUPLICATE_KEY}).
     */
    private static CodeBlock eventId(MessageJavaTypes t) {
        CodeBlock.Builder out = CodeBlock.builder();
        if (t.eventIdAccessor() != null) {
            out.add("\n.withEventId(m -> $T.toString(m.payload().$N(), null))", Objects.class, t.eventIdAccessor());
        }
        if (t.businessKeyAccessor() != null) {
            out.add("\n.withBusinessKey(m -> $T.toString(m.payload().$N(), null))", Objects.class,
                    t.businessKeyAccessor());
        }
        return out.build();
    }

    private static CodeBlock keyCodec(MessageJavaTypes t) {
        return switch (t.keyCodec()) {
            case NONE -> CodeBlock.of("$T.none()", KEY_CODEC);
            case STRING -> CodeBlock.of("$T.string()", KEY_CODEC);
            case UUID -> CodeBlock.of("$T.uuid()", KEY_CODEC);
            case INT32 -> CodeBlock.of("$T.int32()", KEY_CODEC);
            case INT64 -> CodeBlock.of("$T.int64()", KEY_CODEC);
            case JSON -> CodeBlock.of("$T.json($T.class)", KEY_CODEC, rawOf(t.key()));
        };
    }

    private static TypeName rawOf(TypeName t) {
        return t instanceof ParameterizedTypeName p ? p.rawType() : t;
    }

    private static CodeBlock headersCodec(MessageJavaTypes t) {
        if (!t.hasHeaders()) {
            return CodeBlock.of("$T.none()", HEADERS_CODEC);
        }
        return CodeBlock.of("headers($T::fromKafkaHeaders, $T::writeTo)", t.headers(), t.headers());
    }

    /** Adapts a generated headers record's two conversion methods to the runtime's {@code HeadersCodec}. */
    private static MethodSpec headersAdapter() {
        TypeVariableName h = TypeVariableName.get("H");
        TypeSpec codec = TypeSpec.anonymousClassBuilder("")
                .addSuperinterface(ParameterizedTypeName.get(HEADERS_CODEC, h))
                .addMethod(MethodSpec.methodBuilder("write")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(h, "headers")
                        .addParameter(KAFKA_HEADERS, "target")
                        .addStatement("write.accept(headers, target)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("read")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(h)
                        .addParameter(KAFKA_HEADERS, "source")
                        .addStatement("return read.apply(source)")
                        .build())
                .build();
        return MethodSpec.methodBuilder("headers")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(h)
                .returns(ParameterizedTypeName.get(HEADERS_CODEC, h))
                .addParameter(ParameterizedTypeName.get(ClassName.get(Function.class), KAFKA_HEADERS, h), "read")
                .addParameter(ParameterizedTypeName.get(ClassName.get(BiConsumer.class), h, KAFKA_HEADERS), "write")
                .addStatement("return $L", codec)
                .build();
    }
}
