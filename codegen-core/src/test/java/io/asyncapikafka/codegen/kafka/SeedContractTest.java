package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The seed contract is written "publish means I publish": with {@code role=client} this side produces
 * {@code orders.v1} and consumes the retry topic; with the default role the directions flip.
 */
class SeedContractTest {

    static AsyncApiModel read(String resource, Role role) {
        try {
            Path path = Path.of(SeedContractTest.class.getResource("/kafka/" + resource).toURI());
            return ContractReader.create(ReaderOptions.defaults().withRole(role)).read(path).orThrow();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(KafkaApiGenerator.Result r) {
        return r.files().stream().map(f -> f.typeSpec().name()).toList();
    }

    @SuppressWarnings("unchecked")
    static String run(List<JavaFile> files, String userCode) throws Exception {
        ClassLoader cl = Javac.compile(files, Map.of("com.acme.app.UserCode", userCode));
        return ((Callable<String>) cl.loadClass("com.acme.app.UserCode").getConstructor().newInstance()).call();
    }

    @Test
    void clientRoleProducesOrdersAndHandlesRetries() throws Exception {
        // The full generator: payload types plus Kafka API, as the plugin runs it.
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.orders"))
                .generate(read("orders-seed.asyncapi.yaml", Role.CLIENT));
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        assertThat(result.files().stream().map(f -> f.typeSpec().name()).toList()).contains("OrdersV1Producer", "InMemoryOrdersV1Producer", "ConsumeOrderCreatedRetryHandler",
                        "ConsumeOrderCreatedRetryConsumer", "OrdersEdaKafka", "Topics", "Messages", "ProdServer")
                .doesNotContain("PublishOrderCreatedHandler", "OrdersRetryV1Producer");
        assertThat(result.summary()).contains(
                "operation publishOrderCreated on channel orders.v1: send -> OrdersV1Producer.publishOrderCreated(OrderCreated)",
                "operation consumeOrderCreatedRetry on channel orders.retry.v1: receive -> ConsumeOrderCreatedRetryHandler"
                        + " via ConsumeOrderCreatedRetryConsumer, group orders-eda.orders.retry.v1 from the contract title and"
                        + " topic (no groupId binding) (OrderCreated)",
                "operation consumeOrderCreatedRetry on channel orders.retry.v1: retry topic none (channel is itself a retry"
                        + " stage), dead-letter topic orders.dlq.v1 (convention, contract channel orders.dlq.v1)",
                "server prod: kafka1:9093,kafka2:9093,kafka3:9093, SASL_SSL, PLAIN (scheme scramSha256) -> ProdServer;"
                        + " credentials from ASYNCAPI_PROD_USERNAME / -Dasyncapi.prod.username,"
                        + " ASYNCAPI_PROD_PASSWORD / -Dasyncapi.prod.password");

        String user = """
                package com.acme.app;
                import com.acme.orders.kafka.*;
                import com.acme.orders.model.*;
                import io.asyncapikafka.runtime.ContractViolationException;
                import io.asyncapikafka.runtime.consumer.HandlerDriver;
                import java.math.BigDecimal;
                import java.time.OffsetDateTime;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.UUID;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        OrderCreated order = OrderCreated.builder().eventId(UUID.randomUUID())
                                .occurredAt(OffsetDateTime.parse("2026-01-01T10:00:00Z")).orderId("o-1").customerId("c-1")
                                .total(new BigDecimal("5.00")).items(List.of(new OrderCreatedItem("sku-1", 1, new BigDecimal("5.00"))))
                                .build();
                        InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
                        orders.producer().publishOrderCreated(order, new OrderCreatedHeaders("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).get();
                        var wire = orders.records().sent().get(0);
                        String invalid;
                        try {
                            orders.producer().publishOrderCreated(OrderCreated.builder().eventId(UUID.randomUUID())
                                    .occurredAt(OffsetDateTime.now()).orderId("o-2").customerId("c-1")
                                    .total(new BigDecimal("-1")).items(List.of(new OrderCreatedItem("s", 1, BigDecimal.ONE))).build());
                            invalid = "sent";
                        } catch (ContractViolationException e) {
                            invalid = e.violations().toString();
                        }

                        List<String> handled = new ArrayList<>();
                        ConsumeOrderCreatedRetryHandler handler = m -> handled.add(m.payload().orderId() + "/" + m.headers().traceparent());
                        HandlerDriver driver = ConsumeOrderCreatedRetryConsumer.testDriver(handler).build();
                        var ok = driver.deliver(Topics.ORDERS_RETRY_V1.name(), Messages.ORDER_CREATED, null, order,
                                new OrderCreatedHeaders("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
                        HandlerDriver failing = ConsumeOrderCreatedRetryConsumer.testDriver(m -> {
                            throw new IllegalStateException("boom");
                        }).build();
                        var dead = failing.deliver(wire);
                        return wire.topic() + "|" + orders.sentOrderCreated().get(0).payload().orderId() + "|" + invalid
                                + "|" + orders.sentOrderCreated().size() + "|" + ok.status() + "|" + handled + "|" + dead.status() + "|" + dead.forwarded().topic()
                                + "|" + ConsumeOrderCreatedRetryConsumer.GROUP_ID;
                    }
                }
                """;
        assertThat(run(result.files(), user))
                .isEqualTo("orders.v1|o-1|[$.total: must be >= 0 but was -1]|1|PROCESSED"
                        + "|[o-1/00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01]|DEAD_LETTERED|orders.dlq.v1"
                        + "|orders-eda.orders.retry.v1");
    }

    @Test
    void generatingTwiceGivesByteIdenticalSources() {
        AsyncApiModel model = read("orders-seed.asyncapi.yaml", Role.CLIENT);
        GenerationResult a = CodeGenerator.create(GeneratorOptions.of("com.acme.orders")).generate(model);
        GenerationResult b = CodeGenerator.create(GeneratorOptions.of("com.acme.orders")).generate(model);
        assertThat(a.files().stream().map(JavaFile::toString).toList())
                .isEqualTo(b.files().stream().map(JavaFile::toString).toList());
        assertThat(a.summary()).isEqualTo(b.summary());
    }

    @Test
    void applicationRoleFlipsTheDirections() throws Exception {
        var result = KafkaApiGenerator.create(GeneratorOptions.of("com.acme.orders"))
                .generate(read("orders-seed.asyncapi.yaml", Role.APPLICATION));
        assertThat(names(result)).contains("OrdersRetryV1Producer", "PublishOrderCreatedHandler", "PublishOrderCreatedConsumer")
                .doesNotContain("OrdersV1Producer", "ConsumeOrderCreatedRetryHandler");
        assertThat(result.summary()).contains(
                "operation publishOrderCreated on channel orders.v1: retry topic orders.retry.v1 (convention, contract"
                        + " channel orders.retry.v1), dead-letter topic orders.dlq.v1 (convention, contract channel orders.dlq.v1)",
                "operation consumeOrderCreatedRetry on channel orders.retry.v1: send ->"
                        + " OrdersRetryV1Producer.sendOrderCreated(OrderCreated)");
        String user = """
                package com.acme.app;
                import com.acme.orders.kafka.*;
                import io.asyncapikafka.runtime.json.Json;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        var retries = InMemoryOrdersRetryV1Producer.create();
                        retries.producer().sendOrderCreated(Json.mapper().readTree("{}")).get();
                        PublishOrderCreatedHandler handler = m -> { };
                        var driver = PublishOrderCreatedConsumer.testDriver(handler).build();
                        return retries.records().sent().get(0).topic() + "|"
                                + driver.deliver(retries.records().sent().get(0)).status() + "|"
                                + PublishOrderCreatedConsumer.RETRY_TOPIC + "|" + PublishOrderCreatedConsumer.DEAD_LETTER_TOPIC;
                    }
                }
                """;
        assertThat(run(result.files(), user)).isEqualTo("orders.retry.v1|PROCESSED|orders.retry.v1|orders.dlq.v1");
    }

    /**
     * The module's copies of the seed (the Kafka tests' and the types tests') are the asyncapi-model fixture, in every
     * clone; where the project's shared seed is present above the checkout, they are that file too.
     */
    @Test
    void seedCopiesAreTheModelFixtureAndTheSharedSeed() throws Exception {
        String seed = "orders-seed.asyncapi.yaml";
        String fixture = java.nio.file.Files.readString(io.asyncapikafka.codegen.testing.Contracts.MODEL_GOOD.resolve(seed));
        assertThat(java.nio.file.Files.readString(Path.of("src/test/resources/kafka").resolve(seed))).isEqualTo(fixture);
        assertThat(java.nio.file.Files.readString(io.asyncapikafka.codegen.testing.Contracts.OWN.resolve(seed)))
                .isEqualTo(fixture);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared/specs").resolve(seed);
            if (java.nio.file.Files.isRegularFile(shared)) {
                assertThat(fixture).as("the copies are %s", shared).isEqualTo(java.nio.file.Files.readString(shared));
                return;
            }
        }
    }
}
