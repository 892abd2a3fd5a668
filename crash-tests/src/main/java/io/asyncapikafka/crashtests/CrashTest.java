package io.asyncapikafka.crashtests;

import io.asyncapikafka.testkit.KafkaBrokerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The crash test: a broker in its own JVM ({@link KafkaBrokerProcess}) and {@code crash.consumers} consumer JVMs
 * ({@link CrashConsumer}) while {@link EventSource} sends {@code crash.events} events with exact duplicates,
 * business-key duplicates, poison records, transient and permanent handler failures. Every {@code crash.killEveryMs}
 * (± half) a random consumer JVM is killed with SIGKILL and started again; {@code crash.brokerKills} times the broker
 * is killed with SIGKILL and started again on the same port and data. Then the faults stop and the group must drain.
 * {@link Verdict} counts, from the consumers' fsync'd side-effect files, the dead-letter topic and the consumers'
 * health lines: lost events, duplicate side effects, dead letters by reason (and twice), dead consumer threads,
 * stalls. Once per group protocol; then, with {@code crash.control=true}, a control run with a plain auto-commit
 * consumer, which is expected to lose events (it shows the test can fail).
 *
 * <p>Exits with 1 only when the runtime lost events; duplicates are expected with the in-memory dedup store (every
 * SIGKILL repeats the side effects finished since the last commit) and are printed.
 */
public final class CrashTest {

    static final String TOPIC = "crash.events.v1";
    static final String RETRY_TOPIC = "crash.events.retry.v1";
    static final String DLQ_TOPIC = "crash.events.dlq.v1";

    private CrashTest() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("crash.events", 20_000);
        List<String> protocols = List.of(System.getProperty("crash.protocols", "classic,consumer").split(","));
        int consumers = Integer.getInteger("crash.consumers", 3);
        long killEveryMs = Long.getLong("crash.killEveryMs", 4000);
        int brokerKills = Integer.getInteger("crash.brokerKills", 2);
        int produceSeconds = Integer.getInteger("crash.produceSeconds", 40);
        boolean control = Boolean.parseBoolean(System.getProperty("crash.control", "true"));
        long seed = Long.getLong("crash.seed", 17);
        Path work = Path.of(System.getProperty("crash.workDir", "target/crash"));
        PrintStream out = System.out;

        List<Verdict> verdicts = new ArrayList<>();
        for (String protocol : protocols) {
            Run run = new Run("runtime", protocol.strip(), events, consumers, killEveryMs, brokerKills, produceSeconds,
                    new Random(seed), work.resolve("runtime-" + protocol.strip()), out);
            verdicts.add(run.execute());
        }
        Verdict controlVerdict = null;
        if (control) {
            Run run = new Run("autocommit", protocols.get(0).strip(), events, consumers, killEveryMs, brokerKills,
                    produceSeconds, new Random(seed), work.resolve("control-autocommit"), out);
            controlVerdict = run.execute();
        }

        out.println();
        out.println("=== crash test summary (" + events + " events per run) ===");
        for (Verdict v : verdicts) {
            out.println(v.oneLine());
        }
        if (controlVerdict != null) {
            out.println(controlVerdict.oneLine() + "   <- control: a plain auto-commit consumer");
        }
        Files.writeString(work.resolve("summary.txt"), String.join("\n",
                verdicts.stream().map(Verdict::oneLine).toList()) + "\n"
                + (controlVerdict == null ? "" : controlVerdict.oneLine() + " (control)\n"), StandardCharsets.UTF_8);
        boolean lost = verdicts.stream().anyMatch(v -> v.lost() > 0);
        if (controlVerdict != null && controlVerdict.lost() == 0) {
            out.println("note: the control run lost nothing this time; it usually does (fewer kills hit queued work)");
        }
        out.println(lost ? "FAILED: the runtime lost events" : "OK: the runtime lost no event");
        System.exit(lost ? 1 : 0);
    }

    /** One scenario on a fresh broker. */
    private record Run(String mode, String protocol, int events, int consumers, long killEveryMs, int brokerKills,
            int produceSeconds, Random random, Path dir, PrintStream out) {

        Verdict execute() throws Exception {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            String label = mode + "/" + protocol;
            out.printf(Locale.ROOT, "%n--- %s: %d events, %d consumer JVMs, a SIGKILL every ~%d ms, %d broker kills ---%n",
                    label, events, consumers, killEveryMs, brokerKills);
            long t0 = System.nanoTime();
            // INFO with timestamps: the broker's own account of each restart, copied into the run's folder
            try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Map.of(), List.of("-Xms256m", "-Xmx768m",
                    "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"))) {
                out.printf(Locale.ROOT, "broker JVM at %s (%.1f s)%n", broker.bootstrapServers(), secondsSince(t0));
                broker.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1), new NewTopic(RETRY_TOPIC, 6, (short) 1),
                        new NewTopic(DLQ_TOPIC, 3, (short) 1)));
                List<ConsumerProcess> procs = new ArrayList<>();
                for (int i = 1; i <= consumers; i++) {
                    procs.add(new ConsumerProcess("c" + i, mode, protocol, broker.bootstrapServers(), dir));
                }
                for (ConsumerProcess p : procs) {
                    p.start();
                }
                EventSource source = EventSource.start(broker.bootstrapServers(), events, produceSeconds, out);
                Chaos chaos = new Chaos(broker, procs, killEveryMs, brokerKills, produceSeconds, random, out);
                chaos.run(source);
                source.awaitDone();
                out.printf(Locale.ROOT, "faults over after %.1f s: %d consumer kills, %d broker kills; draining%n",
                        secondsSince(t0), chaos.consumerKills(), chaos.brokerKillsDone());
                String group = mode.equals("runtime")
                        ? io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsConsumer.GROUP_ID
                        : "crash-control-autocommit";
                Drain drain = Drain.await(broker, group, mode.equals("runtime")
                        ? List.of(TOPIC, RETRY_TOPIC) : List.of(TOPIC), out);
                for (ConsumerProcess p : procs) {
                    p.stopGracefully();
                }
                Verdict v = Verdict.compute(label, source.plan(), dir, broker.bootstrapServers(), drain,
                        chaos.consumerKills(), chaos.brokerKillsDone(), mode.equals("runtime"));
                v.print(out);
                Files.copy(broker.logFile(), dir.resolve("broker.log"));
                Files.writeString(dir.resolve("verdict.txt"), v.oneLine() + "\n", StandardCharsets.UTF_8);
                return v;
            }
        }
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
