package io.asyncapikafka.crashtests;

import io.asyncapikafka.testkit.KafkaBrokerProcess;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * After the faults: does the group's committed offset reach the end of every partition (main and retry topic)? A
 * group that does not within the deadline is a stall; its remaining lag per partition is kept.
 */
record Drain(boolean drained, double seconds, Map<TopicPartition, Long> remainingLag) {

    static final long DEADLINE_SECONDS = Long.getLong("crash.drainSeconds", 180); // more on a loaded machine

    static Drain await(KafkaBrokerProcess broker, String group, List<String> topics, PrintStream out)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Map<TopicPartition, Long> lag = Map.of();
        int zeroInARow = 0;
        try (Admin admin = broker.admin()) {
            while (CrashTest.secondsSince(t0) < DEADLINE_SECONDS) {
                try {
                    lag = lag(admin, group, topics);
                    zeroInARow = lag.values().stream().allMatch(l -> l == 0) ? zeroInARow + 1 : 0;
                    if (zeroInARow >= 3) {
                        double s = CrashTest.secondsSince(t0);
                        out.printf(Locale.ROOT, "drained: committed = end offsets %.1f s after the faults%n", s);
                        return new Drain(true, s, Map.of());
                    }
                } catch (Exception e) {
                    zeroInARow = 0; // broker busy: ask again
                }
                Thread.sleep(1000);
            }
        }
        Map<TopicPartition, Long> left = new LinkedHashMap<>();
        lag.forEach((tp, l) -> {
            if (l > 0) {
                left.put(tp, l);
            }
        });
        out.printf(Locale.ROOT, "STALL: lag not drained %d s after the faults: %s%n", DEADLINE_SECONDS, left);
        return new Drain(false, CrashTest.secondsSince(t0), left);
    }

    private static Map<TopicPartition, Long> lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> lag = new LinkedHashMap<>();
        for (TopicPartition tp : latest.keySet()) {
            OffsetAndMetadata c = committed.get(tp);
            lag.put(tp, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }
}
