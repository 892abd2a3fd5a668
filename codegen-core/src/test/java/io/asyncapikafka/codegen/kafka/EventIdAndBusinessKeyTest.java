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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code ce_id} and the business key come from: {@code x-event-id: true}, else the {@code eventId} naming
 * convention; {@code x-business-key: true} for functional dedup. Generated code is compiled and run.
 */
class EventIdAndBusinessKeyTest {

    @TempDir
    Path dir;

    /** A contract with a sent and a received message whose payloads have the given extra properties (YAML lines). */
    private AsyncApiModel contract(String properties) throws IOException {
        String extra = properties.strip().indent(12);
        String yaml = """
                asyncapi: '2.6.0'
                info: { title: Shop, version: '1.0.0' }
                channels:
                  orders.v1:
                    subscribe:
                      operationId: sendOrder
                      message:
                        name: OrderCreated
                        payload:
                          type: object
                          required: [orderId]
                          properties:
                            orderId: { type: string }
                """ + extra + """
                  orders.in.v1:
                    publish:
                      operationId: receiveOrder
                      message:
                        name: OrderReceived
                        payload:
                          type: object
                          required: [orderId]
                          properties:
                            orderId: { type: string }
                """ + extra;
        Path file = dir.resolve("shop.asyncapi.yaml");
        Files.writeString(file, yaml);
        return ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(file).orThrow();
    }

    private static List<JavaFile> generate(AsyncApiModel model) {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.shop")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result.files();
    }

    private static String messagesSource(List<JavaFile> files) {
        return files.stream().filter(f -> f.typeSpec().name().equals("Messages")).findFirst().orElseThrow().toString();
    }

    /** Sends two OrderCreated (the second with the same event id) and returns their ce_id headers and event ids. */
    private static final String SEND_TWICE = """
            package com.acme.app;
            import com.acme.shop.kafka.*;
            import com.acme.shop.model.*;
            import java.nio.charset.StandardCharsets;
            public final class UserCode implements java.util.concurrent.Callable<String> {
                public String call() throws Exception {
                    InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
                    %s
                    orders.producer().sendOrder(first).get();
                    orders.producer().sendOrder(first).get();
                    StringBuilder out = new StringBuilder();
                    for (var r : orders.records().sent()) {
                        out.append(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).append('|');
                    }
                    return out.append(first.eventId()).toString();
                }
            }
            """;

    @Test
    void aStringPropertyNamedEventIdIsTheEventIdByConvention() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: string, format: uuid }
                """.stripTrailing()));
        assertThat(messagesSource(files)).contains(".withEventId(m -> Objects.toString(m.payload().eventId(), null))");
        String out = SeedContractTest.run(files, SEND_TWICE.formatted("""
                OrderCreated first = new OrderCreated("o-1", java.util.UUID.fromString("6f1c5b0e-1d7a-4a53-9d43-3b1f0a8c2e11"));
                """));
        // Both sends carry the payload's id: a consumer can recognise the re-send as a duplicate.
        assertThat(out).isEqualTo("6f1c5b0e-1d7a-4a53-9d43-3b1f0a8c2e11|6f1c5b0e-1d7a-4a53-9d43-3b1f0a8c2e11"
                + "|6f1c5b0e-1d7a-4a53-9d43-3b1f0a8c2e11");
    }

    @Test
    void theSeedContractsEventIdBecomesCeId() throws Exception {
        List<JavaFile> files = CodeGenerator.create(GeneratorOptions.of("com.acme.orders"))
                .generate(SeedContractTest.read("orders-seed.asyncapi.yaml", Role.CLIENT)).files();
        String user = """
                package com.acme.app;
                import com.acme.orders.kafka.*;
                import com.acme.orders.model.*;
                import java.math.BigDecimal;
                import java.nio.charset.StandardCharsets;
                import java.time.OffsetDateTime;
                import java.util.List;
                import java.util.UUID;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        UUID id = UUID.fromString("0b7e3f4c-5a8d-4c1e-9f6a-2d3b4c5d6e7f");
                        OrderCreated order = OrderCreated.builder().eventId(id)
                                .occurredAt(OffsetDateTime.parse("2026-01-01T10:00:00Z")).orderId("o-1").customerId("c-1")
                                .total(new BigDecimal("5.00")).items(List.of(new OrderCreatedItem("sku-1", 1, new BigDecimal("5.00"))))
                                .build();
                        InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
                        orders.producer().publishOrderCreated(order).get();
                        return new String(orders.records().sent().get(0).headers().lastHeader("ce_id").value(),
                                StandardCharsets.UTF_8);
                    }
                }
                """;
        assertThat(SeedContractTest.run(files, user)).isEqualTo("0b7e3f4c-5a8d-4c1e-9f6a-2d3b4c5d6e7f");
    }

    @Test
    void theXEventIdMarkWinsOverTheNamingConvention() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: string }
                messageId: { type: string, x-event-id: true }
                """.stripTrailing()));
        assertThat(messagesSource(files)).contains("m.payload().messageId()").doesNotContain("m.payload().eventId()");
    }

    @Test
    void aNonStringEventIdIsNotTakenByConvention() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: integer, format: int64 }
                """.stripTrailing()));
        assertThat(messagesSource(files)).doesNotContain("withEventId");
        String out = SeedContractTest.run(files, SEND_TWICE.formatted("""
                OrderCreated first = new OrderCreated("o-1", 42L);
                """));
        String[] parts = out.split("\\|");
        // Without an event id every send gets its own fresh UUID.
        assertThat(parts[0]).isNotEqualTo(parts[1]).isNotEqualTo("42").hasSize(36);
        assertThat(parts[2]).isEqualTo("42");
    }

    @Test
    void aBusinessKeyDuplicateIsDeadLetteredWithDuplicateKey() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: string }
                customerOrderNo: { type: string, x-business-key: true }
                """.stripTrailing()));
        assertThat(messagesSource(files))
                .contains(".withBusinessKey(m -> Objects.toString(m.payload().customerOrderNo(), null))");
        String user = """
                package com.acme.app;
                import com.acme.shop.kafka.*;
                import com.acme.shop.model.*;
                import io.asyncapikafka.runtime.consumer.HandlerDriver;
                import java.util.ArrayList;
                import java.util.List;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        List<String> handled = new ArrayList<>();
                        ReceiveOrderHandler handler = m -> handled.add(m.payload().orderId());
                        HandlerDriver driver = ReceiveOrderConsumer.testDriver(handler).build();
                        String topic = Topics.ORDERS_IN_V1.name();
                        var first = driver.deliver(topic, Messages.ORDER_RECEIVED, null, new OrderReceived("o-1", "e-1", "K-7"), null);
                        var sameEvent = driver.deliver(topic, Messages.ORDER_RECEIVED, null, new OrderReceived("o-1", "e-1", "K-7"), null);
                        var sameKey = driver.deliver(topic, Messages.ORDER_RECEIVED, null, new OrderReceived("o-2", "e-2", "K-7"), null);
                        var otherKey = driver.deliver(topic, Messages.ORDER_RECEIVED, null, new OrderReceived("o-3", "e-3", "K-8"), null);
                        return first.status() + "|" + sameEvent.status() + "|" + sameKey.status() + "/" + sameKey.reason()
                                + "/" + sameKey.forwarded().topic() + "|" + otherKey.status() + "|" + handled;
                    }
                }
                """;
        // Same event id again: technical duplicate, skipped. Another event for the same business key: DUPLICATE_KEY.
        assertThat(SeedContractTest.run(files, user))
                .isEqualTo("PROCESSED|DUPLICATE|DEAD_LETTERED/DUPLICATE_KEY/orders.in.v1.dlq|PROCESSED|[o-1, o-3]");
    }

    @Test
    void withoutAMarkThereIsNoBusinessKey() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: string }
                customerOrderNo: { type: string }
                """.stripTrailing()));
        assertThat(messagesSource(files)).doesNotContain("withBusinessKey");
    }

    /**
     * {@code event_id} and {@code order_id} collide with {@code eventId} and {@code orderId}; the record names them
     * {@code eventId2} and {@code orderId2}, and dedup must read those components, not the ones whose name the wire
     * name would give on its own.
     */
    @Test
    void collidingPropertyNamesDedupOnTheMarkedPropertysOwnComponent() throws Exception {
        List<JavaFile> files = generate(contract("""
                eventId: { type: string }
                event_id: { type: string, x-event-id: true }
                order_id: { type: string, x-business-key: true }
                """.stripTrailing()));
        assertThat(messagesSource(files))
                .contains(".withEventId(m -> Objects.toString(m.payload().eventId2(), null))")
                .contains(".withBusinessKey(m -> Objects.toString(m.payload().orderId2(), null))");
        String user = """
                package com.acme.app;
                import com.acme.shop.kafka.*;
                import com.acme.shop.model.*;
                import io.asyncapikafka.runtime.consumer.HandlerDriver;
                import java.nio.charset.StandardCharsets;
                import java.util.ArrayList;
                import java.util.List;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
                        orders.producer().sendOrder(new OrderCreated("o-1", "conv-1", "e-1", "K-1")).get();
                        String ceId = new String(orders.records().sent().get(0).headers().lastHeader("ce_id").value(),
                                StandardCharsets.UTF_8);
                        List<String> handled = new ArrayList<>();
                        ReceiveOrderHandler handler = m -> handled.add(m.payload().eventId2());
                        HandlerDriver driver = ReceiveOrderConsumer.testDriver(handler).build();
                        String topic = Topics.ORDERS_IN_V1.name();
                        var first = driver.deliver(topic, Messages.ORDER_RECEIVED, null,
                                new OrderReceived("o-1", "conv-1", "e-1", "K-1"), null);
                        // same orderId and eventId components, other event id and business key: a new event
                        var other = driver.deliver(topic, Messages.ORDER_RECEIVED, null,
                                new OrderReceived("o-1", "conv-1", "e-2", "K-2"), null);
                        // new event id, business key K-1 again
                        var sameKey = driver.deliver(topic, Messages.ORDER_RECEIVED, null,
                                new OrderReceived("o-2", "conv-2", "e-3", "K-1"), null);
                        var sameEvent = driver.deliver(topic, Messages.ORDER_RECEIVED, null,
                                new OrderReceived("o-3", "conv-3", "e-2", "K-3"), null);
                        return ceId + "|" + first.status() + "|" + other.status() + "|" + sameKey.status() + "/"
                                + sameKey.reason() + "|" + sameEvent.status() + "|" + handled;
                    }
                }
                """;
        assertThat(SeedContractTest.run(files, user))
                .isEqualTo("e-1|PROCESSED|PROCESSED|DEAD_LETTERED/DUPLICATE_KEY|DUPLICATE|[e-1, e-2]");
    }
}
