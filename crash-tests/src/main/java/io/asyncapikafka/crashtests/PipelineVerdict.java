package io.asyncapikafka.crashtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The figures of one pipeline run, as a {@code read_committed} reader of {@code billing.v1} sees them: lost (an
 * acknowledged input without an output), duplicated outputs (outputs beyond the first per input), outputs of no
 * input; plus how often handlers ran beyond once per input (the consumers' effects files: the re-runs that the kills
 * caused), and whether the group drained. Exactly-once passes with 0 lost and 0 duplicated; the control run with the
 * option off is expected to show duplicates.
 */
record PipelineVerdict(String label, int inputs, int outputs, int lost, int duplicated, int strays,
        int handlerReruns, Drain drain, int consumerKills, int brokerKills, List<String> examples) {

    static PipelineVerdict compute(String label, List<String> acked, Path dir, String bootstrap, Drain drain,
            int consumerKills, int brokerKills) throws IOException {
        Map<String, Integer> outputs = readOutputs(bootstrap);
        Set<String> expected = new HashSet<>(acked);
        List<String> examples = new ArrayList<>();
        int lost = 0;
        for (String id : expected) {
            if (!outputs.containsKey(id)) {
                if (lost++ < 5) {
                    examples.add("lost: " + id);
                }
            }
        }
        int duplicated = 0;
        int strays = 0;
        int total = 0;
        for (Map.Entry<String, Integer> e : outputs.entrySet()) {
            total += e.getValue();
            if (!expected.contains(e.getKey())) {
                strays += e.getValue();
            } else if (e.getValue() > 1) {
                if (duplicated < 5) {
                    examples.add("output " + e.getValue() + " times: " + e.getKey());
                }
                duplicated += e.getValue() - 1;
            }
        }
        return new PipelineVerdict(label, expected.size(), total, lost, duplicated, strays, handlerReruns(dir), drain,
                consumerKills, brokerKills, examples);
    }

    /** Order id → outputs on billing.v1 seen by a read_committed reader. */
    private static Map<String, Integer> readOutputs(String bootstrap) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> out = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(PipelineCrashTest.OUTPUT, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(PipelineCrashTest.OUTPUT, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps); // the last stable offsets under read_committed
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    try {
                        JsonNode n = Json.mapper().readTree(new String(r.value(), StandardCharsets.UTF_8));
                        out.merge(n.get("orderId").asText(), 1, Integer::sum);
                    } catch (IOException e) {
                        out.merge("unreadable", 1, Integer::sum);
                    }
                });
            }
        }
        return out;
    }

    /** Handler runs beyond the first per order id, over every effects file of the run. */
    private static int handlerReruns(Path dir) throws IOException {
        Map<String, Integer> runs = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("effects-")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int lastBreak = text.lastIndexOf('\n');
                for (String line : text.substring(0, lastBreak + 1).split("\n")) {
                    if (!line.isBlank()) {
                        runs.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
                    }
                }
            }
        }
        return runs.values().stream().mapToInt(n -> n - 1).sum();
    }

    String oneLine() {
        return String.format(Locale.ROOT, "%-14s inputs=%d outputs=%d lost=%d duplicated=%d strays=%d handler-reruns=%d"
                + " kills=%d broker-kills=%d drained=%s", label, inputs, outputs, lost, duplicated, strays,
                handlerReruns, consumerKills, brokerKills, drain.drained() ? String.format(Locale.ROOT, "%.0fs",
                        drain.seconds()) : "NO " + drain.remainingLag());
    }

    void print(PrintStream out) {
        out.println(oneLine());
        examples.forEach(e -> out.println("  " + e));
    }
}
