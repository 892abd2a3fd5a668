package io.asyncapikafka.crashtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsConsumer;
import io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsHandler;
import io.asyncapikafka.crashtests.contract.model.CrashEvent;
import io.asyncapikafka.crashtests.contract.model.CrashEventKind;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import io.asyncapikafka.runtime.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One consumer JVM of the crash test, killed with SIGKILL and started again by {@link CrashTest}. Mode
 * {@code runtime}: the generated consumer of {@code crash.asyncapi.yaml} on the project's runtime (in-memory dedup
 * stores), printing {@code isRunning()}/{@code failure()} every second. Mode {@code autocommit}: the control, a plain
 * consumer with {@code enable.auto.commit=true} that hands records to a worker thread, as many hand-written consumers
 * do; the test must be able to catch what it loses.
 *
 * <p>Arguments: mode, bootstrap servers, group protocol, effects file, topic.
 */
public final class CrashConsumer {

    /** A handler failure the crash test provokes on purpose. */
    static final class ProvokedFailure extends RuntimeException {
        ProvokedFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** How long each handler call takes ({@code -Dcrash.handlerDelayMs}); 0 (default): no wait. */
    private static final long HANDLER_DELAY_MS = Long.getLong("crash.handlerDelayMs", 0);

    private CrashConsumer() {}

    public static void main(String[] args) throws Exception {
        // The test JVM holds our stdin; when it dies (even by SIGKILL) the stream ends and so do we.
        Thread watch = new Thread(() -> {
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
        String mode = args[0];
        String bootstrap = args[1];
        GroupProtocol protocol = GroupProtocol.valueOf(args[2].toUpperCase(java.util.Locale.ROOT));
        EffectLog effects = EffectLog.open(Path.of(args[3]));
        if (mode.equals("runtime")) {
            runtime(bootstrap, protocol, effects);
        } else if (mode.equals("inbox")) {
            InboxCrashConsumer.run(bootstrap, protocol, Path.of(args[3])); // effects go to the database
        } else {
            autoCommit(bootstrap, protocol, effects, args[4]);
        }
    }

    private static void runtime(String bootstrap, GroupProtocol protocol, EffectLog effects) throws Exception {
        ConsumeCrashEventsHandler handler = m -> {
            CrashEvent e = m.payload();
            if (e.kind() == CrashEventKind.PERMANENT) {
                throw new ProvokedFailure("permanent failure of " + e.eventId());
            }
            if (e.kind() == CrashEventKind.TRANSIENT && m.attempt() < 2) {
                throw new ProvokedFailure("transient failure of " + e.eventId() + ", attempt " + m.attempt());
            }
            if (HANDLER_DELAY_MS > 0) {
                Thread.sleep(HANDLER_DELAY_MS); // a slow side effect: partitions stay busy, hence paused
            }
            effects.append(e.eventId(), m.topic(), m.partition(), m.offset(), m.attempt());
        };
        ConsumerRunner.Builder builder = ConsumeCrashEventsConsumer.runner(KafkaClientConfig.of(bootstrap), handler);
        if (protocol == GroupProtocol.CLASSIC) {
            // A SIGKILLed member holds its partitions until its session expires (45 s by default); 10 s, as the
            // broker's consumer-protocol session in KafkaBrokerProcess, keeps kills and processing interleaved.
            builder.consumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                    .consumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        }
        ConsumerRunner runner = builder
                .groupProtocol(protocol)
                .concurrency(2)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
                        .retryTopicRounds(1).retryTopicDelay(Duration.ofMillis(500)).build())
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close(); // SIGTERM at the end of the test: graceful, commits what finished
            stopped.countDown();
        }));
        runner.start();
        System.out.println("started group " + runner.groupId() + " protocol " + protocol + " pid "
                + ProcessHandle.current().pid());
        while (stopped.getCount() > 0) {
            System.out.println("health " + System.currentTimeMillis() + " running=" + runner.isRunning() + " failure="
                    + runner.failure().map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse("none")
                    + " assigned=" + runner.assignment().size());
            System.out.flush();
            stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void autoCommit(String bootstrap, GroupProtocol protocol, EffectLog effects, String topic)
            throws Exception {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "crash-control-autocommit",
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol.name().toLowerCase(java.util.Locale.ROOT),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, 200,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        BlockingQueue<ConsumerRecord<byte[], byte[]>> work = new ArrayBlockingQueue<>(2000);
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    ConsumerRecord<byte[], byte[]> r = work.take();
                    JsonNode e;
                    try {
                        e = Json.mapper().readTree(r.value());
                    } catch (Exception poison) {
                        continue; // nothing to do with it but skip it
                    }
                    if (e == null || !e.has("eventId") || "permanent".equals(e.path("kind").asText())) {
                        continue;
                    }
                    effects.append(e.get("eventId").asText(), r.topic(), r.partition(), r.offset(), 1);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "worker");
        worker.setDaemon(true);
        worker.start();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            System.out.println("started control consumer protocol " + protocol + " pid " + ProcessHandle.current().pid());
            long lastHealth = 0;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    work.put(r);
                }
                if (System.currentTimeMillis() - lastHealth > 1000) {
                    lastHealth = System.currentTimeMillis();
                    System.out.println("health " + lastHealth + " running=" + worker.isAlive() + " failure=none assigned="
                            + consumer.assignment().size());
                    System.out.flush();
                }
            }
        }
    }
}
