package io.asyncapikafka.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node KRaft Kafka broker (combined controller + broker) in its own JVM, for tests where a fault only shows
 * across processes: {@link #kill()} ends it with SIGKILL ({@link Process#destroyForcibly()}), as a crashed host would,
 * and {@link #startAgain()} starts it again on the same port and the same data folder, so clients reconnect to the
 * broker they knew and find the records, offsets and groups it had acknowledged.
 *
 * <p>{@link KafkaBroker} is the in-JVM broker the ordinary tests use; this one costs a JVM start (a few seconds) and is
 * for crash tests. It is configured for one node like {@code KafkaBroker} (internal topics with one replica, no
 * initial rebalance delay, quick consumer-protocol heartbeats, no automatic topic creation). Its folder holds
 * {@code server.properties}, the log directory and {@code broker.log} (the child's output, kept across restarts);
 * {@link #close()} kills the child and deletes the folder. The child halts by itself when the JVM that started it dies
 * (see {@link BrokerProcessMain}), so a crashed test does not leave a broker holding the port.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    /** How long a start may take; {@code -Dasyncapi.testkit.brokerReadySeconds} raises it on a loaded machine. */
    private static final Duration READY_TIMEOUT =
            Duration.ofSeconds(Long.getLong("asyncapi.testkit.brokerReadySeconds", 90));
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path folder;
    private final Path config;
    private final Path logDir;
    private final Path logFile;
    private final String clusterId;
    private final int port;
    private final List<String> jvmOptions;
    private final Thread cleanup;
    private Process process;
    private boolean closed;

    private KafkaBrokerProcess(Path folder, int port, int controllerPort, Map<String, String> brokerProperties,
            List<String> jvmOptions) throws IOException {
        this.folder = folder;
        this.config = folder.resolve("server.properties");
        this.logDir = folder.resolve("data");
        this.logFile = folder.resolve("broker.log");
        this.clusterId = Uuid.randomUuid().toString();
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        Files.createDirectories(logDir);
        Files.writeString(config, configuration(port, controllerPort, logDir, brokerProperties), StandardCharsets.UTF_8);
        // A test JVM that ends normally (or fails) without close() still removes the broker and its folder.
        this.cleanup = new Thread(this::destroyAndDelete, "kafka-broker-process-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts a broker process with the default settings in a new temporary folder. */
    public static KafkaBrokerProcess start() {
        return start(Map.of());
    }

    /** Starts a broker process; {@code brokerProperties} override the defaults. */
    public static KafkaBrokerProcess start(Map<String, String> brokerProperties) {
        return start(brokerProperties, List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
    }

    /** Starts a broker process with the given child JVM options (heap, GC). */
    public static KafkaBrokerProcess start(Map<String, String> brokerProperties, List<String> jvmOptions) {
        Objects.requireNonNull(brokerProperties, "brokerProperties");
        Objects.requireNonNull(jvmOptions, "jvmOptions");
        KafkaBrokerProcess broker;
        try {
            Path folder = Files.createTempDirectory("kafka-broker-process-");
            int[] ports = freePorts(2);
            broker = new KafkaBrokerProcess(folder, ports[0], ports[1], brokerProperties, jvmOptions);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the broker folder", e);
        }
        try {
            broker.startAgain();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code localhost:port}; the same for the life of this object, across kills and restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** {@code bootstrap.servers} for clients. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(clientProperties());
    }

    /** The folder with the configuration, the data and {@code broker.log}. */
    public Path folder() {
        return folder;
    }

    /** The child's output (stdout and stderr), appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** Whether the child JVM is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The child's process id. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the broker process was never started");
        }
        return process.pid();
    }

    /**
     * Starts the child JVM (after {@link #kill()} or {@link #stop()}: on the same port and data) and waits until the
     * broker answers. A broker that already runs is left alone.
     */
    public synchronized void startAgain() {
        ensureOpen();
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerProcessMain.class.getName());
        command.add(config.toString());
        command.add(clusterId);
        command.add(logDir.toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not launch the broker JVM", e);
        }
        awaitReady();
    }

    /** Ends the child with SIGKILL, as a crash would, and waits until it is gone. Idempotent. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** Stops the broker gracefully (SIGTERM: controlled shutdown) and waits until the JVM exits. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Creates a topic with one replica; an existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** Creates topics; existing ones are left as they are. */
    public void createTopics(List<NewTopic> topics) {
        try (Admin admin = admin()) {
            var result = admin.createTopics(topics);
            for (NewTopic topic : topics) {
                try {
                    result.values().get(topic.name()).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    /** Kills the child if it runs and deletes the folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; it finds nothing left to do
        }
    }

    private void destroyAndDelete() {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TempFolders.delete(folder);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the broker process is closed");
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker process to end", e);
        }
    }

    /** Until the broker lists its nodes and topics; a child that exits first fails with the end of its log. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Map<String, Object> props = new LinkedHashMap<>(clientProperties());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker process exited with " + process.exitValue()
                            + " while starting; end of " + logFile + ":\n" + tail(logFile, 40));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        admin.listTopics().names().get(3, TimeUnit.SECONDS);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker process did not become ready in " + READY_TIMEOUT
                            + "; end of " + logFile + ":\n" + tail(logFile, 40));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker process", e);
        }
    }

    private static String configuration(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // one node, as KafkaBroker configures it
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.consumer.heartbeat.interval.ms", "500");
        p.put("group.consumer.min.heartbeat.interval.ms", "500");
        p.put("group.consumer.session.timeout.ms", "10000");
        p.put("group.consumer.min.session.timeout.ms", "6000");
        // After a SIGKILL the controller must fence the dead incarnation before the new one serves: keep that short.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        p.putAll(overrides);
        StringBuilder sb = new StringBuilder("# written by KafkaBrokerProcess\n");
        p.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return sb.toString();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] out = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return out;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
