package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBroker;
import io.asyncapikafka.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exactly-once pipeline ({@code x-asyncapi-kafka-exactly-once} on its receive operation) on a TLS broker with
 * {@code StandardAuthorizer} and no ACL meaning no access: with the generated {@code Acls} but its transactional-id
 * entries, the runner's transactional producers are refused and nothing is charged or committed; once the two
 * {@code TRANSACTIONAL_ID} entries (prefix {@code <group>.}) are added too, the same runner charges every order once.
 * Nothing beyond the generated ACLs is granted.
 */
class ExactlyOnceAclsBrokerTest {

    private static final String PRINCIPAL = "User:CN=billing-app";

    private static final String APP = """
            package com.acme.app;
            import com.acme.billing.kafka.*;
            import com.acme.billing.model.*;
            import io.asyncapikafka.runtime.KafkaClientConfig;
            import io.asyncapikafka.runtime.consumer.ExactlyOnce;
            import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
            import io.asyncapikafka.runtime.producer.TypedProducer;
            import java.util.Map;
            public final class PipelineApp {
                /** The shop's side (the operator's super user): topics and orders. */
                public static void orders(Map<String, Object> admin, int n) throws Exception {
                    try (BillingKafka kafka = BillingKafka.connect(KafkaClientConfig.of(admin))) {
                        kafka.provisionTopics();
                    }
                    try (TypedProducer shop = KafkaTypedProducer.builder(KafkaClientConfig.of(admin)).build()) {
                        for (int i = 1; i <= n; i++) {
                            shop.sendAndWait(Topics.ORDERS_V1.name(), Messages.ORDER_PLACED, null,
                                    new OrderPlaced("o" + i), null);
                        }
                    }
                }
                /** Billing, as its principal: the exactly-once pipeline. */
                public static AutoCloseable billing(Map<String, Object> props) {
                    KafkaClientConfig config = KafkaClientConfig.of(props);
                    ExactlyOnce eos = ChargeOrdersConsumer.exactlyOnce(config).source("urn:billing").build();
                    BillingV1Producer billing = new BillingV1Producer(eos.producer());
                    return ChargeOrdersConsumer.runner(config, eos,
                            m -> billing.publishCharges(new OrderCharged(m.payload().id())))
                            .forwardRetryBackoff(java.time.Duration.ofMillis(200)).build().start();
                }
            }
            """;

    @TempDir
    static Path dir;
    private static KafkaBroker broker;
    private static ClassLoader generated;
    private static TestCertificates.Store keys;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startSecure(true);
        keys = broker.certificates().issue("billing-app");
        String yaml = """
                asyncapi: '2.6.0'
                info: { title: Billing, version: '1.0.0' }
                channels:
                  orders.v1:
                    publish:
                      operationId: chargeOrders
                      bindings: { kafka: { groupId: { type: string, const: billing } } }
                      x-asyncapi-kafka-exactly-once: true
                      message: { name: OrderPlaced, payload: { type: object, properties: { id: { type: string } } } }
                  billing.v1:
                    subscribe:
                      operationId: publishCharges
                      message: { name: OrderCharged, payload: { type: object, properties: { id: { type: string } } } }
                """;
        Path file = dir.resolve("billing.asyncapi.yaml");
        Files.writeString(file, yaml);
        var model = ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(file).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.billing")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        assertThat(String.join("\n", result.summary())).contains("WRITE, DESCRIBE transactional_id billing.*");
        generated = Javac.compile(result.files(), Map.of("com.acme.app.PipelineApp", APP));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> billingProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", broker.mtlsBootstrapServers());
        p.put("security.protocol", "SSL");
        p.put("ssl.keystore.location", keys.location().toString());
        p.put("ssl.keystore.password", keys.password());
        p.put("ssl.keystore.type", keys.type());
        p.put("ssl.truststore.location", broker.certificates().truststore().location().toString());
        p.put("ssl.truststore.password", broker.certificates().truststore().password());
        p.put("ssl.truststore.type", broker.certificates().truststore().type());
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<AclBinding> generatedBindings() throws Exception {
        return (List<AclBinding>) generated.loadClass("com.acme.billing.kafka.Acls").getMethod("bindings", String.class)
                .invoke(null, PRINCIPAL);
    }

    @Test
    void thePipelineRunsWithExactlyTheGeneratedAclsAndNotWithoutItsTransactionalIds() throws Exception {
        List<AclBinding> all = generatedBindings();
        List<AclBinding> transactional = all.stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID).toList();
        assertThat(transactional).hasSize(2).allSatisfy(b -> {
            assertThat(b.pattern().name()).isEqualTo("billing.");
            assertThat(b.pattern().patternType().name()).isEqualTo("PREFIXED");
        });
        assertThat(transactional).extracting(b -> b.entry().operation().name()).containsExactly("WRITE", "DESCRIBE");
        String yaml = (String) generated.loadClass("com.acme.billing.kafka.Acls")
                .getMethod("desiredStateYaml", String.class).invoke(null, PRINCIPAL);
        assertThat(yaml).contains("kafka-acls --add --allow-principal " + PRINCIPAL
                + " --operation WRITE --transactional-id billing. --resource-pattern-type prefixed");

        try (Admin admin = broker.admin()) {
            admin.createAcls(all.stream().filter(b -> !transactional.contains(b)).toList()).all().get();
            Class<?> app = generated.loadClass("com.acme.app.PipelineApp");
            app.getMethod("orders", Map.class, int.class).invoke(null, broker.clientProperties(), 3);
            try (AutoCloseable billing = (AutoCloseable) app.getMethod("billing", Map.class)
                    .invoke(null, billingProperties())) {
                // without WRITE on its transactional ids the runner cannot begin a transaction: nothing moves
                Thread.sleep(8_000);
                assertThat(committed(admin)).as("committed without transactional-id ACLs").isZero();
                assertThat(TopicReads.readAll(broker.clientProperties(), "billing.v1")).isEmpty();

                admin.createAcls(transactional).all().get();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (committed(admin) < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(committed(admin)).as("committed with the generated ACLs").isEqualTo(3);
            }
            assertThat(TopicReads.readAll(broker.clientProperties(), "billing.v1")).hasSize(3);
            Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get());
            assertThat(present).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    /** The group's committed offsets on orders.v1, summed. */
    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getKey().topic().equals("orders.v1") && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }
}
