package io.asyncapikafka.crashtests;

import io.asyncapikafka.crashtests.pipeline.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.testkit.KafkaBrokerProcess;
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
 * The exactly-once crash test of the pipeline {@code orders.v1 → billing.v1} ({@code pipeline.asyncapi.yaml}):
 * {@code pipeline.consumers} billing JVMs ({@link PipelineConsumer}) publish one {@code OrderCharged} per
 * {@code OrderPlaced} while {@link PipelineSource} sends the orders; {@link Chaos} SIGKILLs a random billing JVM every
 * {@code pipeline.killEveryMs} (± half; most kills land inside a transaction: a run's is open from its first handler's
 * send to its commit) and the broker {@code pipeline.brokerKills} times. Then the group must drain, and a
 * {@code read_committed} reader of {@code billing.v1} must see every acknowledged order exactly once
 * ({@link PipelineVerdict}). Run {@code eos} has the runtime's exactly-once option on, once per group protocol of
 * {@code pipeline.protocols} (default {@code classic,consumer}: the classic protocol and KIP-848's); run
 * {@code at-least-once} (with {@code pipeline.control=true}) is the same pipeline with it off, under the first
 * protocol, which is expected to show duplicates.
 *
 * <p>Exits with 1 if the exactly-once run lost or duplicated an output, or did not drain.
 */
public final class PipelineCrashTest {

    static final String INPUT = "orders.v1";
    static final String OUTPUT = "billing.v1";
    static final String DLQ = "orders.dlq.v1";

    private PipelineCrashTest() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("pipeline.events", 3_000);
        List<String> protocols = List.of(System.getProperty("pipeline.protocols",
                System.getProperty("pipeline.protocol", "classic,consumer")).split(",")).stream()
                .map(String::strip).toList();
        int consumers = Integer.getInteger("pipeline.consumers", 2);
        long killEveryMs = Long.getLong("pipeline.killEveryMs", 20000);
        int brokerKills = Integer.getInteger("pipeline.brokerKills", 1);
        int produceSeconds = Integer.getInteger("pipeline.produceSeconds", 90);
        boolean control = Boolean.parseBoolean(System.getProperty("pipeline.control", "true"));
        long seed = Long.getLong("crash.seed", 17);
        Path work = Path.of(System.getProperty("crash.workDir", "target/crash")).resolve("pipeline");
        PrintStream out = System.out;

        List<PipelineVerdict> verdicts = new ArrayList<>();
        for (String protocol : protocols) {
            verdicts.add(run("eos", protocol, events, consumers, killEveryMs, brokerKills, produceSeconds,
                    new Random(seed), work.resolve("eos-" + protocol), out));
        }
        PipelineVerdict controlVerdict = null;
        if (control) {
            controlVerdict = run("at-least-once", protocols.get(0), events, consumers, killEveryMs, brokerKills,
                    produceSeconds, new Random(seed), work.resolve("at-least-once-" + protocols.get(0)), out);
            verdicts.add(controlVerdict);
        }
        out.println();
        out.println("=== pipeline crash test summary (" + events + " orders per run, read_committed reader) ===");
        verdicts.forEach(v -> out.println(v.oneLine()));
        Files.writeString(work.resolve("summary.txt"),
                String.join("\n", verdicts.stream().map(PipelineVerdict::oneLine).toList()) + "\n",
                StandardCharsets.UTF_8);
        boolean failed = false;
        for (PipelineVerdict eos : verdicts.subList(0, protocols.size())) {
            failed |= eos.lost() > 0 || eos.duplicated() > 0 || eos.strays() > 0 || !eos.drain().drained();
        }
        if (controlVerdict != null && controlVerdict.duplicated() == 0) {
            out.println("note: the at-least-once run showed no duplicate this time; it usually does");
        }
        out.println(failed ? "FAILED: exactly-once lost or duplicated outputs" : "OK: every order charged exactly once");
        System.exit(failed ? 1 : 0);
    }

    private static PipelineVerdict run(String mode, String protocol, int events, int consumers, long killEveryMs,
            int brokerKills, int produceSeconds, Random random, Path dir, PrintStream out) throws Exception {
        CrashTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        String label = mode + "/" + protocol;
        out.printf(Locale.ROOT, "%n--- pipeline %s: %d orders, %d billing JVMs, a SIGKILL every ~%d ms, %d broker kills"
                + " ---%n", label, events, consumers, killEveryMs, brokerKills);
        long t0 = System.nanoTime();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Map.of(), List.of("-Xms256m", "-Xmx768m",
                "-XX:+UseSerialGC"))) {
            broker.createTopics(List.of(new NewTopic(INPUT, 6, (short) 1), new NewTopic(OUTPUT, 6, (short) 1),
                    new NewTopic(DLQ, 3, (short) 1)));
            List<ConsumerProcess> procs = new ArrayList<>();
            for (int i = 1; i <= consumers; i++) {
                procs.add(new ConsumerProcess("b" + i, mode, protocol, broker.bootstrapServers(), dir,
                        PipelineConsumer.class.getName()));
            }
            for (ConsumerProcess p : procs) {
                p.start();
            }
            PipelineSource source = PipelineSource.start(broker.bootstrapServers(), events, produceSeconds, out);
            Chaos chaos = new Chaos(broker, procs, killEveryMs, brokerKills, produceSeconds, random, out);
            chaos.run(source::isDone);
            source.awaitDone();
            out.printf(Locale.ROOT, "faults over after %.1f s: %d consumer kills, %d broker kills; draining%n",
                    CrashTest.secondsSince(t0), chaos.consumerKills(), chaos.brokerKillsDone());
            Drain drain = Drain.await(broker, ChargeOrdersConsumer.GROUP_ID, List.of(INPUT), out);
            for (ConsumerProcess p : procs) {
                p.stopGracefully();
            }
            PipelineVerdict v = PipelineVerdict.compute(label, source.acked(), dir, broker.bootstrapServers(), drain,
                    chaos.consumerKills(), chaos.brokerKillsDone());
            v.print(out);
            Files.writeString(dir.resolve("verdict.txt"), v.oneLine() + "\n", StandardCharsets.UTF_8);
            return v;
        }
    }
}
