package io.asyncapikafka.codegen.kafka;

import static io.asyncapikafka.codegen.kafka.TestContracts.HERE;
import static io.asyncapikafka.codegen.kafka.TestContracts.channel;
import static io.asyncapikafka.codegen.kafka.TestContracts.model;
import static io.asyncapikafka.codegen.kafka.TestContracts.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Producer facades and their in-memory doubles, compiled with hand-written payload and header types (so this test
 * does not depend on the types generator) and exercised by user-style code compiled alongside.
 */
class ProducerGenerationTest {

    static final String PKG = "com.acme.orders";

    /** Hand-written stand-ins for what the types generator makes: payload records and a headers record. */
    static final Map<String, String> TYPES = Map.of(
            PKG + ".OrderCreated", """
                    package com.acme.orders;
                    public record OrderCreated(String orderId, int qty) {}
                    """,
            PKG + ".OrderCancelled", """
                    package com.acme.orders;
                    public record OrderCancelled(String orderId, String reason) {}
                    """,
            PKG + ".OrderHeaders", """
                    package com.acme.orders;
                    import java.nio.charset.StandardCharsets;
                    import org.apache.kafka.common.header.Header;
                    import org.apache.kafka.common.header.Headers;
                    public record OrderHeaders(String tenant) {
                        public static OrderHeaders fromKafkaHeaders(Headers headers) {
                            Header h = headers.lastHeader("tenant");
                            return new OrderHeaders(h == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                        }
                        public void writeTo(Headers headers) {
                            if (tenant != null) {
                                headers.add("tenant", tenant.getBytes(StandardCharsets.UTF_8));
                            }
                        }
                    }
                    """);

    static Message msg(String name) {
        return new Message(name, name, null, null, null, "application/json", TestContracts.any(), null, null, null, HERE);
    }

    /** Orders carry a UUID key and headers; cancellations a String key and the same headers; sign-ups neither. */
    static TypeLookup lookup() {
        ClassName headers = ClassName.get(PKG, "OrderHeaders");
        return m -> switch (m.name()) {
            case "OrderCreated" -> new MessageJavaTypes(ClassName.get(PKG, "OrderCreated"), headers,
                    ClassName.get(java.util.UUID.class), MessageJavaTypes.KeyCodecKind.UUID);
            case "OrderCancelled" -> new MessageJavaTypes(ClassName.get(PKG, "OrderCancelled"), headers,
                    ClassName.get(String.class), MessageJavaTypes.KeyCodecKind.STRING);
            default -> new MessageJavaTypes(ClassName.get(PKG, "OrderCreated"), null, null, MessageJavaTypes.KeyCodecKind.NONE);
        };
    }

    static AsyncApiModel contract(Role role) {
        return model("Orders EDA", role, List.of(), List.of(
                channel("orders.v1", "orders.v1", 3, List.of(op("publishOrderCreated", "publish", role, List.of(msg("OrderCreated"))))),
                channel("order-events", null, null, List.of(op("publishOrderEvent", "publish", role,
                        List.of(msg("OrderCreated"), msg("OrderCancelled"))))),
                TestContracts.parameterised("user.{userId}.signedup",
                        List.of(op("sendSignedUp", "publish", role, List.of(msg("SignedUp")))))));
    }

    @Test
    void facadesSendTypedKeyPayloadAndHeadersThroughTheInMemoryProducer() throws Exception {
        var result = KafkaApiGenerator.create(GeneratorOptions.of(PKG)).generate(contract(Role.CLIENT), lookup());
        String user = """
                package com.acme.orders.app;
                import com.acme.orders.*;
                import com.acme.orders.kafka.*;
                import java.util.UUID;
                import java.nio.charset.StandardCharsets;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() throws Exception {
                        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
                        InMemoryOrdersV1Producer orders = InMemoryOrdersV1Producer.create();
                        orders.producer().publishOrderCreated(id, new OrderCreated("o-1", 2), new OrderHeaders("acme")).get();
                        orders.producer().publishOrderCreated(id, new OrderCreated("o-2", 3));
                        orders.producer().publishOrderCreated(new OrderCreated("o-3", 4));
                        var sent = orders.sentOrderCreated();
                        var wire = orders.records().sent("orders.v1").get(0);

                        InMemoryOrderEventsProducer events = InMemoryOrderEventsProducer.create();
                        events.producer().publishOrderEventOrderCreated("k".equals("k") ? id : null, new OrderCreated("o-4", 1));
                        events.producer().publishOrderEventOrderCancelled("o-4", new OrderCancelled("o-4", "late"),
                                new OrderHeaders("acme"));

                        InMemorySignedupProducer signups = InMemorySignedupProducer.create();
                        signups.producer().sendSignedUp("u42", new OrderCreated("o-5", 1));
                        return sent.get(0).key() + "|" + sent.get(0).payload() + "|" + sent.get(0).headers()
                                + "|" + sent.get(1).headers() + "|" + sent.get(2).key()
                                + "|" + new String(wire.key(), StandardCharsets.UTF_8)
                                + "|" + new String(wire.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                                + "|" + events.sentOrderCancelled().get(0).key() + "/" + events.sentOrderCancelled().get(0).headers()
                                + "|" + events.records().sent().get(1).topic()
                                + "|" + signups.records().sent().get(0).topic();
                    }
                }
                """;
        Map<String, String> sources = new java.util.HashMap<>(TYPES);
        sources.put("com.acme.orders.app.UserCode", user);
        ClassLoader cl = Javac.compile(result.files(), sources);
        @SuppressWarnings("unchecked")
        Callable<String> code = (Callable<String>) cl.loadClass("com.acme.orders.app.UserCode").getConstructor().newInstance();
        assertThat(code.call()).isEqualTo(String.join("|",
                "00000000-0000-0000-0000-000000000042", "OrderCreated[orderId=o-1, qty=2]", "OrderHeaders[tenant=acme]",
                "OrderHeaders[tenant=null]", "null",
                "00000000-0000-0000-0000-000000000042", "OrderCreated",
                "o-4/OrderHeaders[tenant=acme]", "order-events", "user.u42.signedup"));
        assertThat(result.summary()).contains(
                "operation publishOrderCreated on channel orders.v1: send -> OrdersV1Producer.publishOrderCreated(OrderCreated)",
                "operation publishOrderEvent on channel order-events: send -> OrderEventsProducer.publishOrderEventOrderCancelled(OrderCancelled)",
                "channel user.{userId}.signedup: no topic binding, so producers build the topic name from userId and consumers"
                        + " subscribe by pattern user\\.([a-zA-Z0-9._-]+)\\.signedup");
    }
}
