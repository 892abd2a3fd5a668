package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.model.Channel;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * The {@code Topics} class of a contract: per channel a constant with the topic name, partitions, replicas and topic
 * configuration, and {@code all()} for provisioning. A parameterised channel without a {@code topic} binding has no
 * fixed topic, so it gets a name builder and a subscription pattern instead, and is left out of {@code all()}.
 */
final class TopicsGenerator {

    private final KafkaSources sources;
    private final KafkaApiPlan plan;

    TopicsGenerator(KafkaSources sources, KafkaApiPlan plan) {
        this.sources = sources;
        this.plan = plan;
    }

    TypeSpec generate() {
        ClassName topics = plan.topicsClass();
        ClassName spec = plan.topicSpecClass();
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(topics))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The Kafka topics of the contract, one constant per channel; {@link #all()} lists the ones"
                        + " with a fixed name, for the runtime's {@code TopicProvisioner}.\n")
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        CodeBlock.Builder all = CodeBlock.builder();
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            Channel ch = c.channel();
            if (ch.isParameterised()) {
                type.addMethod(nameBuilder(c));
                type.addField(FieldSpec.builder(Pattern.class, c.topicConstant() + "_PATTERN",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Matches every topic of parameterised channel {@code $L}; consumers subscribe with it.\n",
                                KafkaSources.javadoc(ch.name()))
                        .initializer("$T.compile($S)", Pattern.class, TopicNames.pattern(ch))
                        .build());
                continue;
            }
            FieldSpec field = FieldSpec.builder(spec, c.topicConstant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc(channelDoc(ch))
                    .initializer("new $T($S, $L, $L, $L)", spec, ch.topicName(),
                            // -1: the runtime's "broker default"
                            ch.partitions() == null ? "-1" : ch.partitions().toString(),
                            "(short) " + (ch.replicas() == null ? "-1" : ch.replicas().toString()),
                            configMap(ch.topicConfiguration()))
                    .build();
            type.addField(field);
            if (!all.isEmpty()) {
                all.add(", ");
            }
            all.add("$N", field);
        }
        type.addMethod(MethodSpec.methodBuilder("all")
                .addJavadoc("Every topic with a fixed name, in document order.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), spec))
                .addStatement("return $T.of($L)", List.class, all.build())
                .build());
        return type.build();
    }

    private MethodSpec nameBuilder(KafkaApiPlan.ChannelPlan c) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(c.topicMethod())
                .addJavadoc("The topic of channel {@code $L} for the given parameters.\n", KafkaSources.javadoc(c.channel().name()))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(String.class);
        for (TopicNames.Param p : TopicNames.params(c.channel())) {
            m.addParameter(p.type(), p.javaName());
        }
        return m.addStatement("return $L", TopicNames.builderExpression(c.channel())).build();
    }

    private static CodeBlock channelDoc(Channel ch) {
        CodeBlock.Builder d = CodeBlock.builder().add("Channel {@code $L}", KafkaSources.javadoc(ch.name()));
        if (ch.description() != null && !ch.description().isBlank()) {
            d.add(": $L", KafkaSources.javadoc(ch.description()));
        }
        return d.add("\n").build();
    }

    private static CodeBlock configMap(Map<String, String> config) {
        if (config.isEmpty()) {
            return CodeBlock.of("$T.of()", Map.class);
        }
        // Map.ofEntries keeps any number of entries; sorted by key so the output never depends on map order.
        CodeBlock.Builder b = CodeBlock.builder().add("$T.ofEntries(", Map.class);
        boolean first = true;
        for (String key : config.keySet().stream().sorted().toList()) {
            b.add(first ? "" : ", ").add("$T.entry($S, $S)", Map.class, key, config.get(key));
            first = false;
        }
        return b.add(")").build();
    }
}
