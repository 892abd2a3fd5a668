package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.model.Operation;
import javax.lang.model.element.Modifier;

/**
 * The handler interface of a receive operation: one method per message, each taking the runtime's
 * {@code ReceivedMessage} with typed key, payload and headers. A single-message handler is a functional interface, so a
 * lambda will do.
 */
final class HandlerGenerator {

    static final ClassName RECEIVED = ClassName.get("io.asyncapikafka.runtime.consumer", "ReceivedMessage");

    private final KafkaSources sources;
    private final TypeLookup types;
    private final KafkaApiPlan plan;

    HandlerGenerator(KafkaSources sources, TypeLookup types, KafkaApiPlan plan) {
        this.sources = sources;
        this.types = types;
        this.plan = plan;
    }

    static ParameterizedTypeName received(MessageJavaTypes t) {
        return ParameterizedTypeName.get(RECEIVED, t.keyArgument(), t.payload(), t.headersArgument());
    }

    TypeSpec generate(KafkaApiPlan.ReceivePlan r) {
        Operation op = r.operation();
        CodeBlock.Builder doc = CodeBlock.builder();
        String text = op.summary() != null ? op.summary() : op.description();
        if (text != null && !text.isBlank()) {
            doc.add("$L\n\n<p>", KafkaSources.javadoc(text));
        }
        doc.add("Handles operation {@code $L} on channel {@code $L}.", KafkaSources.javadoc(op.operationId()),
                KafkaSources.javadoc(r.channel().name()));
        if (r.methods().size() > 1) {
            doc.add(" Records are dispatched on their message type ({@code ce_type}); a type the channel does not declare"
                    + " is dead-lettered by the runtime.");
        }
        doc.add(" Throwing from a method means \"not processed\": the record is retried in place, then sent to the retry"
                + " topic (if any), then dead-lettered; a {@code NonRetryableException} is dead-lettered at once."
                + " A record may be delivered again after a crash, so side effects should tolerate that.\n");
        TypeSpec.Builder type = sources.annotate(TypeSpec.interfaceBuilder(r.handlerClass()))
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(doc.build());
        if (r.methods().size() == 1) {
            type.addAnnotation(FunctionalInterface.class);
        }
        ClassName parameters = plan.channelOf(r).parametersClass();
        for (KafkaApiPlan.HandlerMethod m : r.methods()) {
            MessageJavaTypes t = types.of(m.message());
            MethodSpec.Builder method = MethodSpec.methodBuilder(m.methodName())
                    .addJavadoc("Handles a {@code $L}: key, payload and headers are decoded and validated.\n\n"
                            + "@param message the message and where it came from\n",
                            KafkaSources.javadoc(m.message().name()))
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addParameter(received(t), "message");
            if (parameters != null) {
                method.addJavadoc("@param parameters the channel parameters, read from the record's topic and"
                        + " validated\n").addParameter(parameters, "parameters");
            }
            type.addMethod(method.addJavadoc("@throws Exception to have the record retried or dead-lettered\n")
                    .addException(Exception.class)
                    .build());
        }
        return type.build();
    }
}
