package io.asyncapikafka.runtime.consumer;

import static io.asyncapikafka.runtime.consumer.LoopHarness.P0;
import static io.asyncapikafka.runtime.consumer.LoopHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The hand-off between the poll thread and a partition's handler thread on kafka-clients' MockConsumer: a partition
 * whose handler is busy keeps fetching while its hand-off has room, and pauses once it holds
 * {@link PartitionTask#HAND_OFF_RECORDS} records, so memory stays bounded; order and commits are unchanged.
 */
class HandOffMockTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();

    /** What the consumer has paused, read on the poll thread at the start of its next poll. */
    private static Set<TopicPartition> pausedSeenByNextPolls(LoopHarness h) throws InterruptedException {
        AtomicReference<Set<TopicPartition>> seen = new AtomicReference<>();
        CountDownLatch polled = new CountDownLatch(2);
        // two polls: the first returns the records just added; the second starts after that iteration paused/resumed
        for (int i = 0; i < 2; i++) {
            h.onPollThread(() -> {
                seen.set(Set.copyOf(h.consumer.paused()));
                polled.countDown();
            });
        }
        assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
        return seen.get();
    }

    @Test
    void aBusyPartitionKeepsFetchingUntilItsHandOffIsFullThenPausesAndResumes() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            h.start(h.builder().handle(OrderEvent.TYPE, m -> {
                if (m.payload().id().equals("r0")) {
                    inFirst.countDown();
                    release.await();
                }
                handled.add(m.payload().id());
            }), P0);
            h.send(P0, "r0");
            assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();

            List<String> expected = new ArrayList<>(List.of("r0"));
            String[] few = ids(1, 10);
            expected.addAll(List.of(few));
            h.send(P0, few);
            assertThat(pausedSeenByNextPolls(h)).as("10 records handed over: room left, still fetching").isEmpty();

            String[] many = ids(11, PartitionTask.HAND_OFF_RECORDS);
            expected.addAll(List.of(many));
            h.send(P0, many);
            assertThat(pausedSeenByNextPolls(h)).as("hand-off full: paused").containsExactly(P0);

            release.countDown();
            await("everything handled", () -> handled.size() == expected.size());
            assertThat(handled).containsExactlyElementsOf(expected);
            await("resumed", () -> h.consumer.paused().isEmpty());
            await("committed", () -> Long.valueOf(expected.size()).equals(h.committed(P0)));
            h.stop();
        }
    }

    /** The benchmark's switch to the former protocol: a bound of one record pauses as soon as anything waits. */
    @Test
    void theFormerProtocolPausesAsSoonAsOneBatchWaits() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LoopHarness h = new LoopHarness()) {
            System.setProperty(PartitionTask.HAND_OFF_RECORDS_PROPERTY, "1");
            try {
                h.start(h.builder().handle(OrderEvent.TYPE, m -> {
                    if (m.payload().id().equals("r0")) {
                        inFirst.countDown();
                        release.await();
                    }
                    handled.add(m.payload().id());
                }), P0);
            } finally {
                System.clearProperty(PartitionTask.HAND_OFF_RECORDS_PROPERTY);
            }
            h.send(P0, "r0");
            assertThat(inFirst.await(10, TimeUnit.SECONDS)).isTrue();
            h.send(P0, "r1");
            assertThat(pausedSeenByNextPolls(h)).as("one record handed over: paused").containsExactly(P0);
            release.countDown();
            await("everything handled", () -> handled.size() == 2);
            assertThat(handled).containsExactly("r0", "r1");
            await("resumed", () -> h.consumer.paused().isEmpty());
            h.stop();
        }
    }

    private static String[] ids(int from, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = "r" + (from + i);
        }
        return ids;
    }
}
