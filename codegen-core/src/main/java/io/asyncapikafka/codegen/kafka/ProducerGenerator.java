package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.Code;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/**
 * The producer facade of a channel: one method per (send operation, message) with typed key, payload and headers, and
 * the short overloads (payload only; key and payload). It only picks topic and message type; encoding, validation,
 * CloudEvents headers and delivery are the runtime's {@code TypedProducer}'s job.
 */
final class ProducerGenerator {

    static final ClassName TYPED_PRODUCER = ClassName.get("io.asyncapikafka.runtime.producer", "TypedProducer");
    private static final ClassName RECORD_METADATA = ClassName.get("org.apache.kafka.clients.producer", "RecordMetadata");
    private static final TypeName RESULT = ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), RECORD_METADATA);

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final TypeLookup types;

    ProducerGenerator(KafkaSources sources, KafkaApiPlan plan, TypeLookup types) {
        this.sources = sources;
        this.plan = plan;
        this.types = types;
    }

    TypeSpec generate(KafkaApiPlan.ChannelPlan c) {
        Channel ch = c.channel();
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(c.producerClass()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Sends the messages of channel {@code $L} ($L). Thread-safe.\n",
                        KafkaSources.javadoc(ch.name()),
                        ch.isParameterised() ? "the topic name is built from the channel parameters"
                                : "topic {@code " + KafkaSources.javadoc(ch.topicName()) + "}")
                .addField(TYPED_PRODUCER, "producer", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("A facade over {@code producer}: the runtime's Kafka producer, or its in-memory one in tests.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(TYPED_PRODUCER, "producer")
                        .addCode(Code.of("this.producer = $T.requireNonNull(producer, $S);\n", Objects.class,
                                "producer").block())
                        .build());
        for (KafkaApiPlan.SendMethod s : c.sends()) {
            MessageJavaTypes t = types.of(s.message());
            type.addMethod(full(c, s, t));
            if (t.hasKey() || t.hasHeaders()) {
                type.addMethod(shortcut(c, s, t, false, false));
            }
            if (t.hasKey() && t.hasHeaders()) {
                type.addMethod(shortcut(c, s, t, true, false));
            }
        }
        return type.build();
    }

    private MethodSpec full(KafkaApiPlan.ChannelPlan c, KafkaApiPlan.SendMethod s, MessageJavaTypes t) {
        MethodSpec.Builder m = start(c, s);
        if (t.hasKey()) {
            m.addParameter(t.key(), "key");
        }
        m.addParameter(t.payload(), "payload");
        if (t.hasHeaders()) {
            m.addParameter(t.headers(), "headers");
        }
        m.addJavadoc("$L", paramDocs(c, t, t.hasKey(), t.hasHeaders()));
        Code.statement(m, "return producer.send($L, $T.$N, $L, payload, $L)", topic(c), plan.messagesClass(),
                plan.messageConstant(s.message()), t.hasKey() ? "key" : "null", t.hasHeaders() ? "headers" : "null");
        return m.build();
    }

    /** Delegates to the full method with {@code null} for what it leaves out. */
    private MethodSpec shortcut(KafkaApiPlan.ChannelPlan c, KafkaApiPlan.SendMethod s, MessageJavaTypes t, boolean withKey,
            boolean withHeaders) {
        MethodSpec.Builder m = start(c, s);
        List<String> args = new ArrayList<>(TopicNames.params(c.channel()).stream().map(TopicNames.Param::javaName).toList());
        if (withKey) {
            m.addParameter(t.key(), "key");
            args.add("key");
        } else if (t.hasKey()) {
            args.add("null");
        }
        m.addParameter(t.payload(), "payload");
        args.add("payload");
        if (t.hasHeaders()) {
            args.add(withHeaders ? "headers" : "null");
        }
        m.addJavadoc("$L", paramDocs(c, t, withKey, withHeaders));
        Code.statement(m, "return $N($L)", s.methodName(), String.join(", ", args));
        return m.build();
    }

    private MethodSpec.Builder start(KafkaApiPlan.ChannelPlan c, KafkaApiPlan.SendMethod s) {
        Operation op = s.operation();
        StringBuilder doc = new StringBuilder();
        String text = op.summary() != null ? op.summary() : op.description();
        if (text != null && !text.isBlank()) {
            doc.append(KafkaSources.javadoc(text)).append("\n\n<p>");
        }
        doc.append("Sends {@code ").append(KafkaSources.javadoc(s.message().name())).append("} (operation {@code ")
                .append(KafkaSources.javadoc(op.operationId()))
                .append("}); the future completes when Kafka acknowledged the record.\n\n");
        MethodSpec.Builder m = MethodSpec.methodBuilder(s.methodName())
                .addModifiers(Modifier.PUBLIC)
                .returns(RESULT)
                .addJavadoc("$L", doc.toString());
        for (TopicNames.Param p : TopicNames.params(c.channel())) {
            m.addParameter(p.type(), p.javaName());
        }
        return m;
    }

    /** One string, so JavaPoet emits it as one part (see {@link Code}). */
    private static String paramDocs(KafkaApiPlan.ChannelPlan c, MessageJavaTypes t, boolean key, boolean headers) {
        StringBuilder d = new StringBuilder();
        for (TopicNames.Param p : TopicNames.params(c.channel())) {
            d.append("@param ").append(p.javaName()).append(" channel parameter {@code ")
                    .append(KafkaSources.javadoc(p.name())).append("}\n");
        }
        if (key) {
            d.append("@param key the record key\n");
        }
        d.append("@param payload the payload, validated before sending\n");
        if (headers) {
            d.append("@param headers the message headers\n");
        }
        d.append("@return the acknowledged record's metadata\n");
        d.append("@throws io.asyncapikafka.runtime.ContractViolationException if the message breaks its contract;"
                + " nothing is sent\n");
        return d.toString();
    }

    private Code topic(KafkaApiPlan.ChannelPlan c) {
        if (c.channel().isParameterised()) {
            String args = String.join(", ", TopicNames.params(c.channel()).stream().map(TopicNames.Param::javaName).toList());
            return Code.of("$T.$N($L)", plan.topicsClass(), c.topicMethod(), args);
        }
        return Code.of("$T.$N.name()", plan.topicsClass(), c.topicConstant());
    }
}
