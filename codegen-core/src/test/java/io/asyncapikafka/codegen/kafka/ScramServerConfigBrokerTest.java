package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBroker;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A contract server secured with SASL/SCRAM-SHA-256 gives a generated config that connects to a SCRAM-enabled broker
 * with credentials from system properties / the environment, and is refused with wrong ones.
 */
class ScramServerConfigBrokerTest {

    private static KafkaBroker broker;
    private static ClassLoader generated;

    private static final String APP = """
            package com.acme.app;
            import com.acme.audit.kafka.*;
            import com.acme.audit.model.AuditEntry;
            import java.util.concurrent.*;
            public final class AuditApp implements java.util.function.Supplier<String> {
                public String get() {
                    // Reads bootstrap servers and credentials from -Dasyncapi.secure.* / ASYNCAPI_SECURE_*.
                    try (SecuredAuditKafka kafka = SecuredAuditKafka.connectToServer("secure")) {
                        kafka.provisionTopics();
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        kafka.handleAudit(m -> got.add(m.payload().what()));
                        kafka.start();
                        kafka.auditV1Producer().recordAudit(new AuditEntry("login")).get(30, TimeUnit.SECONDS);
                        return got.poll(60, TimeUnit.SECONDS);
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.startWithSasl();
        broker.addScramUser("alice", "alice-secret", "SCRAM-SHA-256");
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.audit"))
                .generate(SeedContractTest.read("secured-audit.asyncapi.yaml", Role.APPLICATION));
        assertThat(result.summary()).contains("server secure: localhost:1, SASL_PLAINTEXT, SCRAM-SHA-256 (scheme scram)"
                + " -> SecureServer; credentials from ASYNCAPI_SECURE_USERNAME / -Dasyncapi.secure.username,"
                + " ASYNCAPI_SECURE_PASSWORD / -Dasyncapi.secure.password");
        generated = Javac.compile(result.files(), Map.of("com.acme.app.AuditApp", APP));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> clientProperties(Map<String, String> env, Properties sys) throws Exception {
        Method m = generated.loadClass("com.acme.audit.kafka.SecureServer")
                .getMethod("clientProperties", Map.class, Properties.class);
        return (Map<String, Object>) m.invoke(null, env, sys);
    }

    @Test
    void connectsWithCredentialsFromSystemPropertiesAndProducesAndConsumes() throws Exception {
        Map<String, String> props = Map.of("asyncapi.secure.bootstrap-servers", broker.bootstrapServers(),
                "asyncapi.secure.username", "alice", "asyncapi.secure.password", "alice-secret");
        props.forEach(System::setProperty);
        try {
            @SuppressWarnings("unchecked")
            Supplier<String> app = (Supplier<String>) generated.loadClass("com.acme.app.AuditApp").getConstructor().newInstance();
            assertThat(app.get()).isEqualTo("login");
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void environmentCredentialsAuthenticateAndWrongOnesAreRefused() throws Exception {
        Map<String, Object> good = clientProperties(Map.of("ASYNCAPI_SECURE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "ASYNCAPI_SECURE_USERNAME", "alice", "ASYNCAPI_SECURE_PASSWORD", "alice-secret"), new Properties());
        try (Admin admin = Admin.create(good)) {
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
        }
        Map<String, Object> wrong = clientProperties(Map.of("ASYNCAPI_SECURE_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "ASYNCAPI_SECURE_USERNAME", "alice", "ASYNCAPI_SECURE_PASSWORD", "not-her-password"), new Properties());
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }
}
