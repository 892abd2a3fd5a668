package io.asyncapikafka.runtime.security;

import io.asyncapikafka.runtime.KafkaClientConfig;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Connects once to a Kafka server with a client configuration and turns every way that can fail into a
 * {@link KafkaConnectionException} that names the server, says what the broker answered and which variable to set:
 * a missing or unreadable trust/key store, an untrusted broker certificate, a refused client certificate, wrong
 * credentials, a mechanism the broker does not offer, no answer within the timeout. Never hangs longer than the
 * timeout, never puts a secret in a message (only variable names, file paths and the broker's own words).
 *
 * <p>The generated server configs pass the names of their run-time settings keyed by the setting's suffix
 * ({@code BOOTSTRAP_SERVERS}, {@code USERNAME}, {@code PASSWORD}, {@code SASL_MECHANISM},
 * {@code TRUSTSTORE_LOCATION}, {@code TRUSTSTORE_PASSWORD}, {@code KEYSTORE_LOCATION}, {@code KEYSTORE_PASSWORD},
 * ...), each value saying how to set it ({@code ASYNCAPI_PROD_PASSWORD or -Dasyncapi.prod.password}).
 */
public final class ConnectionCheck {

    /** The default bound of {@link #verify}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param server the server's name in the contract (or a description such as {@code bootstrap servers x:9092})
     * @param settings how to set each run-time setting, keyed by suffix (see the class javadoc); may be empty
     */
    public record Target(String server, Map<String, String> settings) {
        public Target {
            Objects.requireNonNull(server, "server");
            settings = Map.copyOf(settings);
        }

        String how(String... suffixes) {
            List<String> parts = new ArrayList<>();
            for (String s : suffixes) {
                String h = settings.get(s);
                if (h != null) {
                    parts.add(h);
                }
            }
            return String.join(", ", parts);
        }
    }

    private ConnectionCheck() {}

    /** Verifies that {@code config} reaches and authenticates to the server; returns {@code config}. */
    public static KafkaClientConfig verify(KafkaClientConfig config, Target target, Duration timeout) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        Map<String, Object> p = config.properties();
        String where = "Kafka server '" + target.server() + "' (" + config.bootstrapServers() + ")";
        checkFile(p, "ssl.truststore.location", "trust store", where, target, "TRUSTSTORE_LOCATION");
        checkFile(p, "ssl.keystore.location", "key store", where, target, "KEYSTORE_LOCATION");
        Map<String, Object> admin = new LinkedHashMap<>(p);
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        admin.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "asyncapi-kafka-connection-check");
        Admin client;
        try {
            client = Admin.create(admin);
        } catch (KafkaException e) {
            throw new KafkaConnectionException(where + ": the client configuration is not usable: " + messages(e)
                    + hint(target, " Check ", "TRUSTSTORE_LOCATION", "TRUSTSTORE_PASSWORD", "TRUSTSTORE_TYPE",
                            "KEYSTORE_LOCATION", "KEYSTORE_PASSWORD", "KEY_PASSWORD", "KEYSTORE_TYPE"), e);
        }
        try (client) {
            client.describeCluster().clusterId().get(ms, TimeUnit.MILLISECONDS);
            return config;
        } catch (ExecutionException e) {
            throw explain(where, e.getCause(), p, target);
        } catch (java.util.concurrent.TimeoutException e) {
            throw timedOut(where, timeout, p, target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaConnectionException(where + ": interrupted while connecting", e);
        }
    }

    private static KafkaConnectionException explain(String where, Throwable cause, Map<String, Object> p, Target target) {
        String mechanism = String.valueOf(p.getOrDefault("sasl.mechanism", "GSSAPI"));
        if (cause instanceof UnsupportedSaslMechanismException) {
            return new KafkaConnectionException(where + ": the broker does not offer SASL mechanism " + mechanism
                    + " (broker: " + messages(cause) + ")."
                    + hint(target, " Set the mechanism the broker uses with ", "SASL_MECHANISM")
                    + ", or declare the matching scheme type (scramSha256, scramSha512, plain) in the contract.", cause);
        }
        if (cause instanceof SaslAuthenticationException) {
            return new KafkaConnectionException(where + ": the broker refused the " + mechanism + " credentials (broker: "
                    + messages(cause) + ")." + hint(target, " Check ", "USERNAME", "PASSWORD")
                    + hint(target, "; if the broker uses another mechanism set ", "SASL_MECHANISM"), cause);
        }
        if (cause instanceof SslAuthenticationException) {
            String detail = messages(cause);
            boolean clientCert = p.containsKey("ssl.keystore.location");
            boolean untrusted = detail.contains("PKIX") || detail.contains("unable to find valid certification path")
                    || detail.contains("certificate_unknown") && !clientCert;
            if (untrusted) {
                String which = p.containsKey("ssl.truststore.location")
                        ? "the trust store " + p.get("ssl.truststore.location") + " does not hold the broker's CA"
                        : "no trust store is set, so only the JVM's default CAs are trusted";
                return new KafkaConnectionException(where + ": the TLS handshake failed because the broker's certificate"
                        + " is not trusted: " + which + " (" + detail + ")."
                        + hint(target, " Set ", "TRUSTSTORE_LOCATION", "TRUSTSTORE_PASSWORD")
                        + " to a trust store with the CA that signed the broker certificate.", cause);
            }
            return new KafkaConnectionException(where + ": the TLS handshake failed (" + detail + ")."
                    + (clientCert
                            ? hint(target, " The broker may refuse the client certificate: check ", "KEYSTORE_LOCATION",
                                    "KEYSTORE_PASSWORD") + " (signed by a CA the broker trusts)"
                            : hint(target, " If the broker requires a client certificate, use an X509 scheme; check ",
                                    "TRUSTSTORE_LOCATION"))
                    + ".", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new KafkaConnectionException(where + ": authentication failed (broker: " + messages(cause) + ")."
                    + hint(target, " Check ", "USERNAME", "PASSWORD", "SASL_MECHANISM", "KEYSTORE_LOCATION",
                            "TRUSTSTORE_LOCATION"), cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return timedOut(where, null, p, target, cause);
        }
        return new KafkaConnectionException(where + ": could not connect (" + messages(cause) + ")."
                + hint(target, " Check ", "BOOTSTRAP_SERVERS"), cause);
    }

    private static KafkaConnectionException timedOut(String where, Duration timeout, Map<String, Object> p, Target target,
            Throwable cause) {
        String protocol = String.valueOf(p.getOrDefault("security.protocol", "PLAINTEXT"));
        return new KafkaConnectionException(where + ": no answer" + (timeout == null ? "" : " within " + timeout.toSeconds()
                + " s") + " with security.protocol " + protocol + "; the servers are unreachable or speak another"
                + " protocol (TLS against a plaintext port or the reverse also looks like this)."
                + hint(target, " Check ", "BOOTSTRAP_SERVERS"), cause);
    }

    private static void checkFile(Map<String, Object> p, String key, String what, String where, Target target,
            String suffix) {
        Object location = p.get(key);
        if (location == null) {
            return;
        }
        Path file = Path.of(String.valueOf(location));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new KafkaConnectionException(where + ": the " + what + " file " + file + " does not exist or is not"
                    + " readable." + hint(target, " Set ", suffix) + " to a readable PKCS12 or JKS file.", null);
        }
    }

    private static String hint(Target target, String prefix, String... suffixes) {
        String how = target.how(suffixes);
        return how.isEmpty() ? "" : prefix + how;
    }

    /** The messages of the cause chain, without repeats: the broker's words are usually at the bottom. */
    private static String messages(Throwable t) {
        List<String> parts = new ArrayList<>();
        for (Throwable c = t; c != null && parts.size() < 4; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(x -> x.contains(m))) {
                parts.add(m.strip());
            }
        }
        return parts.isEmpty() ? t.getClass().getSimpleName() : String.join(": ", parts);
    }
}
