package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.asyncapikafka.examples.orders.billing.ChargePipeline;
import io.asyncapikafka.examples.orders.charges.kafka.BillingV1Producer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersHandler;
import io.asyncapikafka.examples.orders.charges.kafka.Topics;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.TopicProvisioner;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ExactlyOnce;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Billing's exactly-once pipeline: billing dies (halted, as a crash) inside the transaction of an order, after it
 * sent that order's charge; the next billing instance charges every order, and a {@code read_committed} reader of
 * {@code billing.v1} sees exactly one {@code OrderCharged} per order.
 */
class ChargePipelineTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void aCrashMidTransactionLeavesNoDuplicateChargeDownstream() throws Exception {
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        int orders = 20;
        try (OrdersEdaKafka orderSide = OrdersEdaKafka.connect(config)) {
            orderSide.provisionTopics();
            try (TopicProvisioner p = TopicProvisioner.create(config)) {
                p.ensure(Topics.all()); // billing.v1
            }
            OrderService service = new OrderService(orderSide.ordersV1Producer(), Clock.systemUTC());
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                acks.add(service.publish(service.newOrder("o-" + i, "c-" + i, new BigDecimal("10.00"),
                        List.of(new OrderCreatedItem("sku-" + i, 1, new BigDecimal("10.00"))))));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }

        // the first billing: charges, and on its fifth order sends the charge, then hangs until it is killed
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExactlyOnce eos = ChargeOrdersConsumer.exactlyOnce(config).build();
        ChargeOrdersHandler charge = ChargePipeline.handler(new BillingV1Producer(eos.producer()));
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        ConsumerRunner dying = ChargeOrdersConsumer.runner(config, eos, m -> {
            charge.onOrderCreated(m);
            if (handled.incrementAndGet() == 5) {
                stuck.countDown();
                while (true) { // the crash comes while this order's transaction is open; deaf to the interrupt
                    try {
                        never.await();
                        return;
                    } catch (InterruptedException ignored) {
                        // a dead process does not end its transaction
                    }
                }
            }
        }).build().start();
        assertThat(stuck.await(60, TimeUnit.SECONDS)).isTrue();
        dying.halt();

        try (ChargePipeline billing = ChargePipeline.start(config)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (committed() < orders) {
                if (System.nanoTime() > deadline) {
                    fail("billing did not commit every order; committed " + committed());
                }
                Thread.sleep(100);
            }
        }
        never.countDown(); // let the dead instance's stuck thread go: its producer is closed, nothing it does counts
        Map<String, Integer> charges = charges();
        assertThat(charges).hasSize(orders);
        assertThat(charges.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
    }

    private static long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(ChargeOrdersConsumer.GROUP_ID).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** Order id → OrderCharged records on billing.v1, as a read_committed reader sees them. */
    private static Map<String, Integer> charges() throws Exception {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> out = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor("billing.v1", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition("billing.v1", p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    out.merge(Json.mapper().readTree(r.value()).get("orderId").asText(), 1, Integer::sum);
                }
            }
        }
        return out;
    }
}
