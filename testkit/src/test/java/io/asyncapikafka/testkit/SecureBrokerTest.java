package io.asyncapikafka.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's TLS broker: SCRAM over TLS, client certificates, its own CA, and ACLs enforced. */
class SecureBrokerTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.startSecure(true);
        broker.addScramUser("alice", "alice-secret-1", "SCRAM-SHA-512");
        broker.createTopic("granted", 1);
        broker.createTopic("forbidden", 1);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Map<String, Object> trusting(String bootstrap, TestCertificates.Store trust) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("ssl.truststore.location", trust.location().toString());
        p.put("ssl.truststore.password", trust.password());
        p.put("ssl.truststore.type", trust.type());
        p.put("request.timeout.ms", 10_000);
        p.put("default.api.timeout.ms", 15_000);
        return p;
    }

    private static Map<String, Object> scram(String password) {
        Map<String, Object> p = trusting(broker.saslSslBootstrapServers(), broker.certificates().truststore());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\""
                + " password=\"" + password + "\";");
        return p;
    }

    private static Map<String, Object> mtls(TestCertificates.Store keys) {
        Map<String, Object> p = trusting(broker.mtlsBootstrapServers(), broker.certificates().truststore());
        p.put("security.protocol", "SSL");
        if (keys != null) {
            p.put("ssl.keystore.location", keys.location().toString());
            p.put("ssl.keystore.password", keys.password());
            p.put("ssl.keystore.type", keys.type());
        }
        return p;
    }

    private static void grantWrite(String principal, String topic) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                    new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void send(Map<String, Object> props, String topic) throws Exception {
        props.put("max.block.ms", 15_000);
        props.put("delivery.timeout.ms", 15_000);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void scramOverTlsAuthenticatesAndAclsDecide() throws Exception {
        grantWrite("User:alice", "granted");
        send(scram("alice-secret-1"), "granted");
        assertThatThrownBy(() -> send(scram("alice-secret-1"), "forbidden"))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(scram("wrong"), "granted"))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void clientCertificatesAreRequiredAndMustBeSignedByTheKitsCa() throws Exception {
        TestCertificates.Store billing = broker.certificates().issue("billing");
        grantWrite("User:CN=billing", "granted");
        send(mtls(billing), "granted");

        assertThatThrownBy(() -> send(mtls(null), "granted")).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SslAuthenticationException.class);
        try (TestCertificates stranger = TestCertificates.create("someone else's CA")) {
            assertThatThrownBy(() -> send(mtls(stranger.issue("billing")), "granted"))
                    .hasCauseInstanceOf(SslAuthenticationException.class);
            // and a client that trusts another CA does not trust this broker
            Map<String, Object> p = mtls(billing);
            p.putAll(trusting(broker.mtlsBootstrapServers(), stranger.truststore()));
            assertThatThrownBy(() -> send(p, "granted")).hasCauseInstanceOf(SslAuthenticationException.class);
        }
        assertThat(broker.certificates().passwords()).hasSizeGreaterThanOrEqualTo(4);
    }
}
