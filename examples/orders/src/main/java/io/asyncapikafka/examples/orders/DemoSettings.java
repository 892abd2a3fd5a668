package io.asyncapikafka.examples.orders;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How the demo runs: against the cluster named by {@code -Dorders.bootstrap.servers} (else environment variable
 * {@code ORDERS_BOOTSTRAP_SERVERS}), or, when neither is set, against an embedded broker it starts itself.
 *
 * @param bootstrapServers the cluster to use; empty for the embedded broker
 * @param stepTimeout how long one step of the story may take before the demo gives up (a broken setup must fail,
 *     not hang)
 */
public record DemoSettings(Optional<String> bootstrapServers, Duration stepTimeout) {

    /** System property naming the cluster. */
    public static final String BOOTSTRAP_PROPERTY = "orders.bootstrap.servers";
    /** Environment variable naming the cluster; the system property wins. */
    public static final String BOOTSTRAP_ENV = "ORDERS_BOOTSTRAP_SERVERS";

    public DemoSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
    }

    /** The embedded broker and a generous step timeout (the 2 shared cores of a CI box can be slow). */
    public static DemoSettings embedded() {
        return new DemoSettings(Optional.empty(), Duration.ofSeconds(60));
    }

    /** An existing cluster. */
    public static DemoSettings cluster(String bootstrapServers) {
        return new DemoSettings(Optional.of(bootstrapServers), Duration.ofSeconds(60));
    }

    /** From system properties, then environment; blank values count as unset. */
    public static DemoSettings from(Properties systemProperties, Map<String, String> environment) {
        String servers = systemProperties.getProperty(BOOTSTRAP_PROPERTY);
        if (servers == null || servers.isBlank()) {
            servers = environment.get(BOOTSTRAP_ENV);
        }
        return servers == null || servers.isBlank() ? embedded() : cluster(servers.strip());
    }

    /** Where the bootstrap servers came from, for the first line of the output. */
    String describe() {
        return bootstrapServers.map(s -> s + " (from -D" + BOOTSTRAP_PROPERTY + " / " + BOOTSTRAP_ENV + ")")
                .orElse("embedded");
    }
}
