package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.Code;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.lang.model.element.Modifier;

/**
 * The request/reply half of an AsyncAPI 3.x operation with a {@code reply}, as {@link ReplyPlanner} decided it:
 * {@code <Op>Replier} (this side receives the request: a handler that returns the reply, registered on the operation's
 * consumer runner) or {@code <Op>Requester} (this side sends it: a method completing with the typed reply). Both
 * only name topics, message types and headers; the work is the runtime's {@code Replier} / {@code RequestReplyClient}.
 */
final class ReplyGenerator {

    private static final String REPLY_PACKAGE = "io.asyncapikafka.runtime.reply";
    private static final ClassName REPLIER = ClassName.get(REPLY_PACKAGE, "Replier");
    private static final ClassName CLIENT = ClassName.get(REPLY_PACKAGE, "RequestReplyClient");
    private static final ClassName MESSAGE = ClassName.get("io.asyncapikafka.runtime", "Message");
    private static final ClassName MESSAGE_HANDLER = ClassName.get("io.asyncapikafka.runtime.consumer",
            "MessageHandler");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final TypeLookup types;

    ReplyGenerator(KafkaSources sources, KafkaApiPlan plan, TypeLookup types) {
        this.sources = sources;
        this.plan = plan;
        this.types = types;
    }

    TypeSpec generate(ReplyPlanner.ReplyPlan r) {
        return r.replier() ? replier(r) : requester(r);
    }

    private TypeSpec.Builder start(ReplyPlanner.ReplyPlan r, String doc) {
        TypeSpec.Builder type = sources.annotate(TypeSpec.classBuilder(r.className()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("$L", doc)
                .addField(constant("CORRELATION_HEADER", r.correlationHeader(),
                        "The header holding the correlation id, in the request and in the reply."));
        if (r.replyToHeader() != null) {
            type.addField(constant("REPLY_TO_HEADER", r.replyToHeader(), "The request header naming the reply topic."));
        }
        return type;
    }

    private String replyDoc(ReplyPlanner.ReplyPlan r, String what) {
        return what + " of operation {@code " + KafkaSources.javadoc(r.operation().operationId()) + "}: request {@code "
                + KafkaSources.javadoc(r.request().name()) + "} on channel {@code "
                + KafkaSources.javadoc(r.requestChannel().channel().name()) + "}, reply {@code "
                + KafkaSources.javadoc(r.reply().name()) + "} on channel {@code "
                + KafkaSources.javadoc(r.replyChannel().channel().name()) + "}"
                + (r.replyToHeader() != null ? " (to the topic the request's {@code "
                        + KafkaSources.javadoc(r.replyToHeader()) + "} header names)" : "")
                + ", correlated by header {@code " + KafkaSources.javadoc(r.correlationHeader()) + "}.\n";
    }

    private TypeSpec replier(ReplyPlanner.ReplyPlan r) {
        MessageJavaTypes req = types.of(r.request());
        MessageJavaTypes rep = types.of(r.reply());
        TypeName replyMessage = ParameterizedTypeName.get(MESSAGE, rep.keyArgument(), rep.payload(),
                rep.headersArgument());
        TypeName replierType = ParameterizedTypeName.get(REPLIER, rep.keyArgument(), rep.payload(),
                rep.headersArgument());
        ClassName handler = r.className().nestedClass("Handler");
        TypeSpec.Builder type = start(r, replyDoc(r, "The replying side"));
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addType(TypeSpec.interfaceBuilder(handler)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addAnnotation(FunctionalInterface.class)
                .addJavadoc("Handles a request and returns its reply; throwing means \"not processed\" (retried or"
                        + " dead-lettered, no reply).\n")
                .addMethod(MethodSpec.methodBuilder("reply")
                        .addJavadoc("@param request the decoded, validated request\n@return the reply to send\n"
                                + "@throws Exception to have the request retried or dead-lettered\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .returns(replyMessage)
                        .addParameter(HandlerGenerator.received(req), "request")
                        .addException(Exception.class)
                        .build())
                .build());
        String fixedTopic = r.fixedReplyTopic() ? "$T.$N.name()" : "null";
        Object[] topicArgs = r.fixedReplyTopic()
                ? new Object[] {plan.topicsClass(), r.replyChannel().topicConstant()} : new Object[0];
        MethodSpec.Builder create = MethodSpec.methodBuilder("replier")
                .addJavadoc("The runtime replier (its own idempotent producer); close it after the consumer runner.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(replierType)
                .addParameter(ConsumerGenerator.CLIENT_CONFIG, "config");
        Object[] args = new Object[5 + topicArgs.length];
        args[0] = REPLIER;
        args[1] = "urn:asyncapi-kafka:" + r.operation().operationId();
        args[2] = plan.messagesClass();
        args[3] = plan.messageConstant(r.reply());
        args[4] = r.replyToHeader() != null ? "REPLY_TO_HEADER" : "null";
        System.arraycopy(topicArgs, 0, args, 5, topicArgs.length);
        Code.statement(create, "return $T.create(config, $S, $T.$N, CORRELATION_HEADER, $L, " + fixedTopic + ")", args);
        type.addMethod(create.build());
        MethodSpec.Builder runner = MethodSpec.methodBuilder("runner")
                .addJavadoc("The operation's consumer runner builder with {@code handler}'s replies wired: each reply is"
                        + " sent and acknowledged before its request counts as processed.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ConsumerGenerator.RUNNER_BUILDER)
                .addParameter(ConsumerGenerator.CLIENT_CONFIG, "config")
                .addParameter(replierType, "replier")
                .addParameter(handler, "handler");
        Code.statement(runner, "$T.requireNonNull(handler, $S)", Objects.class, "handler");
        Code.statement(runner, "$T replying = replier.replying(handler::reply)", ParameterizedTypeName.get(
                MESSAGE_HANDLER, req.keyArgument(), req.payload(), req.headersArgument()));
        if (plan.receives().stream().anyMatch(x -> x.consumerClass().equals(r.consumerClass())
                && plan.channelOf(x).parametersClass() != null)) {
            // a parameterised request channel: its handler also takes the parameters, which a reply does not need
            Code.statement(runner, "return $T.runner(config, (message, parameters) -> replying.handle(message))",
                    r.consumerClass());
        } else {
            Code.statement(runner, "return $T.runner(config, replying::handle)", r.consumerClass());
        }
        type.addMethod(runner.build());
        return type.build();
    }

    private TypeSpec requester(ReplyPlanner.ReplyPlan r) {
        MessageJavaTypes req = types.of(r.request());
        MessageJavaTypes rep = types.of(r.reply());
        TypeName clientType = ParameterizedTypeName.get(CLIENT, req.keyArgument(), req.payload(),
                req.headersArgument(), rep.keyArgument(), rep.payload(), rep.headersArgument());
        TypeName replyMessage = ParameterizedTypeName.get(MESSAGE, rep.keyArgument(), rep.payload(),
                rep.headersArgument());
        TypeSpec.Builder type = start(r, replyDoc(r, "The requesting side") + "\n<p>Thread-safe; close it when done.\n")
                .addSuperinterface(AutoCloseable.class)
                .addField(clientType, "client", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(clientType, "client")
                        .addCode(Code.of("this.client = client;\n").block())
                        .build());
        MethodSpec.Builder connect = MethodSpec.methodBuilder("connect")
                .addJavadoc("Starts a requester: requests go to {@code requestTopic}, replies are read from"
                        + " {@code replyTopic}; a request without a reply after {@code timeout} fails with a"
                        + " {@code TimeoutException}.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(r.className())
                .addParameter(ConsumerGenerator.CLIENT_CONFIG, "config")
                .addParameter(String.class, "requestTopic")
                .addParameter(String.class, "replyTopic")
                .addParameter(Duration.class, "timeout");
        Code.statement(connect, "$T client = $T.builder(config).requests(requestTopic, $T.$N)"
                + ".replies(replyTopic, $T.$N).correlationHeader(CORRELATION_HEADER)"
                + (r.replyToHeader() != null ? ".replyToHeader(REPLY_TO_HEADER)" : "") + ".timeout(timeout).build()",
                clientType, CLIENT, plan.messagesClass(), plan.messageConstant(r.request()), plan.messagesClass(),
                plan.messageConstant(r.reply()));
        Code.statement(connect, "return new $T(client)", r.className());
        type.addMethod(connect.build());
        if (r.fixedReplyTopic() && !r.requestChannel().channel().isParameterised()) {
            MethodSpec.Builder fixed = MethodSpec.methodBuilder("connect")
                    .addJavadoc("Starts a requester on the contract's request and reply topics.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(r.className())
                    .addParameter(ConsumerGenerator.CLIENT_CONFIG, "config")
                    .addParameter(Duration.class, "timeout");
            Code.statement(fixed, "return connect(config, $T.$N.name(), $T.$N.name(), timeout)", plan.topicsClass(),
                    r.requestChannel().topicConstant(), plan.topicsClass(), r.replyChannel().topicConstant());
            type.addMethod(fixed.build());
        }
        MethodSpec.Builder request = MethodSpec.methodBuilder(KafkaNaming.methodName(r.operation().operationId()))
                .addJavadoc("Sends a {@code $L} and completes with the {@code $L} reply (or fails on the timeout).\n",
                        KafkaSources.javadoc(r.request().name()), KafkaSources.javadoc(r.reply().name()))
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), replyMessage));
        if (req.hasKey()) {
            request.addParameter(req.key(), "key");
        }
        request.addParameter(req.payload(), "payload");
        if (req.hasHeaders()) {
            request.addParameter(req.headers(), "headers");
        }
        Code.statement(request, "return client.request($L, payload, $L)", req.hasKey() ? "key" : "null",
                req.hasHeaders() ? "headers" : "null");
        type.addMethod(request.build());
        type.addMethod(MethodSpec.methodBuilder("close")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addCode(Code.of("client.close();\n").block())
                .build());
        return type.build();
    }

    private static FieldSpec constant(String name, String value, String doc) {
        return FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L\n", KafkaSources.javadoc(doc))
                .initializer("$S", value)
                .build();
    }
}
