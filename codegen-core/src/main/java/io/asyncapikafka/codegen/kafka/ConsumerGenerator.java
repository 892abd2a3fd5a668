package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.Code;
import io.asyncapikafka.model.Operation;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The registration of a receive operation: a runtime {@code ConsumerRunner.Builder} (or, for unit tests, a
 * {@code HandlerDriver.Builder}) with the handler's methods registered per message type, the topic or topic pattern,
 * the default group and client ids, and the retry and dead-letter topics resolved at generation time. Everything stays
 * overridable on the returned builder, which is where retry policy, dedup stores and concurrency are set.
 */
final class ConsumerGenerator {

    static final ClassName RUNNER = ClassName.get("io.asyncapikafka.runtime.consumer", "ConsumerRunner");
    static final ClassName RUNNER_BUILDER = RUNNER.nestedClass("Builder");
    static final ClassName DRIVER = ClassName.get("io.asyncapikafka.runtime.consumer", "HandlerDriver");
    static final ClassName DRIVER_BUILDER = DRIVER.nestedClass("Builder");
    static final ClassName CLIENT_CONFIG = ClassName.get("io.asyncapikafka.runtime", "KafkaClientConfig");
    static final ClassName EXACTLY_ONCE = ClassName.get("io.asyncapikafka.runtime.consumer", "ExactlyOnce");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;

    ConsumerGenerator(KafkaSources sources, KafkaApiPlan plan) {
        this.sources = sources;
        this.plan = plan;
    }

    TypeSpec generate(KafkaApiPlan.ReceivePlan r) {
        Operation op = r.operation();
        RetryDlqResolver.Resolution res = r.resolution();
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(r.consumerClass()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Wires a {@link $T} into the runtime for operation {@code $L} on channel {@code $L}.\n",
                        r.handlerClass(), KafkaSources.javadoc(op.operationId()), KafkaSources.javadoc(r.channel().name()))
                .addField(constant("GROUP_ID", r.group().id(), "Consumer group, from " + r.group().rule() + "."));
        if (op.clientId() != null) {
            type.addField(constant("CLIENT_ID", op.clientId(), "Client id from the operation binding."));
        }
        if (res.retryTopic() != null) {
            type.addField(constant("RETRY_TOPIC", res.retryTopic(), "Retry topic (" + res.retryRule() + ")."));
        }
        type.addField(constant("DEAD_LETTER_TOPIC", res.dlqTopic(), "Dead-letter topic (" + res.dlqRule() + ")."));
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

        CodeBlock.Builder runner = CodeBlock.builder()
                .add(Code.of("$T.requireNonNull(handler, $S);\n$T builder = $T.builder(config)\n", Objects.class,
                        "handler", RUNNER_BUILDER, RUNNER).block())
                .indent().indent()
                .add(".groupId(GROUP_ID)\n");
        if (op.clientId() != null) {
            runner.add(".clientId(CLIENT_ID)\n");
        }
        if (r.channel().isParameterised()) {
            runner.add(Code.of(".topicPattern($T.$N_PATTERN)\n", plan.topicsClass(), plan.channelOf(r).topicConstant())
                    .block());
        } else {
            runner.add(Code.of(".topics($T.$N.name())\n", plan.topicsClass(), plan.channelOf(r).topicConstant()).block());
        }
        if (res.retryTopic() != null) {
            runner.add(".retryTopic(RETRY_TOPIC)\n");
        }
        if (op.exactlyOnce()) {
            runner.add(Code.of(".exactlyOnce($T.requireNonNull(exactlyOnce, $S))\n", Objects.class, "exactlyOnce")
                    .block());
        }
        runner.add(".deadLetterTopic(DEAD_LETTER_TOPIC);\n").unindent().unindent();
        addHandlers(runner, r);
        MethodSpec.Builder runnerMethod = MethodSpec.methodBuilder("runner")
                .addJavadoc("A consumer runner builder for this operation, ready to {@code build()}; set retry policy, dedup"
                        + " stores, concurrency or another group id on it first if needed.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(RUNNER_BUILDER)
                .addParameter(CLIENT_CONFIG, "config");
        if (op.exactlyOnce()) {
            // the contract asks for exactly-once: the runner cannot be had without the transactional setup
            runnerMethod.addJavadoc("\n<p>Exactly-once ({@code x-asyncapi-kafka-exactly-once}): the handler's sends through"
                    + " producer facades on {@code exactlyOnce.producer()} and each record's offset commit in one"
                    + " transaction; see {@link #exactlyOnce}.\n")
                    .addParameter(EXACTLY_ONCE, "exactlyOnce");
        }
        type.addMethod(runnerMethod
                .addParameter(r.handlerClass(), "handler")
                .addCode(runner.build())
                .addCode(Code.of("return builder;\n").block())
                .build());
        if (op.exactlyOnce()) {
            type.addMethod(MethodSpec.methodBuilder("exactlyOnce")
                    .addJavadoc("The exactly-once setup of this operation ({@code x-asyncapi-kafka-exactly-once}), its"
                            + " transactional ids prefixed with the group id: build it, give its {@code producer()} to the"
                            + " producer facades the handler sends with, and pass it to {@link #runner}.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(EXACTLY_ONCE.nestedClass("Builder"))
                    .addParameter(CLIENT_CONFIG, "config")
                    .addCode(Code.of("return $T.builder(config).transactionalIdPrefix(GROUP_ID);\n", EXACTLY_ONCE)
                            .block())
                    .build());
        }

        CodeBlock.Builder driver = CodeBlock.builder()
                .add(Code.of("$T.requireNonNull(handler, $S);\n$T builder = $T.builder()\n", Objects.class, "handler",
                        DRIVER_BUILDER, DRIVER).block())
                .indent().indent()
                .add(".groupId(GROUP_ID)\n");
        if (res.retryTopic() != null) {
            driver.add(".retryTopic(RETRY_TOPIC)\n");
        }
        driver.add(".deadLetterTopic(DEAD_LETTER_TOPIC);\n").unindent().unindent();
        addHandlers(driver, r);
        type.addMethod(MethodSpec.methodBuilder("testDriver")
                .addJavadoc("A handler driver for unit tests without a broker: the same dispatch, decoding, validation, dedup,"
                        + " retries and dead-lettering as {@link #runner}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(DRIVER_BUILDER)
                .addParameter(r.handlerClass(), "handler")
                .addCode(driver.build())
                .addCode(Code.of("return builder;\n").block())
                .build());
        return type.build();
    }

    private void addHandlers(CodeBlock.Builder code, KafkaApiPlan.ReceivePlan r) {
        ClassName parameters = plan.channelOf(r).parametersClass();
        for (KafkaApiPlan.HandlerMethod m : r.methods()) {
            if (parameters != null) {
                // the runtime reads the parameters from the topic before the handler runs (a refused topic is
                // dead-lettered), and hands them over with the message
                Code.statement(code, "builder.handle($T.$N, $T::fromTopic, m -> handler.$N(m, m.parameters($T.class)))",
                        plan.messagesClass(), plan.messageConstant(m.message()), parameters, m.methodName(), parameters);
            } else {
                Code.statement(code, "builder.handle($T.$N, handler::$N)", plan.messagesClass(),
                        plan.messageConstant(m.message()), m.methodName());
            }
        }
    }

    private static FieldSpec constant(String name, String value, String doc) {
        return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", KafkaSources.javadoc(doc))
                .initializer("$S", value)
                .build();
    }
}
