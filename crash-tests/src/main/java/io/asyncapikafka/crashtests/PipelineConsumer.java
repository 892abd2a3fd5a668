package io.asyncapikafka.crashtests;

import io.asyncapikafka.crashtests.pipeline.kafka.BillingV1Producer;
import io.asyncapikafka.crashtests.pipeline.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.crashtests.pipeline.kafka.ChargeOrdersHandler;
import io.asyncapikafka.crashtests.pipeline.model.OrderCharged;
import io.asyncapikafka.crashtests.pipeline.model.OrderPlaced;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ExactlyOnce;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * One billing JVM of {@link PipelineCrashTest}: the generated {@code ChargeOrdersConsumer} publishes one
 * {@code OrderCharged} per {@code OrderPlaced} through the generated {@code BillingV1Producer}. Mode {@code eos}: the
 * runner's exactly-once option, the facade on {@link ExactlyOnce#producer()}; mode {@code at-least-once}: the same
 * with the option off and a plain idempotent producer. Each handler run is appended to the effects file first
 * (forced to disk), so the verdict can count how often handlers ran again after kills.
 *
 * <p>Arguments: mode, bootstrap servers, group protocol, effects file, (unused) topic.
 */
public final class PipelineConsumer {

    private PipelineConsumer() {}

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> { // the test JVM holds our stdin: when it dies, so do we
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever written
                }
            } catch (java.io.IOException ignored) {
                // the same as the end of the stream
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        boolean exactlyOnce = args[0].equals("eos");
        KafkaClientConfig config = KafkaClientConfig.of(args[1]);
        GroupProtocol protocol = GroupProtocol.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        EffectLog effects = EffectLog.open(Path.of(args[3]));

        ExactlyOnce eos = exactlyOnce ? ExactlyOnce.builder(config).source("urn:crash:billing").build() : null;
        TypedProducer sends = exactlyOnce ? eos.producer()
                : KafkaTypedProducer.builder(config).source("urn:crash:billing").build();
        BillingV1Producer billing = new BillingV1Producer(sends);
        ChargeOrdersHandler handler = m -> {
            OrderPlaced o = m.payload();
            effects.append(o.orderId(), m.topic(), m.partition(), m.offset(), m.attempt());
            billing.publishCharges(new OrderCharged(o.orderId(), o.seq(), o.amountCents()));
            Thread.sleep(1); // a transaction stays open a little after the send: where a SIGKILL hurts
        };
        ConsumerRunner.Builder builder = ChargeOrdersConsumer.runner(config, handler)
                .exactlyOnce(eos)
                .groupProtocol(protocol)
                .concurrency(2);
        if (protocol == GroupProtocol.CLASSIC) {
            // a SIGKILLed member's partitions move after 6 s (the broker's minimum), not 45
            builder.consumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                    .consumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        }
        ConsumerRunner runner = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            sends.close();
            stopped.countDown();
        }));
        runner.start();
        System.out.println("started " + args[0] + " group " + runner.groupId() + " protocol " + protocol + " pid "
                + ProcessHandle.current().pid());
        while (stopped.getCount() > 0) {
            System.out.println("health " + System.currentTimeMillis() + " running=" + runner.isRunning() + " failure="
                    + runner.failure().map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse("none")
                    + " assigned=" + runner.assignment().size());
            System.out.flush();
            stopped.await(1, TimeUnit.SECONDS);
        }
    }
}
