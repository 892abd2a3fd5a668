package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Modifier;

/**
 * The one class a user starts from: connect (to a server of the contract by name, or to explicit bootstrap servers),
 * get producers, register handlers, provision topics, start, close. It owns one runtime producer (created on first use)
 * and the consumer runners it built.
 */
final class EntryPointGenerator {

    private static final ClassName TYPED_PRODUCER = ProducerGenerator.TYPED_PRODUCER;
    private static final ClassName KAFKA_PRODUCER = ClassName.get("io.asyncapikafka.runtime.producer", "KafkaTypedProducer");
    private static final ClassName PROVISIONER = ClassName.get("io.asyncapikafka.runtime", "TopicProvisioner");
    private static final ClassName ACL_PROVISIONER = ClassName.get("io.asyncapikafka.runtime", "AclProvisioner");
    private static final ClassName CONNECTION_CHECK = ClassName.get("io.asyncapikafka.runtime.security", "ConnectionCheck");
    private static final ClassName CONSUMER_HEALTH = ClassName.get("io.asyncapikafka.runtime.consumer", "ConsumerHealth");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;

    EntryPointGenerator(KafkaSources sources, KafkaApiPlan plan) {
        this.sources = sources;
        this.plan = plan;
    }

    /** The {@code ce_source} of what this side sends: {@code urn:asyncapi:<contract title>}. */
    static String source(KafkaApiPlan plan) {
        String title = plan.model().info().title() == null ? "contract" : plan.model().info().title();
        return "urn:asyncapi:" + KafkaNaming.propertyToken(title);
    }

    TypeSpec generate() {
        ClassName self = plan.entryClass();
        ClassName config = ConsumerGenerator.CLIENT_CONFIG;
        ClassName runner = ConsumerGenerator.RUNNER;
        ParameterizedTypeName producerCustomizer = ParameterizedTypeName.get(ClassName.get(UnaryOperator.class),
                KAFKA_PRODUCER.nestedClass("Builder"));
        ParameterizedTypeName consumerCustomizer = ParameterizedTypeName.get(ClassName.get(UnaryOperator.class),
                ConsumerGenerator.RUNNER_BUILDER);
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(self))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addJavadoc(javadoc())
                .addField(FieldSpec.builder(String.class, "SOURCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The {@code ce_source} of the records this side sends.\n")
                        .initializer("$S", source(plan))
                        .build())
                .addField(config, "config", Modifier.PRIVATE, Modifier.FINAL)
                .addField(TYPED_PRODUCER, "producer", Modifier.PRIVATE)
                .addField(ParameterizedTypeName.get(ClassName.get(List.class), runner), "runners", Modifier.PRIVATE, Modifier.FINAL)
                .addField(boolean.class, "started", Modifier.PRIVATE)
                .addField(FieldSpec.builder(producerCustomizer, "producerCustomizer", Modifier.PRIVATE)
                        .initializer("$T.identity()", UnaryOperator.class).build())
                .addField(FieldSpec.builder(consumerCustomizer, "consumerCustomizer", Modifier.PRIVATE)
                        .initializer("$T.identity()", UnaryOperator.class).build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(config, "config")
                        .addStatement("this.config = $T.requireNonNull(config, $S)", Objects.class, "config")
                        .addStatement("this.runners = new $T<>()", ArrayList.class)
                        .build())
                .addMethod(MethodSpec.methodBuilder("connect")
                        .addJavadoc("Connects with explicit client properties (bootstrap servers, security, ...).\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addParameter(config, "config")
                        .addStatement("return new $T(config)", self)
                        .build())
                .addMethod(MethodSpec.methodBuilder("connect")
                        .addJavadoc("Connects to {@code bootstrapServers} without security (local brokers, tests).\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addParameter(String.class, "bootstrapServers")
                        .addStatement("return new $T($T.of(bootstrapServers))", self, config)
                        .build());
        if (!plan.servers().isEmpty()) {
            type.addMethod(MethodSpec.methodBuilder("connectToServer")
                    .addJavadoc("Connects to a server of the contract by name and verifies the connection within $L s;"
                            + " its secrets are read from system properties or environment variables now (see the"
                            + " server's config class).\n\n"
                            + "@throws IllegalStateException naming the variable when a required secret is not set\n"
                            + "@throws io.asyncapikafka.runtime.security.KafkaConnectionException naming the server, what"
                            + " the broker said and the variable to set when the connection fails\n",
                            30)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(plan.entryClass())
                    .addParameter(String.class, "server")
                    .addStatement("return connectToServer(server, $T.DEFAULT_TIMEOUT)", CONNECTION_CHECK)
                    .build());
            type.addMethod(connectToServer());
        }
        type.addMethod(MethodSpec.methodBuilder("config")
                .addModifiers(Modifier.PUBLIC)
                .returns(config)
                .addStatement("return config")
                .build());
        type.addMethod(MethodSpec.methodBuilder("producer")
                .addJavadoc("The runtime producer every facade of this instance shares, created on first use.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(TYPED_PRODUCER)
                .beginControlFlow("if (producer == null)")
                .addStatement("producer = producerCustomizer.apply($T.builder(config).source(SOURCE)).build()",
                        KAFKA_PRODUCER)
                .endControlFlow()
                .addStatement("return producer")
                .build());
        type.addMethod(MethodSpec.methodBuilder("customizeProducer")
                .addJavadoc("Changes how the shared producer is built (observers for metrics or tracing, a client"
                        + " listener, client properties); call it before the first send.\n\n"
                        + "@throws IllegalStateException if the producer was already built\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(self)
                .addParameter(producerCustomizer, "customize")
                .beginControlFlow("if (producer != null)")
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "the producer is already built; customize it before the first send")
                .endControlFlow()
                .addStatement("this.producerCustomizer = $T.requireNonNull(customize, $S)", Objects.class, "customize")
                .addStatement("return this")
                .build());
        type.addMethod(MethodSpec.methodBuilder("customizeConsumers")
                .addJavadoc("Changes every consumer runner registered afterwards (metrics, observers, a client listener),"
                        + " before a registration's own {@code customize}; call it before registering handlers.\n\n"
                        + "@throws IllegalStateException if a handler was already registered\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(self)
                .addParameter(consumerCustomizer, "customize")
                .beginControlFlow("if (!runners.isEmpty())")
                .addStatement("throw new $T($S)", IllegalStateException.class,
                        "handlers are already registered; customize consumers before registering them")
                .endControlFlow()
                .addStatement("this.consumerCustomizer = $T.requireNonNull(customize, $S)", Objects.class, "customize")
                .addStatement("return this")
                .build());
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            if (c.producerClass() != null) {
                type.addMethod(MethodSpec.methodBuilder(c.producerAccessor())
                        .addJavadoc("Sends on channel {@code $L}.\n", KafkaSources.javadoc(c.channel().name()))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(c.producerClass())
                        .addStatement("return new $T(producer())", c.producerClass())
                        .build());
            }
        }
        for (KafkaApiPlan.ReceivePlan r : plan.receives()) {
            ParameterizedTypeName customizer = ParameterizedTypeName.get(ClassName.get(UnaryOperator.class),
                    ConsumerGenerator.RUNNER_BUILDER);
            // x-asyncapi-kafka-exactly-once: the registration takes the operation's ExactlyOnce, as its runner does
            boolean eos = r.operation().exactlyOnce();
            String args = eos ? "exactlyOnce, handler" : "handler";
            MethodSpec.Builder plain = MethodSpec.methodBuilder(r.registrationMethod())
                    .addJavadoc("Registers the handler of operation {@code $L} with the generated defaults; it runs after"
                            + " {@link #start()}.\n", KafkaSources.javadoc(r.operation().operationId()))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(runner);
            MethodSpec.Builder customized = MethodSpec.methodBuilder(r.registrationMethod())
                    .addJavadoc("Registers the handler of operation {@code $L}; {@code customize} may change group id,"
                            + " retry policy, dedup stores, concurrency, topics. It runs after {@link #start()}.\n",
                            KafkaSources.javadoc(r.operation().operationId()))
                    .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                    .returns(runner);
            if (eos) {
                plain.addParameter(ConsumerGenerator.EXACTLY_ONCE, "exactlyOnce");
                customized.addParameter(ConsumerGenerator.EXACTLY_ONCE, "exactlyOnce");
            }
            type.addMethod(plain
                    .addParameter(r.handlerClass(), "handler")
                    .addStatement("return $N(" + args + ", $T.identity())", r.registrationMethod(), UnaryOperator.class)
                    .build());
            type.addMethod(customized
                    .addParameter(r.handlerClass(), "handler")
                    .addParameter(customizer, "customize")
                    .addStatement("$T runner = customize.apply(consumerCustomizer.apply($T.runner(config, " + args
                            + "))).build()", runner, r.consumerClass())
                    .addStatement("runners.add(runner)")
                    .beginControlFlow("if (started)")
                    .addStatement("runner.start()")
                    .endControlFlow()
                    .addStatement("return runner")
                    .build());
        }
        if (!plan.replies().isEmpty()) {
            // what the entry point made for request/reply and closes after the runners
            type.addField(FieldSpec.builder(ParameterizedTypeName.get(List.class, Runnable.class), "closers",
                    Modifier.PRIVATE, Modifier.FINAL).initializer("new $T<>()", ArrayList.class).build());
        }
        for (ReplyPlanner.ReplyPlan r : plan.replies()) {
            if (r.replier()) {
                addReplier(type, r);
            } else {
                addRequester(type, r);
            }
        }
        type.addMethod(MethodSpec.methodBuilder("provisionTopics")
                .addJavadoc("Creates the contract's missing topics ({@link $T#all()}); existing ones are only compared.\n",
                        plan.topicsClass())
                .addModifiers(Modifier.PUBLIC)
                .returns(PROVISIONER.nestedClass("Report"))
                .beginControlFlow("try ($T provisioner = $T.create(config))", PROVISIONER, PROVISIONER)
                .addStatement("return provisioner.ensure($T.all())", plan.topicsClass())
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("provisionAcls")
                .addJavadoc("Creates the missing least-privilege ACLs ({@link $T#required()}) for {@code principal}"
                        + " (e.g. {@code User:orders}); needs a configuration allowed to manage ACLs. Never deletes"
                        + " one; the report lists the principal's ACLs beyond the contract.\n", plan.aclsClass())
                .addModifiers(Modifier.PUBLIC)
                .returns(ACL_PROVISIONER.nestedClass("Report"))
                .addParameter(String.class, "principal")
                .beginControlFlow("try ($T provisioner = $T.create(config))", ACL_PROVISIONER, ACL_PROVISIONER)
                .addStatement("return provisioner.ensure(principal, $T.required())", plan.aclsClass())
                .endControlFlow()
                .build());
        type.addMethod(MethodSpec.methodBuilder("start")
                .addJavadoc("Starts every registered handler's consumers.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(self)
                .addStatement("started = true")
                .addStatement("runners.forEach($T::start)", runner)
                .addStatement("return this")
                .build());
        type.addMethod(MethodSpec.methodBuilder("isRunning")
                .addJavadoc("Whether it was started and every consumer runner runs (for a health check): {@code false}"
                        + " as soon as a consumer thread died or a handler hit a fatal error (see {@link #failures()}).\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(boolean.class)
                .addStatement("return started && runners.stream().allMatch($T::isRunning)", runner)
                .build());
        type.addMethod(MethodSpec.methodBuilder("failures")
                .addJavadoc("The errors that stopped consumer threads, at most one per runner; empty while healthy.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(ParameterizedTypeName.get(List.class, Throwable.class))
                .addStatement("$T<$T> out = new $T<>()", List.class, Throwable.class, ArrayList.class)
                .addStatement("runners.forEach(r -> r.failure().ifPresent(out::add))")
                .addStatement("return out")
                .build());
        type.addMethod(MethodSpec.methodBuilder("health")
                .addJavadoc("Every consumer runner's health in one call, in registration order: state, assigned"
                        + " partitions, failure, and the partitions whose last measured lag is above {@code"
                        + " lagThreshold} records; plug it into the service's health endpoint.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), CONSUMER_HEALTH))
                .addParameter(long.class, "lagThreshold")
                .addStatement("return runners.stream().map(r -> r.health(lagThreshold)).toList()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("close")
                .addJavadoc(plan.replies().isEmpty()
                        ? "Stops the consumers gracefully (finished work is committed), then flushes and closes the producer.\n"
                        : "Stops the consumers gracefully (finished work is committed), then closes the repliers and"
                                + " requesters it made, then flushes and closes the producer.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .beginControlFlow("for (int i = runners.size() - 1; i >= 0; i--)")
                .addStatement("runners.get(i).close()")
                .endControlFlow()
                .addStatement("runners.clear()")
                .addCode(closeClosers())
                .beginControlFlow("if (producer != null)")
                .addStatement("producer.close()")
                .addStatement("producer = null")
                .endControlFlow()
                .build());
        return type.build();
    }

    private CodeBlock closeClosers() {
        if (plan.replies().isEmpty()) {
            return CodeBlock.of("");
        }
        return CodeBlock.builder()
                .beginControlFlow("for (int i = closers.size() - 1; i >= 0; i--)")
                .addStatement("closers.get(i).run()")
                .endControlFlow()
                .addStatement("closers.clear()")
                .build();
    }

    /**
     * {@code <registration>Replying(handler)}: the operation's consumer registered with a returning handler whose
     * replies the entry point's own {@code <Op>Replier} sends (closed after the runners in {@link #close()}).
     */
    private void addReplier(TypeSpec.Builder type, ReplyPlanner.ReplyPlan r) {
        KafkaApiPlan.ReceivePlan receive = plan.receives().stream().filter(x -> x.operation() == r.operation())
                .findFirst().orElseThrow();
        ClassName runner = ConsumerGenerator.RUNNER;
        ClassName handler = r.className().nestedClass("Handler");
        ParameterizedTypeName customizer = ParameterizedTypeName.get(ClassName.get(UnaryOperator.class),
                ConsumerGenerator.RUNNER_BUILDER);
        String name = receive.registrationMethod() + "Replying";
        type.addMethod(MethodSpec.methodBuilder(name)
                .addJavadoc("Registers a replying handler of operation {@code $L} with the generated defaults: each"
                        + " request's reply is sent (to the reply channel {@code $L}) and acknowledged before the"
                        + " request counts as processed. It runs after {@link #start()}.\n",
                        KafkaSources.javadoc(r.operation().operationId()),
                        KafkaSources.javadoc(r.replyChannel().channel().name()))
                .addModifiers(Modifier.PUBLIC)
                .returns(runner)
                .addParameter(handler, "handler")
                .addStatement("return $N(handler, $T.identity())", name, UnaryOperator.class)
                .build());
        type.addMethod(MethodSpec.methodBuilder(name)
                .addJavadoc("Registers a replying handler of operation {@code $L}; {@code customize} may change group"
                        + " id, retry policy, dedup stores, concurrency. It runs after {@link #start()}.\n",
                        KafkaSources.javadoc(r.operation().operationId()))
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(runner)
                .addParameter(handler, "handler")
                .addParameter(customizer, "customize")
                .addStatement("$T.requireNonNull(handler, $S)", Objects.class, "handler")
                .addStatement("var replier = $T.replier(config)", r.className())
                .addStatement("closers.add(replier::close)")
                .addStatement("$T runner = customize.apply(consumerCustomizer.apply($T.runner(config, replier,"
                        + " handler))).build()", runner, r.className())
                .addStatement("runners.add(runner)")
                .beginControlFlow("if (started)")
                .addStatement("runner.start()")
                .endControlFlow()
                .addStatement("return runner")
                .build());
    }

    /** {@code <operation>Requester(...)}: a connected {@code <Op>Requester} the entry point closes in {@link #close()}. */
    private void addRequester(TypeSpec.Builder type, ReplyPlanner.ReplyPlan r) {
        String name = KafkaNaming.methodName(r.operation().operationId()) + "Requester";
        boolean fixed = r.fixedReplyTopic() && !r.requestChannel().channel().isParameterised();
        if (fixed) {
            type.addMethod(MethodSpec.methodBuilder(name)
                    .addJavadoc("A requester of operation {@code $L} on the contract's request and reply topics; a"
                            + " request without a reply after {@code timeout} fails with a {@code TimeoutException}."
                            + " Closed with this instance.\n", KafkaSources.javadoc(r.operation().operationId()))
                    .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                    .returns(r.className())
                    .addParameter(java.time.Duration.class, "timeout")
                    .addStatement("$T requester = $T.connect(config, timeout)", r.className(), r.className())
                    .addStatement("closers.add(requester::close)")
                    .addStatement("return requester")
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder(name)
                .addJavadoc("A requester of operation {@code $L}: requests go to {@code requestTopic}, replies are read"
                        + " from {@code replyTopic}; a request without a reply after {@code timeout} fails with a"
                        + " {@code TimeoutException}. Closed with this instance.\n",
                        KafkaSources.javadoc(r.operation().operationId()))
                .addModifiers(Modifier.PUBLIC, Modifier.SYNCHRONIZED)
                .returns(r.className())
                .addParameter(String.class, "requestTopic")
                .addParameter(String.class, "replyTopic")
                .addParameter(java.time.Duration.class, "timeout")
                .addStatement("$T requester = $T.connect(config, requestTopic, replyTopic, timeout)", r.className(),
                        r.className())
                .addStatement("closers.add(requester::close)")
                .addStatement("return requester")
                .build());
    }

    private MethodSpec connectToServer() {
        CodeBlock.Builder sw = CodeBlock.builder().add("return new $T(switch (server) {\n", plan.entryClass()).indent();
        List<String> names = new ArrayList<>();
        for (ServerConfigGenerator.ServerConfig s : plan.servers()) {
            // How to set each setting, for the connection check's messages (the names only, never a value).
            List<CodeBlock> hints = new ArrayList<>();
            for (ServerConfigGenerator.Setting setting : s.settings()) {
                hints.add(CodeBlock.of("\n$T.entry($S, $S)", java.util.Map.class, setting.suffix(),
                        setting.env(s.server()) + " or -D" + setting.property(s.server())));
            }
            sw.add("case $S -> $T.verify($T.clientConfig(), new $T.Target($S, $T.ofEntries($>$>$L$<$<)), timeout);\n",
                    s.server().name(), CONNECTION_CHECK, s.className(), CONNECTION_CHECK, s.server().name(),
                    java.util.Map.class, CodeBlock.join(hints, ","));
            names.add(s.server().name());
        }
        sw.add("default -> throw new $T(\"unknown server '\" + server + \"'; the contract declares $L\");\n",
                IllegalArgumentException.class, String.join(", ", names).replace("$", "$$"));
        sw.unindent().add("});\n");
        return MethodSpec.methodBuilder("connectToServer")
                .addJavadoc("Connects to a server of the contract by name and verifies within {@code timeout} that it"
                        + " answers and accepts the credentials; its secrets are read from system properties or"
                        + " environment variables now (see the server's config class).\n\n"
                        + "@throws IllegalStateException naming the variable when a required secret is not set\n"
                        + "@throws io.asyncapikafka.runtime.security.KafkaConnectionException naming the server, what"
                        + " the broker said and the variable to set when the connection fails\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(plan.entryClass())
                .addParameter(String.class, "server")
                .addParameter(java.time.Duration.class, "timeout")
                .addCode(sw.build())
                .build();
    }

    private CodeBlock javadoc() {
        CodeBlock.Builder d = CodeBlock.builder().add("Kafka API of contract {@code $L}", KafkaSources.javadoc(
                plan.model().info().title() == null ? plan.model().contractFile() : plan.model().info().title()));
        d.add(" ($L side).\n\n", plan.model().role().name().toLowerCase(java.util.Locale.ROOT));
        d.add("<pre>{@code\ntry (var kafka = $L.connect(\"localhost:9092\")) {\n", plan.entryClass().simpleName());
        plan.channels().stream().filter(c -> c.producerClass() != null && !c.sends().isEmpty()).findFirst()
                .ifPresent(c -> d.add("    kafka.$L().$L(...);\n", c.producerAccessor(), c.sends().get(0).methodName()));
        plan.receives().stream().findFirst()
                .ifPresent(r -> d.add("    kafka.$L($L);\n", r.registrationMethod(),
                        r.operation().exactlyOnce() ? "exactlyOnce, handler" : "handler"));
        return d.add("    kafka.start();\n}\n}</pre>\n").build();
    }
}
