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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer group of a receive operation: the binding's groupId, else contract title + topic; a renamed operationId
 * keeps its group. The generated constant is compiled and read.
 */
class ConsumerGroupsTest {

    @TempDir
    Path dir;

    private GenerationResult generate(String operations) throws Exception {
        String yaml = """
                asyncapi: '2.6.0'
                info: { title: Billing Service, version: '1.0.0' }
                channels:
                  payments.v1:
                    bindings: { kafka: { topic: payments.events.v1 } }
                """ + operations.stripTrailing().indent(4) + """
                  refunds.v1:
                    publish:
                      operationId: receiveRefund
                      bindings: { kafka: { groupId: { type: string, enum: [refund-service] } } }
                      message: { name: Refund, payload: { type: object, properties: { id: { type: string } } } }
                """;
        Path file = dir.resolve("billing.asyncapi.yaml");
        Files.writeString(file, yaml);
        var model = ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(file).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.billing")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result;
    }

    private static String groupOf(GenerationResult result, String consumer) throws Exception {
        String user = """
                package com.acme.app;
                public final class UserCode implements java.util.concurrent.Callable<String> {
                    public String call() {
                        return com.acme.billing.kafka.%s.GROUP_ID;
                    }
                }
                """.formatted(consumer);
        return SeedContractTest.run(result.files(), user);
    }

    private static String receive(String operationId) {
        return """
                publish:
                  operationId: %s
                  message: { name: Payment, payload: { type: object, properties: { id: { type: string } } } }
                """.formatted(operationId);
    }

    @Test
    void withoutABindingTheGroupIsTitleAndTopicAndARenameKeepsIt() throws Exception {
        GenerationResult before = generate(receive("consumePayments"));
        GenerationResult after = generate(receive("handleIncomingPayments"));
        assertThat(groupOf(before, "ConsumePaymentsConsumer")).isEqualTo("billing-service.payments.events.v1");
        assertThat(groupOf(after, "HandleIncomingPaymentsConsumer")).isEqualTo("billing-service.payments.events.v1");
        assertThat(before.summary()).contains("operation consumePayments on channel payments.v1: receive ->"
                + " ConsumePaymentsHandler via ConsumePaymentsConsumer, group billing-service.payments.events.v1 from the"
                + " contract title and topic (no groupId binding) (Payment)");
        assertThat(before.diagnostics()).extracting(Diagnostic::code).doesNotContain("AKK102");
    }

    @Test
    void theBindingGroupIdWinsAndTheLogSaysSo() throws Exception {
        GenerationResult result = generate(receive("consumePayments"));
        assertThat(groupOf(result, "ReceiveRefundConsumer")).isEqualTo("refund-service");
        assertThat(result.summary()).contains("operation receiveRefund on channel refunds.v1: receive ->"
                + " ReceiveRefundHandler via ReceiveRefundConsumer, group refund-service from the operation binding"
                + " groupId (Refund)");
        JavaFile consumer = result.files().stream().filter(f -> f.typeSpec().name().equals("ReceiveRefundConsumer"))
                .findFirst().orElseThrow();
        assertThat(consumer.toString()).contains("Consumer group, from the operation binding groupId.");
    }

    /** Two receive operations of one channel (possible in AsyncAPI 3; built by hand here) need distinct groups. */
    @Test
    void twoUnpinnedReceiversOfOneChannelGetDistinctGroupsAndAWarning() {
        var model = TestContracts.model("Billing Service", Role.APPLICATION, java.util.List.of(), java.util.List.of(
                TestContracts.channel("payments.v1", "payments.v1", 3, java.util.List.of(
                        TestContracts.op("audit", "publish", Role.APPLICATION,
                                java.util.List.of(TestContracts.message("Payment", null))),
                        TestContracts.op("charge", "publish", Role.APPLICATION,
                                java.util.List.of(TestContracts.message("Payment", null)))))));
        var result = KafkaApiGenerator.create(GeneratorOptions.of("com.acme.billing")).generate(model);
        assertThat(result.summary()).anyMatch(l -> l.contains("via AuditConsumer, group billing-service.payments.v1.audit"
                + " from the contract title, topic and operationId"))
                .anyMatch(l -> l.contains("via ChargeConsumer, group billing-service.payments.v1.charge"));
        assertThat(result.diagnostics()).filteredOn(d -> d.code().equals("AKK102")).hasSize(2)
                .allSatisfy(d -> assertThat(d.hint()).contains("bindings.kafka.groupId"));
    }
}
