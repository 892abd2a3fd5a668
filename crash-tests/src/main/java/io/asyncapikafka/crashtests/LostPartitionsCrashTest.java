package io.asyncapikafka.crashtests;

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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Issue 17's D3 out of process: consumers under {@code group.protocol=consumer} (KIP-848) whose members lose their
 * partitions when the broker process is SIGKILLed and comes back, {@code crash.lostPartitions.brokerKills} times,
 * while events flow (with retries in place, so partitions are paused and resumed around the restarts). Before the
 * fix a member's poll thread died with {@code IllegalStateException: No current assignment for partition} from
 * {@code resume()} and its process stayed up consuming nothing.
 *
 * <p>What must hold afterwards, or the test fails: every consumer JVM (none is killed here, so a dead member is not
 * replaced by a new one) reports itself running with no failure in its last health line and never reported
 * otherwise; and every one of them handles some of 600 probe events sent after the last restart to all 12
 * partitions it subscribes to (6 of the main topic, 6 of the retry topic; plain records there are handled like any:
 * each member holds 4 of the 12, so a member that consumes nothing handles none, or holds partitions it never
 * handles, and the drain then stalls). Nothing sent may be lost ({@link Verdict}).
 */
public final class LostPartitionsCrashTest {

    static final int PROBES = 600;

    private LostPartitionsCrashTest() {}

    public static void main(String[] args) throws Exception {
        int consumers = Integer.getInteger("crash.consumers", 3);
        int brokerKills = Integer.getInteger("crash.lostPartitions.brokerKills", 4);
        int events = Integer.getInteger("crash.lostPartitions.events", 6_000);
        Path dir = Path.of(System.getProperty("crash.workDir", "target/crash")).resolve("lost-partitions-consumer");
        PrintStream out = System.out;
        Random random = new Random(Long.getLong("crash.seed", 17));
        CrashTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        out.printf(Locale.ROOT, "%n--- lost partitions (D3): group.protocol=consumer, %d consumer JVMs, %d broker"
                + " SIGKILLs, no consumer kills ---%n", consumers, brokerKills);
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Map.of(), List.of("-Xms256m", "-Xmx768m",
                "-XX:+UseSerialGC"))) {
            broker.createTopics(List.of(new NewTopic(CrashTest.TOPIC, 6, (short) 1),
                    new NewTopic(CrashTest.RETRY_TOPIC, 6, (short) 1), new NewTopic(CrashTest.DLQ_TOPIC, 3, (short) 1)));
            List<ConsumerProcess> procs = new ArrayList<>();
            for (int i = 1; i <= consumers; i++) {
                ConsumerProcess p = new ConsumerProcess("c" + i, "runtime", "consumer", broker.bootstrapServers(), dir);
                procs.add(p);
                p.start();
            }
            // events over the whole time of the restarts (about 15 s of work between two, plus the restarts)
            EventSource source = EventSource.start(broker.bootstrapServers(), events, 20 * (brokerKills + 1), out);
            for (int k = 1; k <= brokerKills; k++) {
                Thread.sleep(10_000 + random.nextInt(10_000));
                long pid = broker.pid();
                broker.kill();
                out.printf(Locale.ROOT, "  %5.1f s  SIGKILL broker (pid %d)%n", CrashTest.secondsSince(t0), pid);
                Thread.sleep(1000);
                broker.startAgain();
                out.printf(Locale.ROOT, "  %5.1f s  broker back on the same port%n", CrashTest.secondsSince(t0));
            }
            source.awaitDone();
            // the members rejoin and get their partitions back; then probes to every partition
            Thread.sleep(20_000);
            sendProbes(broker.bootstrapServers());
            out.printf(Locale.ROOT, "  %5.1f s  %d probe events sent after the last restart%n",
                    CrashTest.secondsSince(t0), PROBES);
            Drain drain = Drain.await(broker, ConsumeCrashEventsConsumer.GROUP_ID,
                    List.of(CrashTest.TOPIC, CrashTest.RETRY_TOPIC), out);
            Map<String, Integer> probesByProcess = probesHandled(dir, procs);
            Map<String, String> lastHealth = new LinkedHashMap<>();
            for (ConsumerProcess p : procs) {
                lastHealth.put(p.name(), lastHealthLine(p.logFile()));
            }
            for (ConsumerProcess p : procs) {
                p.stopGracefully();
            }
            Verdict v = Verdict.compute("lost-partitions/consumer", source.plan(), dir, broker.bootstrapServers(),
                    drain, 0, brokerKills, true);
            v.print(out);
            out.println("  probes handled per consumer JVM  " + probesByProcess);
            out.println("  last health line per consumer JVM:");
            lastHealth.forEach((name, line) -> out.println("    " + name + ": " + line));
            probesByProcess.forEach((name, n) -> {
                if (n == 0) {
                    failures.add(name + " handled none of the probes after the last broker restart");
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
            String summary = String.format(Locale.ROOT, "lost-partitions/consumer  %d broker kills  probes per JVM %s"
                    + "  dead threads %d  lost %d  %s", brokerKills, probesByProcess, v.deadThreads(), v.lost(),
                    failures.isEmpty() ? "OK" : "FAILED " + failures);
            Files.writeString(dir.resolve("verdict.txt"), summary + "\n", StandardCharsets.UTF_8);
            out.println();
            out.println(summary);
        }
        out.println(failures.isEmpty() ? "OK: every consumer JVM still consumes after the broker restarts"
                : "FAILED: " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static void sendProbes(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PROBES; i++) {
                String id = "probe-" + i;
                byte[] value = ("{\"eventId\":\"" + id + "\",\"orderNo\":\"" + id
                        + "\",\"kind\":\"normal\",\"seq\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                // to every partition of both topics the members share out (a member may hold only retry partitions)
                String topic = i % 2 == 0 ? CrashTest.TOPIC : CrashTest.RETRY_TOPIC;
                producer.send(new ProducerRecord<>(topic, (i / 2) % 6, id.getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
        TimeUnit.MILLISECONDS.sleep(100);
    }

    /** Probe events each consumer JVM handled (its effects files, all incarnations). */
    static Map<String, Integer> probesHandled(Path dir, List<ConsumerProcess> procs) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (ConsumerProcess p : procs) {
            int n = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(x -> x.getFileName().toString().startsWith("effects-" + p.name() + "-"))
                        .toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (line.startsWith("probe-")) {
                            n++;
                        }
                    }
                }
            }
            out.put(p.name(), n);
        }
        return out;
    }

    static String lastHealthLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("health ")) {
                return lines.get(i);
            }
        }
        return null;
    }
}
