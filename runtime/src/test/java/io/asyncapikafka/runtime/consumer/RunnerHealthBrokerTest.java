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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 17, R1 and R8: a runner that can no longer do its work says so. */
class RunnerHealthBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static TypedProducer producer;

    @BeforeAll
    static void producer() {
        producer = KafkaTypedProducer.builder(config(KAFKA)).build();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** R8: one of two consumer threads dies (a user's metrics throw on the poll thread); the other still polls. */
    @Test
    void aRunnerWithADeadPollThreadReportsNotRunning() {
        KAFKA.createTopic("health", 2);
        java.util.concurrent.atomic.AtomicReference<Thread> victim = new java.util.concurrent.atomic.AtomicReference<>();
        ConsumerMetrics throwing = new ConsumerMetrics() {
            @Override
            public void received(TopicPartition partition) {
                victim.compareAndSet(null, Thread.currentThread());
                if (victim.get() == Thread.currentThread()) {
                    throw new IllegalStateException("metrics backend down"); // only the first poll thread to receive
                }
            }
        };
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("health-g").topics("health")
                .concurrency(2).metrics(throwing).handle(OrderEvent.TYPE, m -> {}).build().start()) {
            await("both partitions assigned", WAIT, () -> runner.assignment().size() == 2);
            assertThat(runner.isRunning()).isTrue();
            producer.sendAndWait("health", OrderEvent.TYPE, "k", OrderEvent.of("x"), null);
            await("the runner reports the dead thread", WAIT, () -> !runner.isRunning());
            assertThat(runner.state()).isEqualTo(ConsumerRunner.State.FAILED);
            assertThat(runner.failure()).get().extracting(Throwable::getMessage).isEqualTo("metrics backend down");
            await("the dead thread's partition goes to the live one", WAIT, () -> runner.assignment().size() == 2
                    && victim.get() != null && !victim.get().isAlive());
        }
    }

    /**
     * R1: a fatal error in a handler ({@link VirtualMachineError} other than {@link StackOverflowError}, which is an
     * ordinary failure: see runtime/README) stops the runner instead of re-delivering the record forever.
     */
    @Test
    void aFatalErrorInAHandlerStopsTheRunnerAndCommitsOnlyWhatFinished() {
        KAFKA.createTopic("fatal", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger fatalCalls = new AtomicInteger();
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("fatal-g").topics("fatal")
                .commitInterval(Duration.ofMillis(100))
                .handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("boom")) {
                        fatalCalls.incrementAndGet();
                        throw new OutOfMemoryError("Java heap space (thrown by the test)");
                    }
                    handled.add(m.payload().id());
                }).build().start()) {
            for (String id : List.of("a", "boom", "b")) {
                producer.sendAndWait("fatal", OrderEvent.TYPE, "k", OrderEvent.of(id), null);
            }
            await("the runner stops", WAIT, () -> !runner.isRunning());
            assertThat(runner.state()).isEqualTo(ConsumerRunner.State.FAILED);
            assertThat(runner.failure()).get().isInstanceOf(OutOfMemoryError.class);
            await("its threads end", WAIT, () -> runner.assignment().isEmpty());
        }
        assertThat(fatalCalls).as("not re-delivered forever").hasValue(1);
        assertThat(handled).containsExactly("a");
        assertThat(committed(KAFKA, "fatal-g", "fatal").get(0)).isEqualTo(1L);
    }
}
