package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.Code;
import io.asyncapikafka.model.Message;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The test double of a producer facade: the facade on the runtime's {@code InMemoryProducer}, with typed access to what
 * was sent. Encoding and validation are the production ones, so an invalid payload fails in a unit test too.
 */
final class InMemoryProducerGenerator {

    static final ClassName IN_MEMORY = ClassName.get("io.asyncapikafka.runtime.producer", "InMemoryProducer");
    private static final ClassName MESSAGE = ClassName.get("io.asyncapikafka.runtime", "Message");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final TypeLookup types;

    InMemoryProducerGenerator(KafkaSources sources, KafkaApiPlan plan, TypeLookup types) {
        this.sources = sources;
        this.plan = plan;
        this.types = types;
    }

    static ClassName className(KafkaApiPlan.ChannelPlan c) {
        return c.inMemoryProducerClass();
    }

    TypeSpec generate(KafkaApiPlan.ChannelPlan c) {
        ClassName facade = c.producerClass();
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(className(c)))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("An in-memory {@link $T} for unit tests: nothing reaches Kafka; what was sent can be read back"
                        + " typed.\n", facade)
                .addField(IN_MEMORY, "records", Modifier.PRIVATE, Modifier.FINAL)
                .addField(facade, "producer", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addCode(Code.of("this.records = $T.create();\nthis.producer = new $T(records);\n", IN_MEMORY,
                                facade).block())
                        .build())
                .addMethod(MethodSpec.methodBuilder("create")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(className(c))
                        .addCode(Code.of("return new $T();\n", className(c)).block())
                        .build())
                .addMethod(MethodSpec.methodBuilder("producer")
                        .addJavadoc("The facade to hand to the code under test.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(facade)
                        .addCode(Code.of("return producer;\n").block())
                        .build())
                .addMethod(MethodSpec.methodBuilder("records")
                        .addJavadoc("The records as they would have gone on the wire (topic, key bytes, headers).\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(IN_MEMORY)
                        .addCode(Code.of("return records;\n").block())
                        .build())
                .addMethod(MethodSpec.methodBuilder("clear")
                        .addJavadoc("Forgets what was sent.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addCode(Code.of("records.clear();\n").block())
                        .build());
        Set<Message> seen = new LinkedHashSet<>();
        for (KafkaApiPlan.SendMethod s : c.sends()) {
            if (!seen.add(s.message())) {
                continue;
            }
            MessageJavaTypes t = types.of(s.message());
            type.addMethod(MethodSpec.methodBuilder("sent" + KafkaNaming.typeName(s.message().name()))
                    .addJavadoc("The {@code $L} messages sent so far, decoded back from their wire form.\n",
                            KafkaSources.javadoc(s.message().name()))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(ClassName.get(List.class),
                            ParameterizedTypeName.get(MESSAGE, t.keyArgument(), t.payload(), t.headersArgument())))
                    .addCode(Code.of("return records.sent($T.$N);\n", plan.messagesClass(),
                            plan.messageConstant(s.message())).block())
                    .build());
        }
        return type.build();
    }
}
