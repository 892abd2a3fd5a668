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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hand-off on the broker: a partition with a backlog beside partitions that have caught up. The consumer has one
 * fetch request per broker in flight; when the backlog's partition was paused and that request named only the
 * caught-up partitions, it waited on the broker for {@code fetch.max.wait.ms}, and the resumed partition could fetch
 * only after it: a stall per batch. A busy partition whose hand-off has room is not paused, so it never waits.
 */
class HandOffBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aBacklogBesideCaughtUpPartitionsNeverWaitsForTheFetchMaxWait() {
        KAFKA.createTopic("backlog", 2);
        List<String> ids = new ArrayList<>();
        try (TypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).build()) {
            for (int i = 0; i < 80; i++) {
                // one key: one partition, the other stays empty; one batch per record, so many small fetches
                String id = "b" + i;
                ids.add(id);
                producer.send("backlog", OrderEvent.TYPE, "one-key", OrderEvent.of(id), null).join();
            }
        }
        List<String> handled = new CopyOnWriteArrayList<>();
        long started;
        Duration took;
        try (ConsumerRunner runner = ConsumerRunner.builder(config(KAFKA)).groupId("backlog-g").topics("backlog")
                .consumerProperty("fetch.max.wait.ms", 10_000) // a stall per batch would take >= 10 s
                .consumerProperty("max.partition.fetch.bytes", 512) // a few records per fetch
                .consumerProperty("max.poll.records", 5)
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(5); // slower than fetching: the next records are handed over while a batch runs
                    handled.add(m.payload().id());
                })
                .build().start()) {
            await("first record handled", WAIT, () -> !handled.isEmpty());
            started = System.nanoTime();
            await("every record handled", WAIT, () -> handled.size() == ids.size());
            took = Duration.ofNanos(System.nanoTime() - started);
            await("committed", WAIT, () -> committed(KAFKA, "backlog-g", "backlog").values().stream()
                    .mapToLong(Long::longValue).sum() == ids.size());
        }
        assertThat(handled).containsExactlyElementsOf(ids);
        // 80 records x 5 ms plus ~16+ fetches: well under a second unloaded; one 10 s stall would already exceed this
        assertThat(took).as("80 records on a busy partition").isLessThan(Duration.ofSeconds(8));
    }
}
