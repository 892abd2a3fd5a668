package io.asyncapikafka.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka cluster running inside this JVM (combined controller + broker), no Docker.
 *
 * <p>This is the only class of the project that touches {@code KafkaClusterTestKit}; every test goes through it. The
 * internal topics are configured for one node (replication factor 1, no initial rebalance delay) so consumer groups
 * and transactions work at once. Automatic topic creation is off by default: a test that writes to a missing topic
 * must see the failure a production cluster with {@code auto.create.topics.enable=false} would give.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    // KafkaClusterTestKit's SASL_PLAINTEXT mode authenticates its brokers and admin with PLAIN as this built-in user.
    private static final String KIT_ADMIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"plain-admin\" password=\"plain-admin-secret\";";

    // Brokers of this JVM still running; the JVM-wide broker metrics are shut down when the last one closes.
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final KafkaClusterTestKit cluster;
    private final int brokerId;
    private final Map<String, Object> clientProperties;
    // Set for a startSecure() broker only.
    private final TestCertificates certificates;
    private final String saslSslBootstrapServers;
    private final String mtlsBootstrapServers;

    private KafkaBroker(KafkaClusterTestKit cluster, Map<String, Object> clientProperties) {
        this(cluster, clientProperties, null, null, null);
    }

    private KafkaBroker(KafkaClusterTestKit cluster, Map<String, Object> clientProperties, TestCertificates certificates,
            String saslSslBootstrapServers, String mtlsBootstrapServers) {
        this.cluster = cluster;
        this.brokerId = cluster.brokers().keySet().iterator().next();
        this.clientProperties = Map.copyOf(clientProperties);
        this.certificates = certificates;
        this.saslSslBootstrapServers = saslSslBootstrapServers;
        this.mtlsBootstrapServers = mtlsBootstrapServers;
    }

    /** Starts a broker with the default settings. */
    public static KafkaBroker start() {
        return start(Map.of());
    }

    /**
     * Starts a broker; {@code brokerProperties} override the defaults (for example
     * {@code auto.create.topics.enable=true}).
     */
    public static KafkaBroker start(Map<String, String> brokerProperties) {
        return start(brokerProperties, false);
    }

    /**
     * Starts a broker whose client listener requires SASL ({@code SASL_PLAINTEXT}) with the mechanisms PLAIN,
     * SCRAM-SHA-256 and SCRAM-SHA-512. Add users with {@link #addScramUser}; {@link #clientProperties()} and
     * {@link #admin()} authenticate as the kit's own PLAIN super user. Authorization is not enforced: an authenticated
     * user may do anything, since what is under test is authentication.
     */
    public static KafkaBroker startWithSasl() {
        return start(Map.of(), true);
    }

    /**
     * Starts a broker with TLS listeners besides the kit's own {@code SASL_PLAINTEXT} one (which {@link #admin()},
     * {@link #clientProperties()} and {@link #addScramUser} keep using):
     * <ul>
     * <li>{@link #saslSslBootstrapServers()}: {@code SASL_SSL}, mechanisms SCRAM-SHA-256 and SCRAM-SHA-512 only (a
     * PLAIN client is refused with "unsupported mechanism", as on a SCRAM-only production cluster);</li>
     * <li>{@link #mtlsBootstrapServers()}: {@code SSL} with {@code ssl.client.auth=required}: a client must present a
     * certificate signed by {@link #certificates()}; its principal is {@code User:CN=<name>}.</li>
     * </ul>
     * The broker certificate ({@code CN=localhost}) is signed by a throw-away CA made for this broker; clients trust it
     * with {@code certificates().truststore()} and get client certificates from {@code certificates().issue(name)}.
     *
     * @param enforceAcls {@code true}: {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false},
     *     only the kit's admin ({@code User:plain-admin}) is a super user, so every other principal needs ACLs;
     *     {@code false}: an authenticated principal may do anything
     */
    public static KafkaBroker startSecure(boolean enforceAcls) {
        TestCertificates ca = TestCertificates.create("asyncapi-kafka test CA");
        try {
            TestCertificates.Store brokerKeys = ca.issue("localhost");
            int saslSslPort = freePort();
            int mtlsPort = freePort();
            Map<String, String> props = new LinkedHashMap<>();
            props.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_TLS://localhost:" + saslSslPort
                    + ",MTLS://localhost:" + mtlsPort);
            // The controller listener authenticates too (as the kit's PLAIN admin): with ACLs enforced, an anonymous
            // broker-to-controller connection would lack CLUSTER_ACTION and the broker would never register.
            props.put("listener.security.protocol.map",
                    "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,SASL_TLS:SASL_SSL,MTLS:SSL");
            props.put("ssl.keystore.location", brokerKeys.location().toString());
            props.put("ssl.keystore.password", brokerKeys.password());
            props.put("ssl.key.password", brokerKeys.password());
            props.put("ssl.keystore.type", brokerKeys.type());
            props.put("ssl.truststore.location", ca.truststore().location().toString());
            props.put("ssl.truststore.password", ca.truststore().password());
            props.put("ssl.truststore.type", ca.truststore().type());
            props.put("listener.name.sasl_tls.sasl.enabled.mechanisms", "SCRAM-SHA-256,SCRAM-SHA-512");
            props.put("listener.name.sasl_tls.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.sasl_tls.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.mtls.ssl.client.auth", "required");
            if (enforceAcls) {
                // The kit's SASL mode already installs StandardAuthorizer with User:plain-admin as the super user.
                props.put("allow.everyone.if.no.acl.found", "false");
            }
            KafkaBroker plain = start(props, true);
            return new KafkaBroker(plain.cluster, plain.clientProperties, ca,
                    "localhost:" + saslSslPort, "localhost:" + mtlsPort);
        } catch (RuntimeException e) {
            ca.close();
            throw e;
        }
    }

    /** The {@code SASL_SSL} (SCRAM) listener of a {@link #startSecure} broker. */
    public String saslSslBootstrapServers() {
        requireSecure();
        return saslSslBootstrapServers;
    }

    /** The {@code SSL} listener with required client certificates of a {@link #startSecure} broker. */
    public String mtlsBootstrapServers() {
        requireSecure();
        return mtlsBootstrapServers;
    }

    /** The CA that signed a {@link #startSecure} broker's certificate and signs client certificates it accepts. */
    public TestCertificates certificates() {
        requireSecure();
        return certificates;
    }

    private void requireSecure() {
        if (certificates == null) {
            throw new IllegalStateException("not a startSecure() broker");
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port", e);
        }
    }

    private static KafkaBroker start(Map<String, String> brokerProperties, boolean sasl) {
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Short consumer-protocol heartbeats keep rebalances of the new protocol quick in tests.
        props.put("group.consumer.heartbeat.interval.ms", "500");
        props.put("group.consumer.min.heartbeat.interval.ms", "500");
        props.put("group.consumer.session.timeout.ms", "10000");
        props.put("group.consumer.min.session.timeout.ms", "6000");
        if (sasl) {
            props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
            props.put("listener.name.external.scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("listener.name.external.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            props.put("allow.everyone.if.no.acl.found", "true");
        }
        props.putAll(brokerProperties);
        BrokerLogging.quiet();
        long startNanos = System.nanoTime();
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(sasl ? SecurityProtocol.SASL_PLAINTEXT : SecurityProtocol.PLAINTEXT)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            props.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            try {
                formatQuietly(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception e) {
                closeQuietly(cluster);
                throw e;
            }
            Map<String, Object> client = new LinkedHashMap<>();
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
            if (sasl) {
                client.put("security.protocol", "SASL_PLAINTEXT");
                client.put("sasl.mechanism", "PLAIN");
                client.put("sasl.jaas.config", KIT_ADMIN_JAAS);
            }
            RUNNING.incrementAndGet();
            // The one line a test run shows for the broker (its own logs are at WARN, see BrokerLogging). Logged, not
            // printed: a program that uses the testkit's broker (the orders demo) decides with its logging settings.
            org.slf4j.LoggerFactory.getLogger(KafkaBroker.class).info(String.format(java.util.Locale.ROOT,
                    "embedded Kafka broker (KRaft, 1 node) at %s, started in %.1f s; Kafka logs at %s (-D%s=info for"
                            + " more)", cluster.bootstrapServers(), (System.nanoTime() - startNanos) / 1e9,
                    System.getProperty(BrokerLogging.LEVEL_PROPERTY, "warn").trim().toUpperCase(java.util.Locale.ROOT),
                    BrokerLogging.LEVEL_PROPERTY));
            return new KafkaBroker(cluster, client);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    /** {@code host:port} of the broker listener; stays the same across {@link #restart()}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Client properties that reach this broker: {@code bootstrap.servers}, and for a {@link #startWithSasl()} broker the
     * SASL settings of the kit's PLAIN super user.
     */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /**
     * Creates or replaces a SCRAM user ({@code mechanism} {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}) on a
     * {@link #startWithSasl()} broker.
     */
    public void addScramUser(String user, String password, String mechanism) {
        ScramMechanism m = ScramMechanism.fromMechanismName(mechanism);
        if (m == ScramMechanism.UNKNOWN) {
            throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
        }
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(m, 4096), password))).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding SCRAM user " + user, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not add SCRAM user " + user, e);
        }
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates a topic with one replica; an existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with one replica and the given topic configuration; an existing topic is left as it is. */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(Map.copyOf(config))));
    }

    /** Creates topics; existing ones are left as they are. Waits until the broker knows them. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            var result = admin.createTopics(topics);
            List<String> names = new ArrayList<>();
            for (NewTopic topic : topics) {
                names.add(topic.name());
                try {
                    result.values().get(topic.name()).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
            awaitTopics(admin, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    /** Deletes a topic if it exists. */
    public void deleteTopic(String name) {
        try (Admin admin = admin()) {
            admin.deleteTopics(List.of(name)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("could not delete topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topic " + name, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out deleting topic " + name, e);
        }
    }

    /** Stops the broker (the controller keeps running); clients see it as down until {@link #startBroker()}. */
    public void stopBroker() {
        var broker = cluster.brokers().get(brokerId);
        broker.shutdown();
        broker.awaitShutdown();
    }

    /** Starts the broker stopped by {@link #stopBroker()} again, on the same port, and waits until it is ready. */
    public void startBroker() {
        cluster.brokers().get(brokerId).startup();
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not become ready after restart", e.getCause());
        }
    }

    /** Stops and starts the broker; its log and the port are kept. */
    public void restart() {
        stopBroker();
        startBroker();
    }

    /** Stops the cluster and deletes its data. */
    @Override
    public void close() {
        closeQuietly(cluster);
        if (certificates != null) {
            certificates.close();
        }
        if (RUNNING.decrementAndGet() == 0) {
            stopBrokerMetricsThreads();
        }
    }

    /**
     * Formats the KRaft log directories with {@code System.out} held back: the storage tool prints "Formatting
     * metadata directory ..." straight to stdout, which would land in the middle of a test's or a demo's output.
     * What was printed is replayed on stderr if formatting fails.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } catch (Exception e) {
            System.err.print(held.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * The broker registers Yammer meters in a JVM-wide registry ({@code KafkaYammerMetrics}) whose
     * "metrics-meter-tick" threads outlive it, so a program using the kit would not end cleanly (exec:java waits for
     * them). Shut that registry down once no broker runs; a later broker in the same JVM creates fresh pools.
     * Reflection, because Yammer is a broker-internal dependency this class should not compile against.
     */
    private static void stopBrokerMetricsThreads() {
        try {
            Object registry = Class.forName("org.apache.kafka.server.metrics.KafkaYammerMetrics")
                    .getMethod("defaultRegistry").invoke(null);
            registry.getClass().getMethod("shutdown").invoke(registry);
        } catch (ReflectiveOperationException | LinkageError e) {
            // a broker without Yammer metrics leaves no such threads
        }
    }

    private static void awaitTopics(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try {
                var described = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean ready = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    // The metadata names a leader before the broker's replica manager acts as one; a produce in
                    // between gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer whose later in-flight batches
                    // were then accepted retries its first batch forever (OUT_OF_ORDER_SEQUENCE_NUMBER). ListOffsets
                    // is answered by the leader replica itself, so its success means the partitions take writes.
                    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                    described.forEach((name, d) -> d.partitions().forEach(
                            p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // metadata not propagated yet: try again below
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " did not become ready");
            }
            Thread.sleep(50);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception ignored) {
            // best effort: the cluster's data directory is temporary and deleted anyway
        }
    }
}
