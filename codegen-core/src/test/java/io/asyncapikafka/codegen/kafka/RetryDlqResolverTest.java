package io.asyncapikafka.codegen.kafka;

import static io.asyncapikafka.codegen.kafka.TestContracts.channel;
import static io.asyncapikafka.codegen.kafka.TestContracts.message;
import static io.asyncapikafka.codegen.kafka.TestContracts.model;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryDlqResolverTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private static Operation receive(String retry, String dlq) {
        return new Operation("consume", false, "publish", Role.APPLICATION.directionOf("publish"), null, null, null,
                null, List.of(message("OrderCreated", null)), retry, dlq, TestContracts.HERE);
    }

    private static Channel withExtensions(String name, Operation op, String retry, String dlq) {
        return new Channel(name, null, null, List.of(), null, null, Map.of(), List.of(op), retry, dlq, TestContracts.HERE);
    }

    private RetryDlqResolver.Resolution resolve(AsyncApiModel model, RetryDlqResolver.Overrides overrides) {
        Channel ch = model.channels().get(0);
        return new RetryDlqResolver(model, overrides, diagnostics::add).resolve(ch, ch.operations().get(0));
    }

    @Test
    void versionedConventionFindsTheContractsOwnRetryAndDlqChannels() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                channel("orders.v1", null, null, List.of(receive(null, null))),
                channel("orders.retry.v1", null, null, List.of()),
                channel("orders-dead", "orders.dlq.v1", null, List.of())));
        var r = resolve(m, RetryDlqResolver.Overrides.NONE);
        assertThat(r.retryTopic()).isEqualTo("orders.retry.v1");
        assertThat(r.retryRule()).isEqualTo("convention, contract channel orders.retry.v1");
        assertThat(r.dlqTopic()).isEqualTo("orders.dlq.v1");
        assertThat(r.dlqRule()).isEqualTo("convention, contract channel orders-dead");
    }

    @Test
    void aParameterisedChannelDeadLettersToOneFixedTopicWithoutItsParameters() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                TestContracts.parameterised("tenant.{tenantId}.events", List.of(receive(null, null))),
                TestContracts.parameterised("{region}-{tenant}.orders.v1", List.of(receive(null, null))),
                channel("orders.dlq.v1", null, null, List.of())));
        var tenant = resolve(m, RetryDlqResolver.Overrides.NONE);
        // Never the channel name with its {param}s: Kafka refuses braces in topic names.
        assertThat(tenant.dlqTopic()).isEqualTo("tenant.events.dlq");
        assertThat(tenant.dlqRule()).isEqualTo("default <channel name without its parameters>.dlq, one for all its topics");
        assertThat(tenant.retryTopic()).isNull();
        Channel regional = m.channels().get(1);
        var r = new RetryDlqResolver(m, RetryDlqResolver.Overrides.NONE, diagnostics::add)
                .resolve(regional, regional.operations().get(0));
        assertThat(r.dlqTopic()).isEqualTo("orders.dlq.v1"); // orders.v1 without parameters: the convention applies
    }

    @Test
    void unversionedConvention() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                channel("orders", null, null, List.of(receive(null, null))),
                channel("orders.retry", null, null, List.of()),
                channel("orders.dlq", null, null, List.of())));
        var r = resolve(m, RetryDlqResolver.Overrides.NONE);
        assertThat(r.retryTopic()).isEqualTo("orders.retry");
        assertThat(r.dlqTopic()).isEqualTo("orders.dlq");
    }

    @Test
    void withoutContractChannelsNoRetryAndTopicDotDlq() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                channel("orders.v1", null, null, List.of(receive(null, null)))));
        var r = resolve(m, RetryDlqResolver.Overrides.NONE);
        assertThat(r.retryTopic()).isNull();
        assertThat(r.retryRule()).isEqualTo("no retry channel in the contract");
        assertThat(r.dlqTopic()).isEqualTo("orders.v1.dlq");
        assertThat(r.dlqRule()).isEqualTo("default <topic>.dlq");
    }

    @Test
    void aRetryChannelsConsumerDeadLettersToTheBaseDlqAndHasNoFurtherRetryTopic() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                channel("orders.retry.v1", null, null, List.of(receive(null, null))),
                channel("orders.v1", null, null, List.of()),
                channel("orders.dlq.v1", null, null, List.of())));
        var r = resolve(m, RetryDlqResolver.Overrides.NONE);
        assertThat(r.retryTopic()).isNull();
        assertThat(r.retryRule()).isEqualTo("channel is itself a retry stage");
        assertThat(r.dlqTopic()).isEqualTo("orders.dlq.v1");
    }

    @Test
    void operationExtensionWinsOverChannelExtensionWhichWinsOverConvention() {
        AsyncApiModel opLevel = model("t", Role.APPLICATION, List.of(), List.of(
                withExtensions("orders.v1", receive("op-retry", "op-dlq"), "ch-retry", "ch-dlq"),
                channel("op-retry", "op.retry.topic", null, List.of()),
                channel("orders.retry.v1", null, null, List.of())));
        var r = resolve(opLevel, RetryDlqResolver.Overrides.NONE);
        assertThat(r.retryTopic()).isEqualTo("op.retry.topic");
        assertThat(r.retryRule()).isEqualTo("operation x-retry-channel");
        assertThat(r.dlqTopic()).isEqualTo("op-dlq");
        assertThat(diagnostics).extracting(Diagnostic::code).containsExactly("AKK101");

        AsyncApiModel channelLevel = model("t", Role.APPLICATION, List.of(), List.of(
                withExtensions("orders.v1", receive(null, null), "ch-retry", "ch-dlq"),
                channel("ch-retry", null, null, List.of()),
                channel("ch-dlq", null, null, List.of()),
                channel("orders.retry.v1", null, null, List.of())));
        var c = resolve(channelLevel, RetryDlqResolver.Overrides.NONE);
        assertThat(c.retryTopic()).isEqualTo("ch-retry");
        assertThat(c.retryRule()).isEqualTo("channel x-retry-channel");
        assertThat(c.dlqTopic()).isEqualTo("ch-dlq");
        assertThat(c.dlqRule()).isEqualTo("channel x-dlq-channel");
    }

    @Test
    void configurationOverrideWinsOverEverything() {
        AsyncApiModel m = model("t", Role.APPLICATION, List.of(), List.of(
                withExtensions("orders.v1", receive("a", "b"), "c", "d")));
        var r = resolve(m, new RetryDlqResolver.Overrides(Map.of("orders.v1", "conf.retry"), Map.of("orders.v1", "conf.dlq")));
        assertThat(r.retryTopic()).isEqualTo("conf.retry");
        assertThat(r.retryRule()).isEqualTo("plugin configuration");
        assertThat(r.dlqTopic()).isEqualTo("conf.dlq");
        assertThat(r.dlqRule()).isEqualTo("plugin configuration");
    }

    @Test
    void generatorOptionsOverridesReachTheGeneratedConsumerAndTheSummary() {
        var options = io.asyncapikafka.codegen.GeneratorOptions.of("com.acme.orders")
                .withTopicOverrides(Map.of("orders.v1", "orders.replay.v1"), Map.of("orders.v1", "orders.dead.v1"));
        var result = io.asyncapikafka.codegen.CodeGenerator.create(options)
                .generate(SeedContractTest.read("orders-seed.asyncapi.yaml", Role.APPLICATION));
        String consumer = result.files().stream().filter(f -> f.typeSpec().name().endsWith("Consumer"))
                .filter(f -> f.toString().contains("Topics.ORDERS_V1.name()")).findFirst().orElseThrow().toString();
        assertThat(consumer).contains("RETRY_TOPIC = \"orders.replay.v1\"")
                .contains("DEAD_LETTER_TOPIC = \"orders.dead.v1\"")
                .contains("Dead-letter topic (plugin configuration).");
        assertThat(result.summary()).anyMatch(l -> l.contains("orders.dead.v1 (plugin configuration)"));
    }
}
