package io.asyncapikafka.codegen.kafka;

import static io.asyncapikafka.codegen.kafka.TestContracts.channel;
import static io.asyncapikafka.codegen.kafka.TestContracts.message;
import static io.asyncapikafka.codegen.kafka.TestContracts.model;
import static io.asyncapikafka.codegen.kafka.TestContracts.op;
import static io.asyncapikafka.codegen.kafka.TestContracts.scheme;
import static io.asyncapikafka.codegen.kafka.TestContracts.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Role;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import io.asyncapikafka.runtime.TopicSpec;
import org.junit.jupiter.api.Test;

class TopicsAndServersTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.of("com.acme.orders");

    private static ClassLoader compile(AsyncApiModel model) {
        return Javac.compile(KafkaApiGenerator.create(OPTIONS).generate(model).files());
    }

    @Test
    void topicsHoldNamePartitionsReplicasConfigAndListAllFixedTopics() throws Exception {
        Channel configured = new Channel("payments", "payments.v2", null, List.of(), 3, 2,
                Map.of("retention.ms", "604800000", "cleanup.policy", "compact,delete"), List.of(), null, null,
                TestContracts.HERE);
        Channel parameterised = TestContracts.parameterised("user.{userId}.signedup",
                List.of(op("sendSignedUp", "subscribe", Role.APPLICATION, List.of(message("SignedUp", null)))));
        ClassLoader cl = compile(model("Shop", Role.APPLICATION, List.of(),
                List.of(channel("orders.v1", "orders.v1", 12, List.of()), configured, parameterised)));
        Class<?> topics = cl.loadClass("com.acme.orders.kafka.Topics");

        @SuppressWarnings("unchecked")
        List<TopicSpec> all = (List<TopicSpec>) topics.getMethod("all").invoke(null);
        // the parameterised channel has no fixed topic to provision
        assertThat(all).containsExactly(
                new TopicSpec("orders.v1", 12, (short) -1, Map.of()),
                new TopicSpec("payments.v2", 3, (short) 2, Map.of("retention.ms", "604800000", "cleanup.policy", "compact,delete")));
        assertThat(topics.getField("ORDERS_V1").get(null)).isEqualTo(all.get(0));

        Method name = topics.getMethod("signedup", String.class);
        assertThat(name.invoke(null, "42")).isEqualTo("user.42.signedup");
        Pattern pattern = (Pattern) topics.getField("SIGNEDUP_PATTERN").get(null);
        assertThat(pattern.matcher("user.42.signedup").matches()).isTrue();
        assertThat(pattern.matcher("userX42.signedup").matches()).isFalse();
    }

    private static Map<String, Object> props(Class<?> server, Map<String, String> env, Properties sys) throws Exception {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) server.getMethod("clientProperties", Map.class, Properties.class)
                    .invoke(null, env, sys);
            return p;
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void scramOverTlsReadsCredentialsFromEnvironmentOrSystemPropertiesAndNamesTheMissingOne() throws Exception {
        ClassLoader cl = compile(model("Orders", Role.APPLICATION,
                List.of(server("prod-eu", "k1:9093,k2:9093", "kafka-secure", scheme("creds", "scramSha512"))), List.of()));
        Class<?> prod = cl.loadClass("com.acme.orders.kafka.ProdEuServer");
        assertThat(prod.getField("SECURITY_PROTOCOL").get(null)).isEqualTo("SASL_SSL");
        assertThat(prod.getField("SASL_MECHANISM").get(null)).isEqualTo("SCRAM-SHA-512");

        Properties sys = new Properties();
        sys.setProperty("asyncapi.prod-eu.password", "pa\"ss\\word");
        Map<String, Object> p = props(prod, Map.of("ASYNCAPI_PROD_EU_USERNAME", "alice", "ASYNCAPI_PROD_EU_PASSWORD", "ignored",
                "ASYNCAPI_PROD_EU_TRUSTSTORE_LOCATION", "/tls/ca.p12"), sys);
        assertThat(p).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/tls/ca.p12")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"alice\" password=\"pa\\\"ss\\\\word\";");

        assertThatThrownBy(() -> props(prod, Map.of("ASYNCAPI_PROD_EU_USERNAME", "alice"), new Properties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka server 'prod-eu' needs the password: set environment variable ASYNCAPI_PROD_EU_PASSWORD"
                        + " or system property -Dasyncapi.prod-eu.password");

        Map<String, Object> overridden = props(prod, Map.of("ASYNCAPI_PROD_EU_BOOTSTRAP_SERVERS", "localhost:1",
                "ASYNCAPI_PROD_EU_USERNAME", "u", "ASYNCAPI_PROD_EU_PASSWORD", "p"), new Properties());
        assertThat(overridden).containsEntry("bootstrap.servers", "localhost:1");
    }

    @Test
    void protocolsAndSchemesMapToKafkaSecuritySettings() throws Exception {
        AsyncApiModel m = model("Orders", Role.APPLICATION, List.of(
                server("local", "localhost:9092", "kafka"),
                server("tls", "t:9093", "kafka-secure"),
                server("plain", "p:9092", "kafka", scheme("up", "userPassword")),
                server("certs", "c:9093", "kafka-secure", scheme("cert", "X509")),
                server("kerberos", "k:9093", "kafka-secure", scheme("krb", "gssapi")),
                server("oauth", "o:9093", "kafka-secure", scheme("token", "oauth2")),
                server("mqtt", "m:1883", "mqtt")), List.of());
        assertThat(KafkaApiGenerator.create(OPTIONS).generate(m).diagnostics())
                .extracting(io.asyncapikafka.model.Diagnostic::code).containsExactly("AKK205", "AKK201");
        ClassLoader cl = compile(m);
        // OAUTHBEARER is not generated (AKK205): the server still gets a config, without SASL.
        assertThat(props(cl.loadClass("com.acme.orders.kafka.OauthServer"), Map.of(), new Properties()))
                .containsEntry("security.protocol", "SSL");
        assertThat(props(cl.loadClass("com.acme.orders.kafka.LocalServer"), Map.of(), new Properties()))
                .containsExactly(Map.entry("bootstrap.servers", "localhost:9092"), Map.entry("security.protocol", "PLAINTEXT"));
        assertThat(props(cl.loadClass("com.acme.orders.kafka.TlsServer"), Map.of(), new Properties()))
                .containsEntry("security.protocol", "SSL").doesNotContainKey("sasl.mechanism");
        assertThat(props(cl.loadClass("com.acme.orders.kafka.PlainServer"),
                Map.of("ASYNCAPI_PLAIN_USERNAME", "u", "ASYNCAPI_PLAIN_PASSWORD", "p"), new Properties()))
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");
        assertThat(props(cl.loadClass("com.acme.orders.kafka.CertsServer"),
                Map.of("ASYNCAPI_CERTS_KEYSTORE_LOCATION", "/k.p12", "ASYNCAPI_CERTS_KEYSTORE_PASSWORD", "s"), new Properties()))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.location", "/k.p12")
                .containsEntry("ssl.keystore.password", "s");
        assertThat(props(cl.loadClass("com.acme.orders.kafka.KerberosServer"),
                Map.of("ASYNCAPI_KERBEROS_KERBEROS_PRINCIPAL", "svc@REALM", "ASYNCAPI_KERBEROS_KERBEROS_KEYTAB", "/svc.keytab"),
                new Properties()))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "GSSAPI")
                .containsEntry("sasl.kerberos.service.name", "kafka");
        assertThatThrownBy(() -> cl.loadClass("com.acme.orders.kafka.MqttServer")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void generatedSourcesCarryTheHeaderAndMarkersAndAreDeterministic() {
        AsyncApiModel m = TestContracts.seed(Role.CLIENT);
        List<JavaFile> a = KafkaApiGenerator.create(OPTIONS).generate(m).files();
        List<JavaFile> b = KafkaApiGenerator.create(OPTIONS).generate(m).files();
        assertThat(a.stream().map(JavaFile::toString).toList()).isEqualTo(b.stream().map(JavaFile::toString).toList());
        for (JavaFile f : a) {
            String src = f.toString();
            assertThat(src).startsWith("// Generated by asyncapi-kafka from test.yaml. Do not edit.\n");
            assertThat(src).contains("@Generated(", "@GeneratedCode(", "contract = \"test.yaml\"").doesNotContainPattern("date =|\\d{4}-\\d{2}-\\d{2}");
        }
    }

    @Test
    void hostileContractTextCannotBreakOrInjectIntoTheGeneratedSource() throws Exception {
        String hostile = "*/ class Injected {} /* \\u002a/ <b>&amp; @deprecated";
        Role role = Role.APPLICATION;
        io.asyncapikafka.model.Operation op = new io.asyncapikafka.model.Operation("send" , false, "subscribe",
                role.directionOf("subscribe"), hostile, hostile, null, null, List.of(message("Evt", null)), null, null,
                TestContracts.HERE);
        io.asyncapikafka.model.Operation receive = new io.asyncapikafka.model.Operation("receive", false, "publish",
                role.directionOf("publish"), hostile, hostile, null, null, List.of(message("Evt", null)), null, null,
                TestContracts.HERE);
        Channel ch = new Channel("evts", null, hostile, List.of(), null, null, Map.of(), List.of(op, receive), null, null,
                TestContracts.HERE);
        io.asyncapikafka.model.Server server = new io.asyncapikafka.model.Server("prod", "k:9092", "kafka", null, hostile,
                List.of(), Map.of(), TestContracts.HERE);
        AsyncApiModel m = model(hostile, role, List.of(server), List.of(ch));
        var files = KafkaApiGenerator.create(OPTIONS).generate(m).files();
        ClassLoader cl = Javac.compile(files);
        assertThatThrownBy(() -> cl.loadClass("com.acme.orders.kafka.Injected")).isInstanceOf(ClassNotFoundException.class);
        assertThat(files).allSatisfy(f -> assertThat(f.toString()).doesNotContain("*/ class Injected", "\\u002a"));
    }
}
