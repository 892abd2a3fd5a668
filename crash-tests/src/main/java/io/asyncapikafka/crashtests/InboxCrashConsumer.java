package io.asyncapikafka.crashtests;

import io.asyncapikafka.crashtests.contract.kafka.ConsumeCrashEventsConsumer;
import io.asyncapikafka.crashtests.contract.model.CrashEvent;
import io.asyncapikafka.crashtests.contract.model.CrashEventKind;
import io.asyncapikafka.jdbc.JdbcInbox;
import io.asyncapikafka.jdbc.JdbcProcessedEventStore;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;

/**
 * Mode {@code inbox} of a crash consumer JVM: the generated consumer with the transactional inbox on the test's
 * PostgreSQL server ({@code asyncapi-kafka-jdbc}). Its side effect is a row in {@code crash_effects}, written through
 * the inbox's connection, so it commits with the event's dedup mark; the table has no unique key, so a side effect
 * done twice would show as two rows. Business keys are claimed in a {@link JdbcProcessedEventStore} on the same
 * server, so a business-key duplicate is dead-lettered also when its original was handled by a JVM since killed.
 * Event ids are claimed in a {@link JdbcProcessedEventStore} on the inbox's own table, whose claims the inbox turns
 * into its marks: a re-delivered event is then skipped by its id before its business key is looked at.
 *
 * <p>The JDBC URL is read from {@code jdbc-url.txt} beside the effects file (written by {@link InboxCrashTest}).
 */
final class InboxCrashConsumer {

    /** Lease of a business-key claim left by a killed JVM: far above a handler's run, short for the test's drain. */
    static final Duration KEY_CLAIM_LEASE = Duration.ofSeconds(15);
    static final String INBOX_TABLE = "crash_inbox";
    static final String KEY_TABLE = "crash_keys";
    static final String EFFECTS_TABLE = "crash_effects";

    private InboxCrashConsumer() {}

    static void run(String bootstrap, GroupProtocol protocol, Path effectsFile) throws Exception {
        String url = Files.readString(effectsFile.resolveSibling("jdbc-url.txt"), StandardCharsets.UTF_8).strip();
        DataSource inboxConnections = KeptConnections.of(url, "postgres");
        DataSource keyConnections = KeptConnections.of(url, "postgres");
        String group = ConsumeCrashEventsConsumer.GROUP_ID;
        JdbcInbox inbox = JdbcInbox.builder(inboxConnections).groupId(group).table(INBOX_TABLE).build();
        JdbcProcessedEventStore keys = JdbcProcessedEventStore.builder(keyConnections).table(KEY_TABLE)
                .claimLease(KEY_CLAIM_LEASE).build();
        // event ids on the inbox's own table: a re-delivery of an event the inbox committed is skipped by its id
        // before its business key is looked at (with the in-memory event-id store a new JVM would find the key
        // processed and dead-letter a healthy event DUPLICATE_KEY); the inbox promotes these claims to its marks
        JdbcProcessedEventStore events = JdbcProcessedEventStore.builder(KeptConnections.of(url, "postgres"))
                .table(INBOX_TABLE).claimLease(KEY_CLAIM_LEASE).build();
        ConsumerRunner.Builder builder = ConsumeCrashEventsConsumer.runner(KafkaClientConfig.of(bootstrap),
                inbox.<Void, CrashEvent, Void>handler((m, connection) -> {
                    CrashEvent e = m.payload();
                    if (e.kind() == CrashEventKind.PERMANENT) {
                        throw new CrashConsumer.ProvokedFailure("permanent failure of " + e.eventId());
                    }
                    if (e.kind() == CrashEventKind.TRANSIENT && m.attempt() < 2) {
                        throw new CrashConsumer.ProvokedFailure("transient failure of " + e.eventId() + ", attempt "
                                + m.attempt());
                    }
                    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + EFFECTS_TABLE
                            + " (event_id, topic, part, off, attempt) VALUES (?, ?, ?, ?, ?)")) {
                        ps.setString(1, e.eventId());
                        ps.setString(2, m.topic());
                        ps.setInt(3, m.partition());
                        ps.setLong(4, m.offset());
                        ps.setInt(5, m.attempt());
                        ps.executeUpdate();
                    }
                })::handle);
        if (protocol == GroupProtocol.CLASSIC) {
            builder.consumerProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                    .consumerProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        }
        ConsumerRunner runner = builder
                .processedEventStore(events)
                .businessKeyStore(keys)
                .groupProtocol(protocol)
                .concurrency(2)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
                        .retryTopicRounds(1).retryTopicDelay(Duration.ofMillis(500)).build())
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            stopped.countDown();
        }));
        runner.start();
        System.out.println("started group " + runner.groupId() + " protocol " + protocol + " inbox on " + url + " pid "
                + ProcessHandle.current().pid());
        while (stopped.getCount() > 0) {
            System.out.println("health " + System.currentTimeMillis() + " running=" + runner.isRunning() + " failure="
                    + runner.failure().map(t -> t.getClass().getName() + ": " + t.getMessage()).orElse("none")
                    + " assigned=" + runner.assignment().size());
            System.out.flush();
            stopped.await(1, TimeUnit.SECONDS);
        }
    }
}
