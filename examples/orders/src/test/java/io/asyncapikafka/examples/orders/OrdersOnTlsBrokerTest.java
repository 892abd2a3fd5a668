package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.model.OrderCreated;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.security.KafkaConnectionException;
import io.asyncapikafka.testkit.KafkaBroker;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The seed's {@code prod} server (SASL/SCRAM over TLS) on a real TLS broker that enforces ACLs: the contract as
 * written maps its "SASL/SCRAM-SHA-256" scheme to PLAIN (warning AKK204), so the first connect is refused with the
 * variable that fixes it; with {@code -Dasyncapi.prod.sasl-mechanism=SCRAM-SHA-256} the order service and billing, each
 * with only the ACLs the contract gives its side, produce, consume, retry and dead-letter.
 */
class OrdersOnTlsBrokerTest {

    private static final String ORDERS_PASSWORD = "orders-" + UUID.randomUUID();
    private static final String BILLING_PASSWORD = "billing-" + UUID.randomUUID();

    private static Map<String, String> prod(KafkaBroker broker, String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("asyncapi.prod.bootstrap-servers", broker.saslSslBootstrapServers());
        p.put("asyncapi.prod.username", user);
        p.put("asyncapi.prod.password", password);
        p.put("asyncapi.prod.truststore-location", broker.certificates().truststore().location().toString());
        p.put("asyncapi.prod.truststore-password", broker.certificates().truststore().password());
        return p;
    }

    private static void set(Map<String, String> settings) {
        List.of("bootstrap-servers", "username", "password", "truststore-location", "truststore-password",
                "sasl-mechanism").forEach(k -> System.clearProperty("asyncapi.prod." + k));
        settings.forEach(System::setProperty);
    }

    private static OrderCreated order(String id, String customer) {
        return new OrderCreated(UUID.randomUUID(), OffsetDateTime.parse("2026-12-01T10:00:00Z"), id, customer,
                new BigDecimal("5.00"), List.of(new OrderCreatedItem("sku-1", 1L, new BigDecimal("5.00"))));
    }

    @Test
    void theProdServerWorksOverTlsWithScramAndExactlyTheContractsAcls() throws Exception {
        try (KafkaBroker broker = KafkaBroker.startSecure(true)) {
            broker.addScramUser("orders", ORDERS_PASSWORD, "SCRAM-SHA-256");
            broker.addScramUser("billing", BILLING_PASSWORD, "SCRAM-SHA-256");
            KafkaClientConfig operator = KafkaClientConfig.of(broker.clientProperties());
            try (OrdersEdaKafka ops = OrdersEdaKafka.connect(operator);
                    var billingOps = io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka.connect(operator)) {
                ops.provisionTopics();
                // 9: 7 for the seed's channels, 2 (WRITE, DESCRIBE) for the Avro channel orders.shipped.v1
                assertThat(ops.provisionAcls("User:orders").created()).hasSize(9);
                // 13: 8 for the seed's channels, 5 for orders.shipped.v1 (group READ, topic READ and DESCRIBE,
                // its default dead-letter topic orders.shipped.v1.dlq WRITE and DESCRIBE)
                assertThat(billingOps.provisionAcls("User:billing").created()).hasSize(13);
            }
            try {
                // The contract as written: PLAIN against a SCRAM-only listener.
                set(prod(broker, "orders", ORDERS_PASSWORD));
                assertThatThrownBy(() -> OrdersEdaKafka.connectToServer("prod", Duration.ofSeconds(20)))
                        .isInstanceOf(KafkaConnectionException.class)
                        .hasMessageContaining("Kafka server 'prod'")
                        .hasMessageContaining("does not offer SASL mechanism PLAIN")
                        .hasMessageContaining("ASYNCAPI_PROD_SASL_MECHANISM or -Dasyncapi.prod.sasl-mechanism")
                        .hasMessageNotContaining(ORDERS_PASSWORD);

                Map<String, String> billingSettings = prod(broker, "billing", BILLING_PASSWORD);
                billingSettings.put("asyncapi.prod.sasl-mechanism", "SCRAM-SHA-256");
                set(billingSettings);
                BlockingQueue<String> charged = new LinkedBlockingQueue<>();
                try (var billing = io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka.connectToServer("prod")) {
                    billing.publishOrderCreated(m -> {
                        String customer = m.payload().customerId();
                        if (customer.equals("c-fraud")) {
                            throw new NonRetryableException("card blocked for " + customer);
                        }
                        if (customer.equals("c-flaky") && m.topic().equals("orders.v1")) {
                            throw new IllegalStateException("gateway busy");
                        }
                        charged.add(m.payload().orderId() + "@" + m.topic());
                    }, b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(1).retryTopicDelay(Duration.ofMillis(100))
                            .build()));
                    billing.start();

                    Map<String, String> orderSettings = prod(broker, "orders", ORDERS_PASSWORD);
                    orderSettings.put("asyncapi.prod.sasl-mechanism", "SCRAM-SHA-256");
                    set(orderSettings);
                    try (OrdersEdaKafka orders = OrdersEdaKafka.connectToServer("prod")) {
                        orders.ordersV1Producer().publishOrderCreated(order("o-1", "c-ann")).get(30, TimeUnit.SECONDS);
                        orders.ordersV1Producer().publishOrderCreated(order("o-2", "c-flaky")).get(30, TimeUnit.SECONDS);
                        orders.ordersV1Producer().publishOrderCreated(order("o-3", "c-fraud")).get(30, TimeUnit.SECONDS);
                    }
                    List<String> got = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        String s = charged.poll(60, TimeUnit.SECONDS);
                        if (s != null) {
                            got.add(s);
                        }
                    }
                    assertThat(got).containsExactlyInAnyOrder("o-1@orders.v1", "o-2@orders.retry.v1");
                }
                List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(broker);
                assertThat(dead).hasSize(1);
                assertThat(header(dead.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("card blocked for c-fraud");
                assertThat(header(dead.get(0), DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo("orders-eda.orders.v1");
            } finally {
                set(Map.of());
            }
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(KafkaBroker broker) {
        Map<String, Object> props = new LinkedHashMap<>(broker.clientProperties());
        props.put("group.id", "dlq-reader");
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of("orders.dlq.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
