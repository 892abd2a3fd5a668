package io.asyncapikafka.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where and how to reach Kafka: {@code bootstrap.servers} plus any client properties (security, timeouts, ...). The
 * runtime adds the properties its guarantees depend on (serializers, acks, idempotence, manual commits) on top and does
 * not let these override them.
 *
 * <p>Immutable; every {@code with...} returns a copy. Secrets belong in properties read at run time, never in
 * generated code. {@link #toString()} masks passwords and JAAS configuration.
 */
public final class KafkaClientConfig {

    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    private final Map<String, Object> properties;

    private KafkaClientConfig(Map<String, Object> properties) {
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A configuration with only {@code bootstrap.servers}. */
    public static KafkaClientConfig of(String bootstrapServers) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        return new KafkaClientConfig(Map.of(BOOTSTRAP_SERVERS, bootstrapServers));
    }

    /** A configuration from client properties, which must contain {@code bootstrap.servers}. */
    public static KafkaClientConfig of(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        Object servers = properties.get(BOOTSTRAP_SERVERS);
        if (servers == null) {
            throw new IllegalArgumentException("properties must contain " + BOOTSTRAP_SERVERS);
        }
        return new KafkaClientConfig(Map.of()).withAll(properties);
    }

    /** A copy with one more client property (replacing an earlier value of the same name). */
    public KafkaClientConfig with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value of " + name);
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.put(name, value);
        return new KafkaClientConfig(copy);
    }

    /** A copy with more client properties. */
    public KafkaClientConfig withAll(Map<String, ?> more) {
        Objects.requireNonNull(more, "more");
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        more.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, "value of " + k)));
        return new KafkaClientConfig(copy);
    }

    /**
     * A copy that authenticates with SASL, e.g. {@code withSasl("SASL_SSL", "SCRAM-SHA-512", user, password)}.
     * Supports the {@code PLAIN} and {@code SCRAM-SHA-256/512} mechanisms.
     */
    public KafkaClientConfig withSasl(String securityProtocol, String mechanism, String username, String password) {
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String module;
        if (mechanism.equals("PLAIN")) {
            module = "org.apache.kafka.common.security.plain.PlainLoginModule";
        } else if (mechanism.startsWith("SCRAM-")) {
            module = "org.apache.kafka.common.security.scram.ScramLoginModule";
        } else {
            throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism + "; set sasl.jaas.config yourself");
        }
        String jaas = module + " required username=\"" + jaasEscape(username) + "\" password=\""
                + jaasEscape(password) + "\";";
        return withAll(Map.of(
                "security.protocol", securityProtocol,
                "sasl.mechanism", mechanism,
                "sasl.jaas.config", jaas));
    }

    /** {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return String.valueOf(properties.get(BOOTSTRAP_SERVERS));
    }

    /** All client properties, in the order they were set; unmodifiable. */
    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaClientConfig other && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "[hidden]" : e.getValue()))
                .collect(Collectors.joining(", ", "KafkaClientConfig{", "}"));
    }

    private static boolean isSecret(String name) {
        return name.contains("password") || name.contains("jaas") || name.contains("secret");
    }

    private static String jaasEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
