package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * AsyncAPI 3.x request/reply end to end on the in-JVM broker: the requester generated for one side of the costing
 * contract sends, the replier generated for the other side answers through its returning handler, and the request
 * completes with the typed reply, correlated by the contract's {@code REQUEST_ID} header and sent to the topic the
 * request's {@code REPLY_TOPIC} header names; a request nobody answers fails with a timeout.
 */
class RequestReplyBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Path COSTING = Path.of("../asyncapi-model/src/test/resources/fixtures/good/costing-v31.asyncapi.yaml");

    private static final String APP = """
            package com.acme.app;
            import io.asyncapikafka.runtime.KafkaClientConfig;
            import io.asyncapikafka.runtime.Message;
            import io.asyncapikafka.runtime.consumer.ConsumerRunner;
            import java.math.BigDecimal;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;
            public final class CostingApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    KafkaClientConfig config = KafkaClientConfig.of(bootstrap);
                    List<String> out = new ArrayList<>();
                    try (var replier = com.acme.costing.replier.kafka.ReceiveACostingRequestReplier.replier(config);
                            ConsumerRunner runner = com.acme.costing.replier.kafka.ReceiveACostingRequestReplier
                                    .runner(config, replier, request -> new Message<>(null,
                                            new com.acme.costing.replier.model.CostingResponse(request.payload().productId(),
                                                    new BigDecimal("2.50").multiply(BigDecimal.valueOf(request.payload().quantity()))),
                                            new com.acme.costing.replier.model.CostingResponseHeaders(request.headers().requestId())))
                                    .groupId("costing-service").build().start();
                            var requester = com.acme.costing.requester.kafka.ReceiveACostingRequestRequester.connect(config,
                                    "adeo-dev-case-study-COSTING-REQUEST-V1", "costing-replies", Duration.ofSeconds(60))) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (runner.assignment().isEmpty() && System.nanoTime() < deadline) {
                            Thread.sleep(50); // requests sent before the group's first assignment would wait for it
                        }
                        List<CompletableFuture<Message<Void, com.acme.costing.requester.model.CostingResponse,
                                com.acme.costing.requester.model.CostingResponseHeaders>>> replies = new ArrayList<>();
                        for (int i = 1; i <= 3; i++) {
                            UUID id = UUID.fromString("00000000-0000-0000-0000-00000000000" + i);
                            replies.add(requester.receiveACostingRequest(
                                    new com.acme.costing.requester.model.CostingRequest("p" + i, i),
                                    new com.acme.costing.requester.model.CostingRequestHeaders(id, "set-by-the-client", "svc-test")));
                        }
                        for (var f : replies) {
                            var reply = f.get(90, TimeUnit.SECONDS);
                            out.add(reply.payload().productId() + "=" + reply.payload().cost() + " id=" + reply.headers().requestId());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    try (var lonely = com.acme.costing.requester.kafka.ReceiveACostingRequestRequester.connect(config,
                            "adeo-prod-case-study-COSTING-REQUEST-V1", "costing-replies", Duration.ofMillis(500))) {
                        lonely.receiveACostingRequest(new com.acme.costing.requester.model.CostingRequest("x", 1),
                                new com.acme.costing.requester.model.CostingRequestHeaders(UUID.randomUUID(), "r", "svc")).get(30, TimeUnit.SECONDS);
                        out.add("no timeout");
                    } catch (ExecutionException e) {
                        out.add("unanswered: " + e.getCause().getClass().getSimpleName());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return String.join("\\n", out);
                }
            }
            """;

    /** The same exchange through the two entry points only: the replier and the requester are theirs to close. */
    private static final String ENTRY_APP = """
            package com.acme.app;
            import io.asyncapikafka.runtime.Message;
            import io.asyncapikafka.runtime.consumer.ConsumerRunner;
            import java.math.BigDecimal;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;
            public final class CostingEntryApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    List<String> out = new ArrayList<>();
                    try (var replying = com.acme.costing.replier.kafka.CostingRequestReplyKafka.connect(bootstrap);
                            var asking = com.acme.costing.requester.kafka.CostingRequestReplyKafka.connect(bootstrap)) {
                        ConsumerRunner runner = replying.receiveACostingRequestReplying(request -> new Message<>(null,
                                new com.acme.costing.replier.model.CostingResponse(request.payload().productId(),
                                        BigDecimal.TEN.multiply(BigDecimal.valueOf(request.payload().quantity()))),
                                new com.acme.costing.replier.model.CostingResponseHeaders(request.headers().requestId())),
                                b -> b.groupId("costing-entry"));
                        replying.start();
                        var requester = asking.receiveACostingRequestRequester("adeo-uat1-case-study-COSTING-REQUEST-V2",
                                "costing-replies-2", Duration.ofSeconds(60));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (runner.assignment().isEmpty() && System.nanoTime() < deadline) {
                            Thread.sleep(50);
                        }
                        UUID id = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
                        var reply = requester.receiveACostingRequest(new com.acme.costing.requester.model.CostingRequest("e", 4),
                                new com.acme.costing.requester.model.CostingRequestHeaders(id, "set-by-the-client", "svc-test"))
                                .get(90, TimeUnit.SECONDS);
                        out.add(reply.payload().productId() + "=" + reply.payload().cost() + " id=" + reply.headers().requestId());
                        out.add("running " + replying.isRunning());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return String.join("\\n", out);
                }
            }
            """;

    private static GenerationResult generate(Path contract, Role role, String pkg) {
        var model = ContractReader.create(ReaderOptions.defaults().withRole(role)).read(contract).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of(pkg)).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result;
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatedRequesterGetsTheTypedReplyOfTheGeneratedReplier() throws Exception {
        // role=application: the contract's own "receive" -> this side replies; role=client: it sends the requests
        GenerationResult replierSide = generate(COSTING, Role.APPLICATION, "com.acme.costing.replier");
        GenerationResult requesterSide = generate(COSTING, Role.CLIENT, "com.acme.costing.requester");
        assertThat(replierSide.files()).extracting(f -> f.typeSpec().name()).contains("ReceiveACostingRequestReplier")
                .doesNotContain("ReceiveACostingRequestRequester");
        assertThat(requesterSide.files()).extracting(f -> f.typeSpec().name()).contains("ReceiveACostingRequestRequester")
                .doesNotContain("ReceiveACostingRequestReplier");
        assertThat(replierSide.diagnostics()).extracting(Diagnostic::code).doesNotContain("AKK301");
        KAFKA.createTopic("adeo-dev-case-study-COSTING-REQUEST-V1", 2);
        KAFKA.createTopic("adeo-prod-case-study-COSTING-REQUEST-V1", 1);
        KAFKA.createTopic("costing-replies", 2);
        List<JavaFile> all = new ArrayList<>(replierSide.files());
        all.addAll(requesterSide.files());
        ClassLoader cl = Javac.compile(all, Map.of("com.acme.app.CostingApp", APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.CostingApp")
                .getConstructor().newInstance();

        assertThat(app.apply(KAFKA.bootstrapServers()).split("\n")).containsExactly(
                "p1=2.50 id=00000000-0000-0000-0000-000000000001",
                "p2=5.00 id=00000000-0000-0000-0000-000000000002",
                "p3=7.50 id=00000000-0000-0000-0000-000000000003",
                "unanswered: TimeoutException");
        List<ConsumerRecord<byte[], byte[]>> replies = TopicReads.readAll(KAFKA.bootstrapServers(), "costing-replies");
        assertThat(replies).hasSize(3).allSatisfy(r -> assertThat(TopicReads.header(r, "ce_type"))
                .isEqualTo("CostingResponse"));
        assertThat(TopicReads.readAll(KAFKA.bootstrapServers(), "adeo-dev-case-study-COSTING-REQUEST-V1"))
                .allSatisfy(r -> assertThat(TopicReads.header(r, "REPLY_TOPIC")).isEqualTo("costing-replies"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEntryPointsOfferTheReplierAndTheRequesterAndCloseThem() throws Exception {
        GenerationResult replierSide = generate(COSTING, Role.APPLICATION, "com.acme.costing.replier");
        GenerationResult requesterSide = generate(COSTING, Role.CLIENT, "com.acme.costing.requester");
        KAFKA.createTopic("adeo-uat1-case-study-COSTING-REQUEST-V2", 1);
        KAFKA.createTopic("costing-replies-2", 1);
        List<JavaFile> all = new ArrayList<>(replierSide.files());
        all.addAll(requesterSide.files());
        ClassLoader cl = Javac.compile(all, Map.of("com.acme.app.CostingEntryApp", ENTRY_APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.CostingEntryApp")
                .getConstructor().newInstance();
        Set<String> before = replyThreads();

        assertThat(app.apply(KAFKA.bootstrapServers()).split("\n")).containsExactly(
                "e=40 id=00000000-0000-0000-0000-0000000000e1", "running true");
        // closing the entry points closed the replier's producer and the requester's clients with them
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!before.containsAll(replyThreads()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(replyThreads()).isSubsetOf(before);
    }

    /** The kafka-clients network threads alive now (one per producer or consumer not yet closed). */
    private static Set<String> replyThreads() {
        Set<String> names = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && (t.getName().startsWith("kafka-producer-network-thread")
                    || t.getName().startsWith("consumer_background_thread")
                    || t.getName().startsWith("kafka-coordinator-heartbeat-thread"))) {
                names.add(t.getName());
            }
        }
        return names;
    }

    @Test
    void aReplyTheApiCannotWireIsWarningAkk301AndGeneratesAsWithoutAReply(@TempDir Path dir) throws IOException {
        Path c = dir.resolve("payload-correlation.asyncapi.yaml");
        Files.writeString(c, """
                asyncapi: 3.0.0
                info: {title: Payload correlation, version: '1'}
                channels:
                  asks:
                    address: asks.v1
                    messages:
                      ask:
                        correlationId: {location: '$message.payload#/id'}
                        payload: {type: object, properties: {id: {type: string}}}
                  answers:
                    address: answers.v1
                    messages:
                      answer: {payload: {type: object, properties: {id: {type: string}}}}
                operations:
                  ask:
                    action: send
                    channel: {$ref: '#/channels/asks'}
                    reply:
                      channel: {$ref: '#/channels/answers'}
                """);
        for (Role role : Role.values()) {
            GenerationResult result = generate(c, role, "com.acme.asks");
            assertThat(result.diagnostics()).filteredOn(d -> d.code().equals("AKK301")).singleElement().satisfies(d -> {
                assertThat(d.location().pointer()).isEqualTo("/operations/ask");
                assertThat(d.message()).contains("the correlation id is not in a header");
            });
            assertThat(result.files()).extracting(f -> f.typeSpec().name())
                    .noneMatch(n -> n.endsWith("Requester") || n.endsWith("Replier"));
            Javac.compile(result.files());
        }
    }
}
