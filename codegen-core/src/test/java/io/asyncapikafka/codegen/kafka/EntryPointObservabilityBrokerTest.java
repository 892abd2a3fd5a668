package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: the generated entry point takes producer and consumer customizations (observers, metrics) and reports
 * every consumer's health in one call.
 */
class EntryPointObservabilityBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final String APP = """
            package com.acme.app;
            import com.acme.shop.kafka.*;
            import com.acme.shop.model.*;
            import io.asyncapikafka.runtime.consumer.ConsumerMetrics;
            import io.asyncapikafka.runtime.consumer.ConsumerHealth;
            import io.asyncapikafka.runtime.producer.ProducerObserver;
            import java.math.BigDecimal;
            import java.util.*;
            import java.util.concurrent.*;
            import org.apache.kafka.clients.producer.ProducerRecord;
            import org.apache.kafka.common.TopicPartition;
            public final class ObservedApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    List<String> seen = new CopyOnWriteArrayList<>();
                    try (ShopEventsKafka kafka = ShopEventsKafka.connect(bootstrap)) {
                        kafka.provisionTopics();
                        kafka.customizeProducer(b -> b.observer(new ProducerObserver() {
                            @Override
                            public Send sending(ProducerRecord<byte[], byte[]> record, String type) {
                                seen.add("sending " + type);
                                return Send.NOOP;
                            }
                        }));
                        kafka.customizeConsumers(b -> b.metrics(new ConsumerMetrics() {
                            @Override
                            public void handled(TopicPartition tp, String type, long nanos, Throwable error) {
                                seen.add("handled " + type + " " + (error == null));
                            }
                        }));
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        kafka.handleOrderPlaced(m -> got.add(m.payload().orderId()));
                        String early;
                        try {
                            kafka.customizeConsumers(b -> b);
                            early = "accepted";
                        } catch (IllegalStateException e) {
                            early = e.getMessage();
                        }
                        List<ConsumerHealth> before = kafka.health(10);
                        kafka.start();
                        kafka.shopOrdersV1Producer().placeOrder(UUID.randomUUID(), new OrderPlaced("o-1",
                                new BigDecimal("1.00"), UUID.randomUUID()), new TenantHeaders("acme", null))
                                .get(30, TimeUnit.SECONDS);
                        String order = got.poll(60, TimeUnit.SECONDS);
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        // the handler timer is reported just after the handler returned
                        while ((seen.size() < 2 || !kafka.health(10).stream().allMatch(ConsumerHealth::healthy))
                                && System.nanoTime() < deadline) {
                            Thread.sleep(50);
                        }
                        List<ConsumerHealth> after = kafka.health(10);
                        String lateProducer;
                        try {
                            kafka.customizeProducer(b -> b);
                            lateProducer = "accepted";
                        } catch (IllegalStateException e) {
                            lateProducer = e.getMessage();
                        }
                        return order + "\\n" + String.join(",", seen) + "\\n" + early + "\\n" + lateProducer
                                + "\\n" + before.size() + " " + before.get(0).state() + " " + before.get(0).healthy()
                                + "\\n" + after.get(0).groupId() + " " + after.get(0).state() + " "
                                + after.get(0).healthy() + " " + after.get(0).assignment() + " "
                                + after.get(0).failure().isPresent();
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void customizationsReachTheSharedProducerAndEveryRunnerAndHealthCoversEachConsumer() throws Exception {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.shop"))
                .generate(SeedContractTest.read("shop-events.asyncapi.yaml", Role.APPLICATION));
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        ClassLoader cl = Javac.compile(result.files(), Map.of("com.acme.app.ObservedApp", APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.ObservedApp")
                .getConstructor().newInstance();

        String[] lines = app.apply(KAFKA.bootstrapServers()).split("\n");
        assertThat(lines[0]).isEqualTo("o-1");
        assertThat(lines[1]).isEqualTo("sending OrderPlaced,handled OrderPlaced true");
        assertThat(lines[2]).isEqualTo("handlers are already registered; customize consumers before registering them");
        assertThat(lines[3]).isEqualTo("the producer is already built; customize it before the first send");
        assertThat(lines[4]).isEqualTo("1 NEW false");
        assertThat(lines[5]).startsWith("shop-").contains(" RUNNING true [shop.orders.v1-").endsWith(" false");
    }
}
