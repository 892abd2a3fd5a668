package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.committed;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.runtime.producer.TypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Must-show item 3: members joining and leaving repeatedly, under both group protocols. */
class RebalanceBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final int RECORDS = 300;

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void churnLosesNothingAndCommittedOffsetsNeverGoBackwards(GroupProtocol protocol) throws Exception {
        String topic = "churn-" + protocol.name().toLowerCase();
        String group = topic + "-g";
        KAFKA.createTopic(topic, 4);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> byRunner = new ConcurrentHashMap<>();
        List<String> regressions = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);

        Thread sampler = new Thread(() -> {
            Map<Integer, Long> last = new ConcurrentHashMap<>();
            try (Admin admin = KAFKA.admin()) {
                while (sampling.get()) {
                    committed(admin, group, topic).forEach((p, o) -> {
                        Long before = last.put(p, o);
                        if (before != null && o < before) {
                            regressions.add("partition " + p + ": " + before + " -> " + o);
                        }
                    });
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "offset-sampler");
        sampler.start();

        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread feeder = new Thread(() -> {
            try (TypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build()) {
                // at least RECORDS, and on until the last joiner left: every joiner has records to handle
                for (int i = 0; i < RECORDS || churning.get(); i++) {
                    producer.send(topic, OrderEvent.TYPE, "k" + i, OrderEvent.of(topic + "-" + i), null);
                    sent.incrementAndGet();
                    Thread.sleep(15);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feeder");
        feeder.start();

        List<ConsumerRunner> runners = new ArrayList<>();
        ConsumerRunner stable = runner(protocol, group, topic, "stable", handled, byRunner).start();
        runners.add(stable);
        try {
            for (int cycle = 0; cycle < 3; cycle++) {
                String name = "joiner-" + cycle;
                ConsumerRunner joiner = runner(protocol, group, topic, name, handled, byRunner).start();
                runners.add(joiner);
                await("joiner gets partitions", Duration.ofSeconds(30), () -> !joiner.assignment().isEmpty());
                // its own handler calls, not the group's: the stable member alone would satisfy a global count
                await(name + " handles records of its partitions", Duration.ofSeconds(30),
                        () -> count(byRunner, name) > 0);
                int stableBefore = count(byRunner, "stable");
                joiner.close();
                assertThat(joiner.isRunning()).isFalse();
                await("stable member goes on after " + name + " left", Duration.ofSeconds(30),
                        () -> count(byRunner, "stable") > stableBefore);
            }
            churning.set(false);
            feeder.join();
            int total = sent.get();
            await("every record handled", Duration.ofSeconds(60), () -> handled.size() == total);
            await("everything committed", Duration.ofSeconds(30), () -> committed(KAFKA, group, topic).values()
                    .stream().mapToLong(Long::longValue).sum() == total);
        } finally {
            churning.set(false);
            runners.forEach(ConsumerRunner::close);
            sampling.set(false);
            sampler.join();
        }
        assertThat(regressions).isEmpty();
        assertThat(stable.failure()).isEmpty();
    }

    private static int count(Map<String, AtomicInteger> byRunner, String name) {
        AtomicInteger n = byRunner.get(name);
        return n == null ? 0 : n.get();
    }

    private static ConsumerRunner runner(GroupProtocol protocol, String group, String topic, String name,
            Set<String> handled, Map<String, AtomicInteger> byRunner) {
        return ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId(group + "-" + name).topics(topic)
                .groupProtocol(protocol).commitInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(5))
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(2);
                    handled.add(m.payload().id());
                    byRunner.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                })
                .build();
    }

    /**
     * Issue 17, D1 and R3. A handler outlives the revoke timeout while a rebalance takes the partition away and gives
     * it back to the same member (the joiner subscribes to another topic, and the classic protocol revokes every
     * partition on a join). The revocation waits at most the revoke timeout — cut to a third of
     * {@code max.poll.interval.ms} — so the member is not evicted and the joiner is not held for the handler's
     * 6 s; the late task is fenced, and the partition's next task starts only after it ended: never two calls at once.
     */
    @org.junit.jupiter.api.Test
    void aHandlerOutlivingTheRevokeTimeoutDoesNotHoldTheGroupNorOverlapItsNextTask() throws Exception {
        String topic = "outlive";
        String other = "outlive-other";
        String group = "outlive-g";
        KAFKA.createTopic(topic, 1);
        KAFKA.createTopic(other, 1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger slowCalls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch inSlow = new java.util.concurrent.CountDownLatch(1);
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        ConsumerRunner stable = ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId(group + "-stable")
                .topics(topic).metrics(metrics).commitInterval(Duration.ofMillis(100))
                .consumerProperty("max.poll.interval.ms", 3000)
                .revokeTimeout(Duration.ofSeconds(10)) // cut to 1 s
                .handle(OrderEvent.TYPE, m -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        if (m.payload().id().equals("slow") && slowCalls.incrementAndGet() == 1) {
                            inSlow.countDown();
                            // a handler that does not stop when interrupted, for 6 s
                            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait();
                            }
                        }
                        handled.add(m.payload().id());
                    } finally {
                        inside.decrementAndGet();
                    }
                })
                .build().start();
        ConsumerRunner joiner = null;
        try (TypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build()) {
            await("stable assigned", Duration.ofSeconds(30), () -> !stable.assignment().isEmpty());
            for (String id : List.of("a", "slow", "b")) {
                producer.sendAndWait(topic, OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            assertThat(inSlow.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long joinedAt = System.nanoTime();
            joiner = ConsumerRunner.builder(config(KAFKA)).groupId(group).clientId(group + "-joiner").topics(other)
                    .handle(OrderEvent.TYPE, m -> {}).build().start();
            ConsumerRunner j = joiner;
            await("joiner assigned", Duration.ofSeconds(30), () -> !j.assignment().isEmpty());
            Duration joinTook = Duration.ofNanos(System.nanoTime() - joinedAt);
            assertThat(joinTook).as("the rebalance waited about the cut revoke timeout, not the 6 s handler")
                    .isLessThan(Duration.ofMillis(4500));
            await("everything handled", Duration.ofSeconds(40), () -> handled.size() == 3);
            await("committed", Duration.ofSeconds(30),
                    () -> Long.valueOf(3).equals(committed(KAFKA, group, topic).get(0)));
        } finally {
            if (joiner != null) {
                joiner.close();
            }
            stable.close();
        }
        assertThat(maxInside).as("calls at once on the one partition").hasValue(1);
        assertThat(metrics.revoked()).as("the partition was revoked while the handler ran").isGreaterThanOrEqualTo(1);
        assertThat(metrics.lost()).as("not evicted for exceeding max.poll.interval.ms").isZero();
        assertThat(handled).containsExactly("a", "slow", "b");
        assertThat(stable.failure()).isEmpty();
    }
}
