package io.asyncapikafka.crashtests;

import io.asyncapikafka.crashtests.EventSource.Kind;
import io.asyncapikafka.crashtests.EventSource.Send;
import io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsConsumer;
import io.asyncapikafka.testkit.KafkaBrokerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Issue 17's D3 forced out of process: members that lose their partitions while they are busy. Three consumer JVMs
 * (two consumer threads each) under {@code group.protocol=consumer} (KIP-848) with a slow handler; before each freeze
 * every partition is topped up to a backlog above the consumers' hand-off bound, so their partitions are paused and
 * their poll returns at once after a rebalance callback. Then, {@code crash.frozen.freezes} times, two of the JVMs are
 * frozen with SIGSTOP past the broker's session timeout (6 s here) and thawed with SIGCONT: the broker has fenced
 * their members meanwhile, so on waking they run {@code onPartitionsLost}, and the other members give partitions up
 * when they rejoin.
 *
 * <p>Under KIP-848 the client changes its assignment on its background thread <em>after</em> the callback returns, so
 * the poll loop reads an assignment that still holds the partitions just lost and pauses or resumes them; the
 * background thread, by then without them, answers {@code IllegalStateException: No current assignment for
 * partition}. Before the fix that exception ended the poll thread (the JVM stays up and that member consumes
 * nothing); the fix ({@code Pauses}) skips partitions that went away.
 *
 * <p>Fails unless: every freeze made each frozen JVM lose partitions (else the run proved nothing), no consumer JVM
 * ever reported a failure or {@code running=false}, every JVM handles some of the probe events sent to all 12
 * partitions at the end, the group drains, and no event is lost ({@link Verdict}).
 */
public final class LostPartitionsFrozenCrashTest {

    private static final int PARTITIONS = 6;
    /** The consumer JVMs' hand-off bound (the runtime's {@code asyncapikafka.consumer.handOffRecords}). */
    private static final int HAND_OFF_RECORDS = 50;

    private LostPartitionsFrozenCrashTest() {}

    public static void main(String[] args) throws Exception {
        int consumers = Integer.getInteger("crash.consumers", 3);
        int freezes = Integer.getInteger("crash.frozen.freezes", 6);
        // before each freeze every partition is topped up to this lag, above the hand-off bound: partitions paused
        int backlog = Integer.getInteger("crash.frozen.backlog", 150);
        long handlerDelayMs = Long.getLong("crash.frozen.handlerDelayMs", 50);
        int together = Integer.getInteger("crash.frozen.together", 2); // JVMs frozen at once
        // the broker's consumer-protocol session is 6 s here (KafkaBrokerProcess's minimum): frozen longer, fenced
        long frozenMs = Long.getLong("crash.frozen.frozenMs", 10_000);
        Path dir = Path.of(System.getProperty("crash.workDir", "target/crash")).resolve("lost-partitions-frozen");
        PrintStream out = System.out;
        CrashTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        out.printf(Locale.ROOT, "%n--- lost partitions, frozen member (D3): group.protocol=consumer, %d consumer JVMs,"
                + " %d times %d of them SIGSTOPped for %.0f s, backlog %d per partition, handler %d ms ---%n",
                consumers, freezes, together, frozenMs / 1000.0, backlog, handlerDelayMs);
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        List<Send> plan = new CopyOnWriteArrayList<>();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Map.of(
                "group.consumer.session.timeout.ms", "6000"), List.of("-Xms256m", "-Xmx768m",
                "-XX:+UseSerialGC"))) {
            broker.createTopics(List.of(new NewTopic(CrashTest.TOPIC, PARTITIONS, (short) 1),
                    new NewTopic(CrashTest.RETRY_TOPIC, PARTITIONS, (short) 1),
                    new NewTopic(CrashTest.DLQ_TOPIC, 3, (short) 1)));
            List<ConsumerProcess> procs = new ArrayList<>();
            for (int i = 1; i <= consumers; i++) {
                ConsumerProcess p = new ConsumerProcess("c" + i, "runtime", "consumer", broker.bootstrapServers(), dir)
                        .withJvmOptions(List.of("-Dcrash.handlerDelayMs=" + handlerDelayMs,
                                // a partition with this many records in memory is paused (default 500: the
                                // backlog for that would take minutes to drain on a loaded machine)
                                "-Dasyncapikafka.consumer.handOffRecords=" + HAND_OFF_RECORDS));
                procs.add(p);
                p.start();
            }
            awaitWorking(procs, out, t0);
            Map<String, Integer> lostBefore = lostLines(procs);
            int[] seq = {0};
            try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
                    Admin admin = broker.admin()) {
                for (int k = 0; k < freezes; k++) {
                    topUp(admin, producer, "w" + k, backlog, seq, plan);
                    Thread.sleep(2_000); // fetched: partitions busy
                    List<ConsumerProcess> victims = new ArrayList<>();
                    for (int j = 0; j < Math.min(together, procs.size() - 1); j++) {
                        victims.add(procs.get((k + j) % procs.size()));
                    }
                    Map<String, Integer> lostNow = lostLines(procs);
                    for (ConsumerProcess victim : victims) {
                        victim.freeze();
                    }
                    out.printf(Locale.ROOT, "  %5.1f s  SIGSTOP %s%n", CrashTest.secondsSince(t0), names(victims));
                    Thread.sleep(frozenMs);
                    for (ConsumerProcess victim : victims) {
                        victim.thaw();
                    }
                    out.printf(Locale.ROOT, "  %5.1f s  SIGCONT %s%n", CrashTest.secondsSince(t0), names(victims));
                    Thread.sleep(6_000); // fenced, lost, rejoined; the others gave partitions back
                    Map<String, Integer> lostLater = lostLines(procs);
                    for (ConsumerProcess victim : victims) {
                        int lost = lostLater.get(victim.name()) - lostNow.get(victim.name());
                        out.printf(Locale.ROOT, "  %5.1f s  %s lost partitions %d time(s) after the freeze%n",
                                CrashTest.secondsSince(t0), victim.name(), lost);
                        if (lost == 0) {
                            failures.add(victim.name() + " lost no partitions after freeze " + (k + 1)
                                    + ": the broker did not fence it, the freeze tested nothing");
                        }
                    }
                }
                // the members settle; then probes to every partition, each member must handle some
                Thread.sleep(10_000);
                Map<TopicPartition, Integer> probes = new LinkedHashMap<>();
                partitions().forEach(tp -> probes.put(tp, LostPartitionsCrashTest.PROBES / (2 * PARTITIONS)));
                send(producer, "probe", probes, seq, plan);
            }
            out.printf(Locale.ROOT, "  %5.1f s  %d events sent, the last %d of them probes%n",
                    CrashTest.secondsSince(t0), plan.size(), LostPartitionsCrashTest.PROBES);
            Drain drain = Drain.await(broker, ConsumeCrashEventsConsumer.GROUP_ID,
                    List.of(CrashTest.TOPIC, CrashTest.RETRY_TOPIC), out);
            Map<String, Integer> probesByProcess = LostPartitionsCrashTest.probesHandled(dir, procs);
            Map<String, String> lastHealth = new LinkedHashMap<>();
            for (ConsumerProcess p : procs) {
                lastHealth.put(p.name(), LostPartitionsCrashTest.lastHealthLine(p.logFile()));
            }
            Map<String, Integer> lostAfter = lostLines(procs);
            List<String> noAssignment = grep(procs, "No current assignment for partition");
            for (ConsumerProcess p : procs) {
                p.stopGracefully();
            }
            Verdict v = Verdict.compute("lost-partitions-frozen/consumer", plan, dir, broker.bootstrapServers(),
                    drain, 0, 0, true);
            v.print(out);
            Map<String, Integer> lostTimes = new LinkedHashMap<>();
            lostAfter.forEach((name, n) -> lostTimes.put(name, n - lostBefore.get(name)));
            out.println("  onPartitionsLost per consumer JVM  " + lostTimes);
            out.println("  probes handled per consumer JVM    " + probesByProcess);
            out.println("  last health line per consumer JVM:");
            lastHealth.forEach((name, line) -> out.println("    " + name + ": " + line));
            noAssignment.stream().limit(5).forEach(line -> out.println("  " + line));
            probesByProcess.forEach((name, n) -> {
                if (n == 0) {
                    failures.add(name + " handled none of the probes after the freezes");
                }
            });
            lastHealth.forEach((name, line) -> {
                if (line == null || !line.contains("running=true") || !line.contains("failure=none")) {
                    failures.add(name + " is not running: " + line);
                }
            });
            if (v.deadThreads() > 0) {
                failures.add(v.deadThreads() + " consumer JVM(s) reported a dead runner: " + v.deadThreadLines());
            }
            if (v.lost() > 0) {
                failures.add("lost " + v.lost());
            }
            if (!drain.drained()) {
                failures.add("stalled: " + drain.remainingLag());
            }
            Files.copy(broker.logFile(), dir.resolve("broker.log"));
            String summary = String.format(Locale.ROOT, "lost-partitions-frozen/consumer  %d freezes  lost per JVM %s"
                    + "  probes per JVM %s  dead threads %d  \"No current assignment\" %d  lost %d  %s", freezes,
                    lostTimes, probesByProcess, v.deadThreads(), noAssignment.size(), v.lost(),
                    failures.isEmpty() ? "OK" : "FAILED " + failures);
            Files.writeString(dir.resolve("verdict.txt"), summary + "\n", StandardCharsets.UTF_8);
            out.println();
            out.println(summary);
        }
        out.println(failures.isEmpty() ? "OK: every consumer JVM still consumes after losing its partitions while busy"
                : "FAILED: " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every partition of both topics the group consumes (plain records on the retry topic are handled like any). */
    private static List<TopicPartition> partitions() {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : List.of(CrashTest.TOPIC, CrashTest.RETRY_TOPIC)) {
            for (int p = 0; p < PARTITIONS; p++) {
                out.add(new TopicPartition(topic, p));
            }
        }
        return out;
    }

    /**
     * Sends each partition what its lag (end offset minus the group's committed offset) lacks to reach
     * {@code backlog}: whatever the machine's speed, every member then has more records than its hand-off bound.
     */
    private static void topUp(Admin admin, KafkaProducer<byte[], byte[]> producer, String prefix, int backlog,
            int[] seq, List<Send> plan) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin
                .listConsumerGroupOffsets(ConsumeCrashEventsConsumer.GROUP_ID).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Integer> missing = new LinkedHashMap<>();
        for (TopicPartition tp : partitions()) {
            OffsetAndMetadata c = committed.get(tp);
            long lag = ends.get(tp).offset() - (c == null ? 0 : c.offset());
            missing.put(tp, (int) Math.max(0, backlog - lag));
        }
        send(producer, prefix, missing, seq, plan);
    }

    /**
     * {@code count} plain events to each partition; acknowledged ones join the plan. Ids {@code probe-*} for the
     * probes.
     */
    private static void send(KafkaProducer<byte[], byte[]> producer, String prefix, Map<TopicPartition, Integer> count,
            int[] seq, List<Send> plan) {
        count.forEach((tp, n) -> {
            for (int i = 0; i < n; i++) {
                int s = seq[0]++;
                String id = prefix + "-" + s;
                byte[] value = ("{\"eventId\":\"" + id + "\",\"orderNo\":\"" + id
                        + "\",\"kind\":\"normal\",\"seq\":" + s + "}").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), id.getBytes(StandardCharsets.UTF_8),
                        value), (md, e) -> {
                            if (e == null) {
                                plan.add(new Send(Kind.NORMAL, id));
                            }
                        });
            }
        });
        producer.flush();
    }

    /** Until every consumer JVM reported partitions (a JVM still joining has nothing to lose). */
    private static void awaitWorking(List<ConsumerProcess> procs, PrintStream out, long t0) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!procs.stream().allMatch(ConsumerProcess::isWorking)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer JVMs not all assigned after 120 s");
            }
            Thread.sleep(500);
        }
        out.printf(Locale.ROOT, "  %5.1f s  every consumer JVM holds partitions%n", CrashTest.secondsSince(t0));
    }

    /** How often each JVM's members logged {@code onPartitionsLost} (the runtime's WARN line "lost [..]"). */
    private static Map<String, Integer> lostLines(List<ConsumerProcess> procs) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ConsumerProcess p : procs) {
            out.put(p.name(), (int) Files.readAllLines(p.logFile(), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains(" lost [") && l.contains("will be re-delivered")).count());
        }
        return out;
    }

    private static String names(List<ConsumerProcess> procs) {
        return String.join(", ", procs.stream().map(ConsumerProcess::name).toList());
    }

    private static List<String> grep(List<ConsumerProcess> procs, String text) throws IOException {
        List<String> out = new ArrayList<>();
        for (ConsumerProcess p : procs) {
            for (String line : Files.readAllLines(p.logFile(), StandardCharsets.UTF_8)) {
                if (line.contains(text) && !line.startsWith("health ")) {
                    out.add(p.name() + ": " + line);
                }
            }
        }
        return out;
    }
}
