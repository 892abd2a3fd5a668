package io.asyncapikafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The main class of the child JVM {@link KafkaBrokerProcess} launches; not an API. It formats the KRaft log directory
 * on first start (the storage tool's {@code format}), then runs {@code kafka.Kafka} with the generated configuration.
 * It halts when its standard input closes, which happens when the JVM that launched it dies, even by SIGKILL: a crashed
 * test leaves no broker behind holding the port.
 *
 * <p>Arguments: the configuration file, the cluster id, the log directory.
 */
public final class BrokerProcessMain {

    private BrokerProcessMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BrokerProcessMain <server.properties> <cluster id> <log dir>");
        }
        watchParent(System.in);
        Path config = Path.of(args[0]);
        Path logDir = Path.of(args[2]);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // Reflection: the storage tool and kafka.Kafka are Scala objects of the broker, not an API to compile against.
            Object rc = Class.forName("kafka.tools.StorageTool")
                    .getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[] {"format", "-t", args[1], "-c", config.toString()}, System.out);
            if (!Integer.valueOf(0).equals(rc)) {
                System.err.println("formatting " + logDir + " failed: " + rc);
                Runtime.getRuntime().halt(2);
            }
        }
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {
                config.toString()});
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static void watchParent(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // the parent writes nothing; only the end of the stream matters
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as the end of the stream
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
