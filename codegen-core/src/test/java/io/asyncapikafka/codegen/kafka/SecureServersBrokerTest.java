package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.testkit.KafkaBroker;
import io.asyncapikafka.testkit.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A contract's {@code kafka-secure} servers on a real TLS broker with ACLs enforced: the generated
 * {@code connectToServer("prod")} (SCRAM-SHA-256 over TLS) and {@code connectToServer("certs")} (X509, mTLS) read
 * credentials and trust material from system properties, and the service produces, consumes, retries and
 * dead-letters with exactly the ACLs of the generated {@code Acls}; a write beyond them is refused. Every way of
 * getting the connection wrong is a bounded, clear error without a secret in anything the run produced.
 */
class SecureServersBrokerTest {

    private static final String SCRAM_USER = "orders-app";
    private static final String SCRAM_PASSWORD = "scram-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String CERT_PRINCIPAL = "User:CN=orders-app";

    private static final String APP = """
            package com.acme.app;
            import com.acme.secure.kafka.*;
            import com.acme.secure.model.Order;
            import io.asyncapikafka.runtime.NonRetryableException;
            import io.asyncapikafka.runtime.consumer.RetryPolicy;
            import java.time.Duration;
            import java.util.*;
            import java.util.concurrent.*;
            public final class SecureApp implements java.util.function.Function<String, String> {
                // "prod" or "certs": the server; everything else comes from -Dasyncapi.<server>.*
                public String apply(String server) {
                    try (SecureOrdersKafka kafka = SecureOrdersKafka.connectToServer(server, Duration.ofSeconds(20))) {
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        kafka.handleOrder(m -> {
                            String action = m.payload().action();
                            if (action.equals("poison")) {
                                throw new NonRetryableException("poison order " + m.payload().id());
                            }
                            if (action.equals("flaky") && m.topic().equals(Topics.ORDERS_V1.name())) {
                                throw new IllegalStateException("flaky order, try again later");
                            }
                            got.add(m.payload().id() + "@" + m.topic());
                        }, b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(1)
                                .retryTopicDelay(Duration.ofMillis(100)).build()));
                        kafka.start();
                        var orders = kafka.ordersV1Producer();
                        orders.placeOrder(new Order(server + "-1", "ok")).get(30, TimeUnit.SECONDS);
                        orders.placeOrder(new Order(server + "-2", "flaky")).get(30, TimeUnit.SECONDS);
                        orders.placeOrder(new Order(server + "-3", "poison")).get(30, TimeUnit.SECONDS);
                        List<String> out = new ArrayList<>();
                        for (int i = 0; i < 2; i++) {
                            String s = got.poll(60, TimeUnit.SECONDS);
                            if (s != null) {
                                out.add(s);
                            }
                        }
                        Collections.sort(out);
                        // A topic the contract does not give this service: the broker refuses the write.
                        String refused;
                        try {
                            kafka.producer().send("unlisted.v1", Messages.ORDER, null, new Order("x", "ok"), null)
                                    .get(30, TimeUnit.SECONDS);
                            refused = "accepted";
                        } catch (ExecutionException e) {
                            refused = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                        }
                        out.add(refused);
                        return String.join("\\n", out);
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    private static KafkaBroker broker;
    private static ClassLoader generated;
    private static TestCertificates.Store clientKeys;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startSecure(true);
        broker.addScramUser(SCRAM_USER, SCRAM_PASSWORD, "SCRAM-SHA-256");
        clientKeys = broker.certificates().issue("orders-app");
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.secure"))
                .generate(SeedContractTest.read("secure-orders.asyncapi.yaml", Role.APPLICATION));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.summary()).contains("server prod: localhost:1, SASL_SSL, SCRAM-SHA-256 (scheme scram) -> ProdServer;"
                + " credentials from ASYNCAPI_PROD_USERNAME / -Dasyncapi.prod.username, ASYNCAPI_PROD_PASSWORD /"
                + " -Dasyncapi.prod.password");
        generated = Javac.compile(result.files(), Map.of("com.acme.app.SecureApp", APP));
        // The operator's side: topics and the two principals' ACLs, with the kit's super-user configuration.
        Object admin = entryPoint().getMethod("connect", KafkaClientConfig.class)
                .invoke(null, KafkaClientConfig.of(broker.clientProperties()));
        try (AutoCloseable kafka = (AutoCloseable) admin) {
            admin.getClass().getMethod("provisionTopics").invoke(admin);
            admin.getClass().getMethod("provisionAcls", String.class).invoke(admin, "User:" + SCRAM_USER);
            admin.getClass().getMethod("provisionAcls", String.class).invoke(admin, CERT_PRINCIPAL);
        }
        broker.createTopic("unlisted.v1", 1);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Class<?> entryPoint() throws ClassNotFoundException {
        return generated.loadClass("com.acme.secure.kafka.SecureOrdersKafka");
    }

    private static Map<String, String> scramSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("asyncapi.prod.bootstrap-servers", broker.saslSslBootstrapServers());
        p.put("asyncapi.prod.username", SCRAM_USER);
        p.put("asyncapi.prod.password", SCRAM_PASSWORD);
        p.put("asyncapi.prod.truststore-location", broker.certificates().truststore().location().toString());
        p.put("asyncapi.prod.truststore-password", broker.certificates().truststore().password());
        p.put("asyncapi.prod.truststore-type", "PKCS12");
        return p;
    }

    private static Map<String, String> certSettings(TestCertificates.Store keys) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("asyncapi.certs.bootstrap-servers", broker.mtlsBootstrapServers());
        p.put("asyncapi.certs.keystore-location", keys.location().toString());
        p.put("asyncapi.certs.keystore-password", keys.password());
        p.put("asyncapi.certs.truststore-location", broker.certificates().truststore().location().toString());
        p.put("asyncapi.certs.truststore-password", broker.certificates().truststore().password());
        return p;
    }

    @SuppressWarnings("unchecked")
    private static String runApp(String server, Map<String, String> settings) throws Exception {
        settings.forEach(System::setProperty);
        try {
            Function<String, String> app = (Function<String, String>) generated.loadClass("com.acme.app.SecureApp")
                    .getConstructor().newInstance();
            return app.apply(server);
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void scramOverTlsAndClientCertificatesProduceConsumeRetryAndDeadLetterWithExactlyTheContractsAcls()
            throws Exception {
        assertThat(runApp("prod", scramSettings()).split("\n")).containsExactly(
                "prod-1@orders.v1",
                "prod-2@orders.retry.v1",
                "TopicAuthorizationException: Not authorized to access topics: [unlisted.v1]");
        assertThat(runApp("certs", certSettings(clientKeys)).split("\n")).containsExactly(
                "certs-1@orders.v1",
                "certs-2@orders.retry.v1",
                "TopicAuthorizationException: Not authorized to access topics: [unlisted.v1]");

        List<ConsumerRecord<byte[], byte[]>> dead = TopicReads.readAll(broker.clientProperties(), "orders.dlq.v1");
        assertThat(dead).extracting(r -> TopicReads.header(r, "dlq.reason")).containsOnly("NON_RETRYABLE");
        assertThat(dead).extracting(r -> TopicReads.header(r, "dlq.exception.message"))
                .containsExactlyInAnyOrder("poison order prod-3", "poison order certs-3");
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            StringBuilder all = new StringBuilder();
            for (Header h : r.headers()) {
                all.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)).append('\n');
            }
            assertNoSecret(all.toString());
        }
        // What the operator applied is exactly the generated desired state: nothing beyond it.
        try (var admin = broker.admin()) {
            var present = admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
            Method bindings = generated.loadClass("com.acme.secure.kafka.Acls").getMethod("bindings", String.class);
            List<Object> expected = new ArrayList<>((List<?>) bindings.invoke(null, "User:" + SCRAM_USER));
            expected.addAll((List<?>) bindings.invoke(null, CERT_PRINCIPAL));
            assertThat(new ArrayList<Object>(present)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void environmentVariablesCarryTheSameSettingsAsSystemProperties() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        scramSettings().forEach((k, v) -> env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), v));
        certSettings(clientKeys).forEach((k, v) ->
                env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), v));
        assertThat(env).containsKeys("ASYNCAPI_PROD_PASSWORD", "ASYNCAPI_PROD_TRUSTSTORE_LOCATION",
                "ASYNCAPI_CERTS_KEYSTORE_LOCATION", "ASYNCAPI_CERTS_KEYSTORE_PASSWORD");
        for (String server : List.of("Prod", "Certs")) {
            Map<String, Object> props = (Map<String, Object>) generated.loadClass("com.acme.secure.kafka." + server + "Server")
                    .getMethod("clientProperties", Map.class, java.util.Properties.class)
                    .invoke(null, env, new java.util.Properties());
            KafkaClientConfig config = KafkaClientConfig.of(props);
            io.asyncapikafka.runtime.security.ConnectionCheck.verify(config,
                    new io.asyncapikafka.runtime.security.ConnectionCheck.Target(server, Map.of()), Duration.ofSeconds(20));
            assertNoSecret(config.toString());
        }
    }

    @Test
    void everyWrongSettingIsAClearBoundedErrorWithoutSecrets() throws Exception {
        List<String> passwords = new ArrayList<>(List.of(SCRAM_PASSWORD, "wrong-Pa55word-1", clientKeys.password(),
                broker.certificates().truststore().password()));
        Capture capture = Capture.start();
        List<String> messages = new ArrayList<>();
        try (TestCertificates stranger = TestCertificates.create("a CA the broker does not know")) {
            TestCertificates.Store strangeKeys = stranger.issue("orders-app");
            passwords.addAll(stranger.passwords());
            Map<String, String> wrongPassword = scramSettings();
            wrongPassword.put("asyncapi.prod.password", "wrong-Pa55word-1");
            messages.add(failure("prod", wrongPassword, "Kafka server 'prod'", "refused the SCRAM-SHA-256 credentials",
                    "invalid credentials", "ASYNCAPI_PROD_PASSWORD or -Dasyncapi.prod.password"));

            Map<String, String> plain = scramSettings();
            plain.put("asyncapi.prod.sasl-mechanism", "PLAIN");
            messages.add(failure("prod", plain, "Kafka server 'prod'", "does not offer SASL mechanism PLAIN",
                    "enabled mechanisms are [", "ASYNCAPI_PROD_SASL_MECHANISM or -Dasyncapi.prod.sasl-mechanism"));

            Map<String, String> untrusted = scramSettings();
            untrusted.put("asyncapi.prod.truststore-location", stranger.truststore().location().toString());
            untrusted.put("asyncapi.prod.truststore-password", stranger.truststore().password());
            messages.add(failure("prod", untrusted, "Kafka server 'prod'", "broker's certificate is not trusted",
                    "does not hold the broker's CA", "ASYNCAPI_PROD_TRUSTSTORE_LOCATION or -Dasyncapi.prod.truststore-location"));

            Map<String, String> noTruststore = scramSettings();
            noTruststore.keySet().removeIf(k -> k.contains("truststore"));
            messages.add(failure("prod", noTruststore, "Kafka server 'prod'", "not trusted",
                    "no trust store is set", "ASYNCAPI_PROD_TRUSTSTORE_LOCATION or -Dasyncapi.prod.truststore-location"));

            Map<String, String> missingFile = scramSettings();
            missingFile.put("asyncapi.prod.truststore-location", Path.of("/nonexistent/ca.p12").toString());
            messages.add(failure("prod", missingFile, "Kafka server 'prod'", "trust store file /nonexistent/ca.p12 does not exist",
                    "", "ASYNCAPI_PROD_TRUSTSTORE_LOCATION or -Dasyncapi.prod.truststore-location"));

            messages.add(failure("certs", certSettings(strangeKeys), "Kafka server 'certs'", "TLS handshake failed",
                    "", "ASYNCAPI_CERTS_KEYSTORE_LOCATION or -Dasyncapi.certs.keystore-location"));

            // The configs that were used, as a user would log them.
            for (Map<String, String> settings : List.of(scramSettings(), wrongPassword, certSettings(clientKeys))) {
                settings.forEach(System::setProperty);
                try {
                    String server = settings.keySet().iterator().next().split("\\.")[1];
                    Class<?> config = generated.loadClass("com.acme.secure.kafka." + (server.equals("prod") ? "Prod" : "Certs")
                            + "Server");
                    capture.add(String.valueOf(config.getMethod("clientConfig").invoke(null)));
                } finally {
                    settings.keySet().forEach(System::clearProperty);
                }
            }
        } finally {
            capture.stop();
        }
        String everything = capture.text() + String.join("\n", messages);
        // The capture saw the failing runs: the client's own log line about the refused login is in it.
        assertThat(capture.text()).contains("invalid credentials");
        for (String secret : passwords) {
            assertThat(everything).as("a secret in the output").doesNotContain(secret);
        }
        assertThat(everything).doesNotContain("ScramLoginModule required username");
        assertThat(everything).doesNotContain("-----BEGIN");
    }

    /**
     * Runs the app with {@code settings}, expects a {@code KafkaConnectionException} within 30 s whose message holds
     * every fragment; returns the message and the whole stack trace (for the secret check).
     */
    private String failure(String server, Map<String, String> settings, String... fragments) throws Exception {
        long start = System.nanoTime();
        Throwable thrown = null;
        settings.forEach(System::setProperty);
        try {
            entryPoint().getMethod("connectToServer", String.class, Duration.class)
                    .invoke(null, server, Duration.ofSeconds(20));
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).as("connecting with %s", settings.keySet()).isNotNull();
        assertThat(thrown.getClass().getName()).isEqualTo("io.asyncapikafka.runtime.security.KafkaConnectionException");
        for (String f : fragments) {
            assertThat(thrown.getMessage()).contains(f);
        }
        assertThat(took).as("bounded").isLessThan(Duration.ofSeconds(30));
        System.out.println("connectToServer(" + server + ") failed as expected: " + thrown.getMessage());
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return thrown.getMessage() + "\n" + trace;
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(SCRAM_PASSWORD).doesNotContain(clientKeys.password())
                .doesNotContain(broker.certificates().truststore().password());
    }

    /** Everything written to System.out and System.err (SLF4J simple logs go there) while it runs, still shown. */
    private static final class Capture {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StringBuilder extra = new StringBuilder();

        static Capture start() {
            Capture c = new Capture();
            System.setOut(new PrintStream(tee(c.out, c.bytes), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(tee(c.err, c.bytes), true, StandardCharsets.UTF_8));
            return c;
        }

        void add(String s) {
            extra.append(s).append('\n');
        }

        void stop() {
            System.setOut(out);
            System.setErr(err);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8) + extra;
            }
        }

        private static OutputStream tee(OutputStream a, ByteArrayOutputStream b) {
            return new OutputStream() {
                @Override
                public void write(int c) throws java.io.IOException {
                    a.write(c);
                    synchronized (b) {
                        b.write(c);
                    }
                }

                @Override
                public void write(byte[] buf, int off, int len) throws java.io.IOException {
                    a.write(buf, off, len);
                    synchronized (b) {
                        b.write(buf, off, len);
                    }
                }
            };
        }
    }
}
