package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code x-asyncapi-kafka-exactly-once: true} on a receive operation: the generated consumer's {@code runner} takes the
 * runtime's {@code ExactlyOnce} (the contract's choice cannot be skipped by accident), and {@code exactlyOnce(config)}
 * sets it up with the group id as transactional-id prefix. Compiled and called; without the extension nothing changes.
 */
class ExactlyOnceConsumerTest {

    @TempDir
    Path dir;

    private GenerationResult generate(boolean exactlyOnce) throws Exception {
        String yaml = """
                asyncapi: '2.6.0'
                info: { title: Billing, version: '1.0.0' }
                channels:
                  orders.v1:
                    publish:
                      operationId: chargeOrders
                      bindings: { kafka: { groupId: { type: string, const: billing } } }
                      %s
                      message: { name: OrderPlaced, payload: { type: object, properties: { id: { type: string } } } }
                  billing.v1:
                    subscribe:
                      operationId: publishCharges
                      message: { name: OrderCharged, payload: { type: object, properties: { id: { type: string } } } }
                """.formatted(exactlyOnce ? "x-asyncapi-kafka-exactly-once: true" : "");
        Path file = dir.resolve("billing.asyncapi.yaml");
        Files.writeString(file, yaml);
        var model = ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(file).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.billing")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result;
    }

    @Test
    void theRunnerTakesTheExactlyOnceSetupAndRefusesNone() throws Exception {
        String user = """
                package com.acme.app;
                import com.acme.billing.kafka.BillingV1Producer;
                import com.acme.billing.kafka.ChargeOrdersConsumer;
                import com.acme.billing.model.OrderCharged;
                import io.asyncapikafka.runtime.KafkaClientConfig;
                import io.asyncapikafka.runtime.consumer.ExactlyOnce;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() {
                        KafkaClientConfig config = KafkaClientConfig.of("localhost:1");
                        ExactlyOnce eos = ChargeOrdersConsumer.exactlyOnce(config).source("urn:billing").build();
                        BillingV1Producer billing = new BillingV1Producer(eos.producer());
                        ChargeOrdersConsumer.runner(config, eos,
                                m -> billing.publishCharges(new OrderCharged(m.payload().id()))).build();
                        String outside;
                        try {
                            billing.publishCharges(new OrderCharged("x"));
                            outside = "sent";
                        } catch (IllegalStateException e) {
                            outside = "refused outside a handler";
                        }
                        try {
                            ChargeOrdersConsumer.runner(config, null, m -> { });
                            return "accepted null";
                        } catch (NullPointerException e) {
                            return outside + "; " + e.getMessage();
                        }
                    }
                }
                """;
        assertThat(SeedContractTest.run(generate(true).files(), user))
                .isEqualTo("refused outside a handler; exactlyOnce");
    }

    @Test
    void withoutTheExtensionTheConsumerIsUnchanged() throws Exception {
        String user = """
                package com.acme.app;
                import com.acme.billing.kafka.ChargeOrdersConsumer;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() {
                        StringBuilder sb = new StringBuilder();
                        for (java.lang.reflect.Method m : ChargeOrdersConsumer.class.getDeclaredMethods()) {
                            if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                                sb.append(m.getName()).append(m.getParameterCount());
                            }
                        }
                        return sb.toString();
                    }
                }
                """;
        assertThat(SeedContractTest.run(generate(false).files(), user)).contains("runner2").doesNotContain("exactlyOnce")
                .doesNotContain("runner3");
    }
}
