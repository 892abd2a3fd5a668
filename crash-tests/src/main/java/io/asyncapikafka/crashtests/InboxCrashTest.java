package io.asyncapikafka.crashtests;

import io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsConsumer;
import io.asyncapikafka.jdbc.JdbcProcessedEventStore;
import io.asyncapikafka.testkit.KafkaBrokerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Issue 18's crash test: the same events, consumer SIGKILLs and broker SIGKILLs as {@link CrashTest}, with the
 * consumers on the transactional inbox ({@link InboxCrashConsumer}) and a real database in its own process (an
 * embedded PostgreSQL server, a child process of this JVM, which the consumer kills do not touch). The side effect is
 * a row written in the inbox's transaction; afterwards the rows are read back and judged by {@link Verdict} like the
 * effects files of the in-memory run. Then, with {@code crash.inbox.compare=true}, the same faults once more with the
 * default in-memory stores ({@code runtime} mode, effects appended to files), which repeat side effects at each kill.
 *
 * <p>Exits with 1 when an inbox run lost an event, ran a side effect twice or let a business-key duplicate through
 * (each must be dead-lettered {@code DUPLICATE_KEY}), or when the in-memory run lost an event.
 */
public final class InboxCrashTest {

    private InboxCrashTest() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("crash.events", 20_000);
        List<String> protocols = List.of(System.getProperty("crash.inbox.protocols", "classic,consumer").split(","));
        int consumers = Integer.getInteger("crash.consumers", 3);
        long killEveryMs = Long.getLong("crash.killEveryMs", 4000);
        int brokerKills = Integer.getInteger("crash.brokerKills", 2);
        int produceSeconds = Integer.getInteger("crash.produceSeconds", 40);
        boolean compare = Boolean.parseBoolean(System.getProperty("crash.inbox.compare", "true"));
        long seed = Long.getLong("crash.seed", 17);
        Path work = Path.of(System.getProperty("crash.workDir", "target/crash"));
        PrintStream out = System.out;

        List<Verdict> inbox = new ArrayList<>();
        Verdict inMemory = null;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            out.printf(Locale.ROOT, "PostgreSQL server (pid of its own) on port %d%n", postgres.getPort());
            for (String protocol : protocols) {
                inbox.add(run("inbox", protocol.strip(), events, consumers, killEveryMs, brokerKills, produceSeconds,
                        new Random(seed), work.resolve("inbox-" + protocol.strip()), postgres, out));
            }
        }
        if (compare) {
            String protocol = protocols.get(0).strip();
            inMemory = run("runtime", protocol, events, consumers, killEveryMs, brokerKills, produceSeconds,
                    new Random(seed), work.resolve("inmemory-" + protocol), null, out);
        }

        out.println();
        out.println("=== inbox crash test summary (" + events + " events per run) ===");
        List<String> lines = new ArrayList<>();
        inbox.forEach(v -> lines.add(v.oneLine()));
        if (inMemory != null) {
            lines.add(inMemory.oneLine() + "   <- the same faults with the in-memory stores");
        }
        lines.forEach(out::println);
        Files.writeString(work.resolve("inbox-summary.txt"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        for (Verdict v : inbox) {
            if (v.lost() > 0 || v.duplicateSideEffects() > 0 || v.businessKeyLeaks() > 0) {
                failures.add(v.label() + ": lost " + v.lost() + ", duplicate side effects " + v.duplicateSideEffects()
                        + ", business-key leaks " + v.businessKeyLeaks());
            }
        }
        if (inMemory != null && inMemory.lost() > 0) {
            failures.add(inMemory.label() + ": lost " + inMemory.lost());
        }
        out.println(failures.isEmpty() ? "OK: the inbox ran every side effect once, lost nothing and let no"
                + " business-key duplicate through" : "FAILED: " + failures);
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static Verdict run(String mode, String protocol, int events, int consumers, long killEveryMs,
            int brokerKills, int produceSeconds, Random random, Path dir, EmbeddedPostgres postgres, PrintStream out)
            throws Exception {
        CrashTest.deleteRecursively(dir);
        Files.createDirectories(dir);
        String label = mode + "/" + protocol;
        out.printf(Locale.ROOT, "%n--- %s: %d events, %d consumer JVMs, a SIGKILL every ~%d ms, %d broker kills ---%n",
                label, events, consumers, killEveryMs, brokerKills);
        DataSource db = null;
        if (postgres != null) {
            db = postgres.getPostgresDatabase();
            freshTables(db);
            Files.writeString(dir.resolve("jdbc-url.txt"), postgres.getJdbcUrl("postgres", "postgres"),
                    StandardCharsets.UTF_8);
        }
        long t0 = System.nanoTime();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(Map.of(), List.of("-Xms256m", "-Xmx768m",
                "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"))) {
            out.printf(Locale.ROOT, "broker JVM at %s (%.1f s)%n", broker.bootstrapServers(), CrashTest.secondsSince(t0));
            broker.createTopics(List.of(new NewTopic(CrashTest.TOPIC, 6, (short) 1),
                    new NewTopic(CrashTest.RETRY_TOPIC, 6, (short) 1), new NewTopic(CrashTest.DLQ_TOPIC, 3, (short) 1)));
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
                    CrashTest.secondsSince(t0), chaos.consumerKills(), chaos.brokerKillsDone());
            Drain drain = Drain.await(broker, ConsumeCrashEventsConsumer.GROUP_ID,
                    List.of(CrashTest.TOPIC, CrashTest.RETRY_TOPIC), out);
            for (ConsumerProcess p : procs) {
                p.stopGracefully();
            }
            if (db != null) {
                int rows = dumpEffects(db, dir.resolve("effects-db.log"));
                out.printf(Locale.ROOT, "%d side-effect rows in %s%n", rows, InboxCrashConsumer.EFFECTS_TABLE);
            }
            Verdict v = Verdict.compute(label, source.plan(), dir, broker.bootstrapServers(), drain,
                    chaos.consumerKills(), chaos.brokerKillsDone(), true);
            v.print(out);
            Files.copy(broker.logFile(), dir.resolve("broker.log"));
            Files.writeString(dir.resolve("verdict.txt"), v.oneLine() + "\n", StandardCharsets.UTF_8);
            return v;
        }
    }

    private static void freshTables(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of(InboxCrashConsumer.INBOX_TABLE, InboxCrashConsumer.KEY_TABLE,
                    InboxCrashConsumer.EFFECTS_TABLE)) {
                s.execute("DROP TABLE IF EXISTS " + t);
            }
            s.execute(JdbcProcessedEventStore.builder(db).table(InboxCrashConsumer.INBOX_TABLE).build().ddl());
            s.execute(JdbcProcessedEventStore.builder(db).table(InboxCrashConsumer.KEY_TABLE).build().ddl());
            // no unique key: a side effect done twice is two rows
            s.execute("CREATE TABLE " + InboxCrashConsumer.EFFECTS_TABLE + " (event_id VARCHAR(64) NOT NULL,"
                    + " topic VARCHAR(64) NOT NULL, part INT NOT NULL, off BIGINT NOT NULL, attempt INT NOT NULL)");
        }
    }

    /** The committed side-effect rows, in the effects-file format {@link Verdict} reads. */
    private static int dumpEffects(DataSource db, Path file) throws Exception {
        StringBuilder text = new StringBuilder();
        int rows = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT event_id, topic, part, off, attempt FROM "
                        + InboxCrashConsumer.EFFECTS_TABLE)) {
            while (rs.next()) {
                text.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getInt(3))
                        .append(' ').append(rs.getLong(4)).append(' ').append(rs.getInt(5)).append('\n');
                rows++;
            }
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return rows;
    }
}
