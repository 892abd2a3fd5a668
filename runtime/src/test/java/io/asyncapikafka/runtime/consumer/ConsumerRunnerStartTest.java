package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.OrderEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Issue 17, R12: a runner whose i-th consumer client fails to start leaves nothing running behind. */
class ConsumerRunnerStartTest {

    @Test
    void aConsumerClientFailingToStartClosesTheClientsMadeBeforeIt() throws Exception {
        long before = liveThreads("consumer_background_thread");
        ConsumerRunner runner = ConsumerRunner.builder(KafkaClientConfig.of("localhost:1")).groupId("start-g")
                .clientId("start-fail").topics("t").concurrency(3)
                // the consumer protocol's client starts a background thread at construction: a leak is visible
                .groupProtocol(GroupProtocol.CONSUMER)
                .handle(OrderEvent.TYPE, m -> {})
                .build();
        AtomicInteger made = new AtomicInteger();
        runner.consumerFactory(props -> {
            if (made.incrementAndGet() == 2) {
                throw new KafkaException("second client refused");
            }
            return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        });
        assertThatThrownBy(runner::start).isInstanceOf(KafkaException.class).hasMessage("second client refused");
        assertThat(made).hasValue(2);
        awaitThreads("consumer_background_thread", before);
        awaitThreads("start-fail-forwarder", 0);
        assertThat(runner.isRunning()).isFalse();
        runner.close(); // harmless after a failed start
    }

    private static long liveThreads(String nameContains) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains(nameContains)).count();
    }

    private static void awaitThreads(String nameContains, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (liveThreads(nameContains) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(liveThreads(nameContains)).as("threads named *%s*", nameContains).isEqualTo(expected);
    }
}
