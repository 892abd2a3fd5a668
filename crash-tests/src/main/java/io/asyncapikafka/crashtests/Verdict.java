package io.asyncapikafka.crashtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.crashtests.EventSource.Kind;
import io.asyncapikafka.crashtests.EventSource.Send;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The figures of one run, from what the consumers recorded durably (their effects files), what the dead-letter topic
 * holds and what the consumers reported about themselves (health lines).
 *
 * <ul>
 *   <li><b>lost</b>: an acknowledged send with no trace: a normal, transient or exactly duplicated event never
 *       handled; a poison or permanently failing record not dead-lettered; a business-key duplicate neither handled
 *       nor dead-lettered.
 *   <li><b>duplicate side effects</b>: handler executions beyond the first per event id.
 *   <li><b>business-key leaks</b>: business-key duplicates handled instead of dead-lettered {@code DUPLICATE_KEY}
 *       (not counted when the original's send failed and the original was never handled: the "duplicate" is then
 *       the first event of its key).
 *   <li><b>dead-lettered twice</b>: identities with more than one dead letter of the same reason.
 *   <li><b>dead consumer threads</b>: consumer incarnations that reported {@code failure()} or {@code isRunning()=false}.
 * </ul>
 */
record Verdict(String label, int sends, int lost, Map<Kind, Integer> lostByKind, int duplicateSideEffects,
        int businessKeyLeaks, Map<String, Integer> deadLettersByReason, int deadLetteredTwice, int wronglyDeadLettered,
        int deadThreads, List<String> deadThreadLines, Drain drain, int consumerKills, int brokerKills,
        List<String> examples) {

    static Verdict compute(String label, List<Send> plan, Path dir, String bootstrap, Drain drain, int consumerKills,
            int brokerKills, boolean runtime) throws IOException {
        Map<String, Integer> effects = effects(dir);
        List<DeadLetter> dlq = readDeadLetters(bootstrap);

        Map<String, Set<String>> reasonsByIdentity = new HashMap<>();
        Map<String, Integer> byReasonAndIdentity = new HashMap<>();
        Map<String, Integer> byReason = new TreeMap<>();
        for (DeadLetter d : dlq) {
            reasonsByIdentity.computeIfAbsent(d.identity(), k -> new HashSet<>()).add(d.reason());
            byReasonAndIdentity.merge(d.reason() + " " + d.identity(), 1, Integer::sum);
            byReason.merge(d.reason(), 1, Integer::sum);
        }
        int twice = (int) byReasonAndIdentity.values().stream().filter(n -> n > 1).count();
        List<String> examples = new ArrayList<>();
        byReasonAndIdentity.entrySet().stream().filter(e -> e.getValue() > 1).limit(5)
                .forEach(e -> examples.add("dead-lettered " + e.getValue() + " times: " + e.getKey()));

        Set<String> acknowledged = new HashSet<>();
        for (Send s : plan) {
            acknowledged.add(s.identity());
        }
        Map<Kind, Integer> lostByKind = new EnumMap<>(Kind.class);
        Set<String> expectedHandled = new HashSet<>();
        int leaks = 0;
        int wrongly = 0;
        for (Send s : plan) {
            boolean handled = effects.containsKey(s.identity());
            Set<String> reasons = reasonsByIdentity.getOrDefault(s.identity(), Set.of());
            boolean ok = switch (s.kind()) {
                case NORMAL, TRANSIENT, EXACT_DUPLICATE -> handled;
                case POISON -> reasons.contains("DESERIALIZATION");
                case PERMANENT -> reasons.contains("RETRIES_EXHAUSTED");
                case BUSINESS_KEY_DUPLICATE -> handled || reasons.contains("DUPLICATE_KEY");
            };
            if (s.kind() == Kind.NORMAL || s.kind() == Kind.TRANSIENT || s.kind() == Kind.EXACT_DUPLICATE) {
                expectedHandled.add(s.identity());
                if (!reasons.isEmpty()) {
                    wrongly++;
                }
            }
            // a business-key duplicate is one only if its original (its id without "-bk") reached the topic: when the
            // original's send failed (not acknowledged, never handled), it is the first event of its key, rightly run
            String original = originalOf(s.identity());
            if (s.kind() == Kind.BUSINESS_KEY_DUPLICATE && handled
                    && (acknowledged.contains(original) || effects.containsKey(original))) {
                if (leaks++ < 3) {
                    examples.add("business-key leak: " + s.identity() + " handled " + effects.get(s.identity())
                            + " time(s)");
                }
            }
            if (!ok) {
                if (lostByKind.values().stream().mapToInt(Integer::intValue).sum() < 5) {
                    examples.add("lost: " + s.kind() + " " + s.identity() + " (dead letters " + reasons + ")");
                }
                lostByKind.merge(s.kind(), 1, Integer::sum);
            }
        }
        int lost = lostByKind.values().stream().mapToInt(Integer::intValue).sum();
        int duplicates = effects.values().stream().mapToInt(n -> n - 1).sum();
        List<String> deadLines = deadThreadLines(dir);
        return new Verdict(label, plan.size(), lost, lostByKind, duplicates, runtime ? leaks : 0, byReason, twice,
                wrongly, deadLines.size(), deadLines, drain, consumerKills, brokerKills, examples);
    }

    /** Event id → how often a handler performed its side effect, over every effects file of the run. */
    private static Map<String, Integer> effects(Path dir) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("effects-")).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n'); // a line cut by SIGKILL has no line break: not a finished effect
                if (end < 0) {
                    continue;
                }
                for (String line : text.substring(0, end).split("\n")) {
                    if (!line.isBlank()) {
                        out.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    /** The event id a business-key duplicate ({@code e-<seq>-bk}, see {@link EventSource}) duplicates. */
    static String originalOf(String duplicateId) {
        return duplicateId.endsWith("-bk") ? duplicateId.substring(0, duplicateId.length() - 3) : duplicateId;
    }

    /** Per consumer incarnation, the first health line that reported a dead runner or a failure. */
    private static List<String> deadThreadLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("c\\d+\\.log")).sorted().toList()) {
                int incarnation = 0;
                boolean reported = false;
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith("started ")) {
                        incarnation++;
                        reported = false;
                    } else if (line.startsWith("health ") && !reported
                            && (line.contains("running=false") || !line.contains("failure=none"))) {
                        out.add(f.getFileName() + " #" + incarnation + ": " + line);
                        reported = true;
                    }
                }
            }
        }
        return out;
    }

    private record DeadLetter(String reason, String identity) {}

    private static List<DeadLetter> readDeadLetters(String bootstrap) {
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(CrashTest.DLQ_TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    Header reason = r.headers().lastHeader(DeadLetterHeaders.REASON);
                    out.add(new DeadLetter(reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8),
                            identity(r.value())));
                }
            }
        }
        return out;
    }

    private static String identity(byte[] value) {
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        try {
            JsonNode n = Json.mapper().readTree(value);
            if (n != null && n.has("eventId")) {
                return n.get("eventId").asText();
            }
        } catch (IOException notJson) {
            // a poison record: its value is its identity
        }
        return text;
    }

    String oneLine() {
        return String.format(Locale.ROOT, "%-20s sends %6d  lost %4d %s  duplicate side effects %5d  business-key leaks"
                + " %3d  dead letters %s  twice %3d  healthy dead-lettered %3d  dead threads %2d  %s  (%d consumer kills,"
                + " %d broker kills)", label, sends, lost, lostByKind, duplicateSideEffects, businessKeyLeaks,
                deadLettersByReason,
                deadLetteredTwice, wronglyDeadLettered, deadThreads,
                drain.drained() ? String.format(Locale.ROOT, "drained in %.1f s", drain.seconds())
                        : "STALLED " + drain.remainingLag(), consumerKills, brokerKills);
    }

    void print(PrintStream out) {
        out.println("figures " + label + ":");
        out.printf(Locale.ROOT, "  acknowledged sends           %6d%n", sends);
        out.printf(Locale.ROOT, "  lost                         %6d  %s%n", lost, lostByKind);
        out.printf(Locale.ROOT, "  duplicate side effects       %6d  (executions beyond the first per event id)%n",
                duplicateSideEffects);
        out.printf(Locale.ROOT, "  business-key leaks           %6d  (business-key duplicates handled, not DUPLICATE_KEY)%n",
                businessKeyLeaks);
        out.printf(Locale.ROOT, "  dead letters by reason       %s%n", deadLettersByReason);
        out.printf(Locale.ROOT, "  dead-lettered twice          %6d%n", deadLetteredTwice);
        out.printf(Locale.ROOT, "  healthy events dead-lettered %6d%n", wronglyDeadLettered);
        out.printf(Locale.ROOT, "  dead consumer threads        %6d%n", deadThreads);
        deadThreadLines.forEach(l -> out.println("    " + l));
        examples.forEach(l -> out.println("  e.g. " + l));
        out.println("  stall                        " + (drain.drained()
                ? String.format(Locale.ROOT, "none (drained in %.1f s)", drain.seconds()) : "yes: " + drain.remainingLag()));
    }
}
