package io.asyncapikafka.crashtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A consumer JVM of the crash test: started, SIGKILLed and started again; each incarnation has its own effects file. */
final class ConsumerProcess {

    private final String name;
    private final String mode;
    private final String protocol;
    private final String bootstrap;
    private final Path dir;
    /** The consumer JVM's main class: {@link CrashConsumer}, or {@link PipelineConsumer} for the pipeline test. */
    private final String mainClass;
    private int incarnation;
    private Process process;
    /** More JVM options for the consumer JVM (e.g. {@code -Dcrash.handlerDelayMs=50}); none by default. */
    private List<String> extraJvmOptions = List.of();

    ConsumerProcess(String name, String mode, String protocol, String bootstrap, Path dir) {
        this(name, mode, protocol, bootstrap, dir, CrashConsumer.class.getName());
    }

    ConsumerProcess(String name, String mode, String protocol, String bootstrap, Path dir, String mainClass) {
        this.mainClass = mainClass;
        this.name = name;
        this.mode = mode;
        this.protocol = protocol;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    String name() {
        return name;
    }

    /** Adds JVM options to the next starts (system properties the consumer JVM reads). */
    ConsumerProcess withJvmOptions(List<String> options) {
        this.extraJvmOptions = List.copyOf(options);
        return this;
    }

    Path logFile() {
        return dir.resolve(name + ".log");
    }

    void start() {
        incarnation++;
        Path effects = dir.resolve("effects-" + name + "-" + incarnation + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error"));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                mainClass, mode, bootstrap, protocol, effects.toString(), CrashTest.TOPIC));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start consumer " + name, e);
        }
    }

    /**
     * Whether this incarnation has reported partitions in a health line: a member at work, which is where a kill
     * tests something (a JVM still starting or joining has nothing in flight).
     */
    boolean isWorking() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(logFile());
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.startsWith("started ")) {
                    return false;
                }
                if (line.startsWith("health ")) {
                    return !line.endsWith("assigned=0");
                }
            }
            return false;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** SIGKILL, then wait until the JVM is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGSTOP: the whole JVM freezes (poll, heartbeat and handler threads alike), as a process descheduled or
     * paused by a long GC or a hypervisor would; the broker sees a member that stopped heartbeating.
     */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: every thread goes on where it stopped. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM (the consumer's shutdown hook closes the runner gracefully), SIGKILL after 30 s. */
    void stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
