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
 * A parameterised channel without a topic binding ({@code tenant.{tenantId}.events}) on the in-JVM broker: the
 * generated producer builds each tenant's topic from the parameter, the generated consumer subscribes by pattern and
 * receives from every tenant's topic, and an undeclared message type is dead-lettered to the one fixed dead-letter
 * topic derived from the channel name ({@code tenant.events.dlq}, never a name with braces, which Kafka refuses).
 */
class PatternSubscriptionBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create()
            .withTopic("tenant.acme.events", 2)
            .withTopic("tenant.beta.events", 2)
            .withTopic("tenant.events.dlq", 1);

    private static final String APP = """
            package com.acme.app;
            import com.acme.tenants.kafka.*;
            import com.acme.tenants.model.*;
            import io.asyncapikafka.runtime.HeadersCodec;
            import io.asyncapikafka.runtime.KeyCodec;
            import io.asyncapikafka.runtime.MessageType;
            import java.util.*;
            import java.util.concurrent.*;
            public final class TenantApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    try (TenantEventsKafka kafka = TenantEventsKafka.connect(bootstrap)) {
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        kafka.onTenantEvent((m, parameters) -> got.add(parameters.tenantId() + "@" + m.topic() + " key=" + m.key() + " " + m.payload()));
                        kafka.start();
                        var events = kafka.eventsProducer();
                        events.sendTenantEvent("acme", "k1", new TenantEvent("acme", "hello")).get(30, TimeUnit.SECONDS);
                        // A type the channel does not declare, before a declared one with the same key (partition):
                        // when the later one is handled, the dead letter has been written and acknowledged.
                        MessageType<String, TenantEvent, Void> deleted = MessageType.of("TenantDeleted",
                                TenantEvent.class, KeyCodec.string(), HeadersCodec.none());
                        kafka.producer().send(Topics.events("beta"), deleted, "k2",
                                new TenantEvent("beta", "gone"), null).get(30, TimeUnit.SECONDS);
                        events.sendTenantEvent("beta", "k2", new TenantEvent("beta", "hi")).get(30, TimeUnit.SECONDS);
                        List<String> out = new ArrayList<>();
                        for (int i = 0; i < 2; i++) {
                            String s = got.poll(60, TimeUnit.SECONDS);
                            if (s == null) {
                                break;
                            }
                            out.add(s);
                        }
                        Collections.sort(out);
                        return OnTenantEventConsumer.DEAD_LETTER_TOPIC + "\\n" + String.join("\\n", out);
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void producerBuildsEachTenantsTopicAndThePatternConsumerReadsThemAll() throws Exception {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.tenants"))
                .generate(SeedContractTest.read("tenant-events.asyncapi.yaml", Role.APPLICATION));
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        assertThat(result.summary()).anyMatch(l -> l.contains("tenant.events.dlq"));
        ClassLoader cl = Javac.compile(result.files(), Map.of("com.acme.app.TenantApp", APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.TenantApp")
                .getConstructor().newInstance();

        assertThat(app.apply(KAFKA.bootstrapServers()).split("\n")).containsExactly(
                "tenant.events.dlq",
                "acme@tenant.acme.events key=k1 TenantEvent[tenantId=acme, text=hello]",
                "beta@tenant.beta.events key=k2 TenantEvent[tenantId=beta, text=hi]");

        List<ConsumerRecord<byte[], byte[]>> dead =
                TopicReads.readAll(KAFKA.bootstrapServers(), "tenant.events.dlq");
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
        assertThat(TopicReads.header(d, "ce_type")).isEqualTo("TenantDeleted");
        assertThat(TopicReads.header(d, "dlq.reason")).isEqualTo("UNKNOWN_MESSAGE_TYPE");
        assertThat(TopicReads.header(d, "dlq.original.topic")).isEqualTo("tenant.beta.events");
        assertThat(TopicReads.header(d, "dlq.consumer.group")).isEqualTo("tenant-events");
    }
}
