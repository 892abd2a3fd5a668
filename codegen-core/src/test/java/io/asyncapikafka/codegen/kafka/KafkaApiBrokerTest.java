package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated producer → real topic → generated handler, on the in-JVM KRaft broker: typed keys and headers arrive
 * intact on a single-message and a multi-message channel, and a message type the channel does not declare is
 * dead-lettered to the DLQ found by convention.
 */
class KafkaApiBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final String APP = """
            package com.acme.app;
            import com.acme.shop.kafka.*;
            import com.acme.shop.model.*;
            import io.asyncapikafka.runtime.KeyCodec;
            import io.asyncapikafka.runtime.HeadersCodec;
            import io.asyncapikafka.runtime.MessageType;
            import io.asyncapikafka.runtime.consumer.ReceivedMessage;
            import java.math.BigDecimal;
            import java.util.*;
            import java.util.concurrent.*;
            public final class ShopApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    try (ShopEventsKafka kafka = ShopEventsKafka.connect(bootstrap)) {
                        var report = kafka.provisionTopics();
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        kafka.handleOrderPlaced(m -> got.add("placed key=" + m.key() + " " + m.payload()
                                + " tenant=" + m.headers().tenant() + " topic=" + m.topic() + " ce_id=" + m.eventId()));
                        var shipping = kafka.handleShipmentEvent(new HandleShipmentEventHandler() {
                            @Override
                            public void onOrderShipped(ReceivedMessage<String, OrderShipped, TenantHeaders> m) {
                                got.add("shipped key=" + m.key() + " " + m.payload() + " tenant=" + m.headers().tenant());
                            }
                            @Override
                            public void onOrderCancelled(ReceivedMessage<String, OrderCancelled, TenantHeaders> m) {
                                got.add("cancelled key=" + m.key() + " " + m.payload() + " tenant=" + m.headers().tenant());
                            }
                        });
                        boolean runningBeforeStart = kafka.isRunning();
                        kafka.start();
                        UUID key = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
                        kafka.shopOrdersV1Producer().placeOrder(key, new OrderPlaced("o-1", new BigDecimal("12.50"),
                                UUID.fromString("00000000-0000-0000-0000-0000000000e1")),
                                new TenantHeaders("acme", null)).get(30, TimeUnit.SECONDS);
                        var events = kafka.shopEventsV1Producer();
                        events.publishShipmentEventOrderShipped("o-1", new OrderShipped("o-1", "DHL"),
                                new TenantHeaders("acme", null)).get(30, TimeUnit.SECONDS);
                        // A type the channel does not declare, sent before a declared one on the same key (partition).
                        MessageType<String, OrderCancelled, Void> refunded =
                                MessageType.of("OrderRefunded", OrderCancelled.class, KeyCodec.string(), HeadersCodec.none());
                        kafka.producer().send(Topics.SHOP_EVENTS_V1.name(), refunded, "o-2", new OrderCancelled("o-2", "refund"),
                                null).get(30, TimeUnit.SECONDS);
                        events.publishShipmentEventOrderCancelled("o-2", new OrderCancelled("o-2", "late"),
                                new TenantHeaders("beta", null)).get(30, TimeUnit.SECONDS);
                        List<String> out = new ArrayList<>();
                        for (int i = 0; i < 3; i++) {
                            String s = got.poll(60, TimeUnit.SECONDS);
                            if (s == null) {
                                break;
                            }
                            out.add(s);
                        }
                        Collections.sort(out);
                        String health = "running " + runningBeforeStart + " " + kafka.isRunning() + " failures "
                                + kafka.failures();
                        return report.created() + "\\n" + shipping.groupId() + "\\n" + String.join("\\n", out)
                                + "\\n" + health;
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void generatedProducerToGeneratedHandlersWithTypedKeysAndHeadersAndUnknownTypesDeadLettered() throws Exception {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.shop"))
                .generate(SeedContractTest.read("shop-events.asyncapi.yaml", Role.APPLICATION));
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        ClassLoader cl = Javac.compile(result.files(), Map.of("com.acme.app.ShopApp", APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.ShopApp")
                .getConstructor().newInstance();

        assertThat(app.apply(KAFKA.bootstrapServers()).split("\n")).containsExactly(
                "[shop.orders.v1, shop.events.v1, shop.events.dlq.v1]",
                "shop-shipping",
                "cancelled key=o-2 OrderCancelled[orderId=o-2, reason=late] tenant=beta",
                "placed key=00000000-0000-0000-0000-0000000000aa OrderPlaced[orderId=o-1, total=12.50,"
                        + " eventId=00000000-0000-0000-0000-0000000000e1] tenant=acme topic=shop.orders.v1"
                        + " ce_id=00000000-0000-0000-0000-0000000000e1",
                "shipped key=o-1 OrderShipped[orderId=o-1, carrier=DHL] tenant=acme",
                "running false true failures []");

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicReads.readAll(KAFKA.bootstrapServers(), "shop.events.dlq.v1");
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo("o-2");
        assertThat(TopicReads.header(d, "ce_type")).isEqualTo("OrderRefunded");
        assertThat(TopicReads.header(d, "dlq.reason")).isEqualTo("UNKNOWN_MESSAGE_TYPE");
        assertThat(TopicReads.header(d, "dlq.original.topic")).isEqualTo("shop.events.v1");
        assertThat(TopicReads.header(d, "dlq.consumer.group")).isEqualTo("shop-shipping");
    }
}
