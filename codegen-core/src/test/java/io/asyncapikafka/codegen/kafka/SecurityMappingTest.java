package io.asyncapikafka.codegen.kafka;

import static io.asyncapikafka.codegen.kafka.TestContracts.HERE;
import static io.asyncapikafka.codegen.kafka.TestContracts.message;
import static io.asyncapikafka.codegen.kafka.TestContracts.model;
import static io.asyncapikafka.codegen.kafka.TestContracts.op;
import static io.asyncapikafka.codegen.kafka.TestContracts.server;
import static io.asyncapikafka.codegen.kafka.TestContracts.scheme;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.runtime.AclSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scheme-type warnings (AKK204/205/206) and the least-privilege ACLs derived from a contract. */
class SecurityMappingTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.of("com.acme.orders");

    private static List<Diagnostic> diagnostics(AsyncApiModel m) {
        return KafkaApiGenerator.create(OPTIONS).generate(m).diagnostics();
    }

    private static AsyncApiModel withScheme(SecurityScheme s) {
        return model("Orders", Role.APPLICATION, List.of(server("prod", "k:9093", "kafka-secure", s)), List.of());
    }

    @Test
    void theSeedsUserPasswordSchemeDescribedAsScramGetsALocatedWarningWithTheFix() {
        List<Diagnostic> d = CodeGenerator.create(OPTIONS)
                .generate(Contracts.read(Contracts.OWN.resolve("orders-seed.asyncapi.yaml"))).diagnostics();
        // besides AKG014 on the seed's qty {minimum: 1} (typed long: the open side narrowed), the scheme's warning
        assertThat(d).extracting(Diagnostic::code).containsExactlyInAnyOrder("AKG014", "AKK204");
        Diagnostic w = d.stream().filter(x -> x.code().equals("AKK204")).findFirst().orElseThrow();
        assertThat(w.message()).contains("'scramSha256'", "'userPassword'", "server 'prod'", "PLAIN");
        assertThat(w.hint()).isEqualTo("declare type: scramSha256 (AsyncAPI 2.1+), or set"
                + " ASYNCAPI_PROD_SASL_MECHANISM=SCRAM-SHA-256 at run time");
        assertThat(w.location().toString()).contains("orders-seed.asyncapi.yaml:19:5")
                .contains("#/components/securitySchemes/scramSha256");
    }

    @Test
    void onlyAPlainMappedSchemeThatSaysScramIsWarnedAbout() {
        assertThat(diagnostics(withScheme(new SecurityScheme("creds", "userPassword", "SASL/SCRAM-SHA-512 login", HERE))))
                .singleElement().satisfies(w -> {
                    assertThat(w.code()).isEqualTo("AKK204");
                    assertThat(w.hint()).startsWith("declare type: scramSha512");
                });
        assertThat(diagnostics(withScheme(new SecurityScheme("scram", "scramSha256", "SASL/SCRAM-SHA-256", HERE)))).isEmpty();
        assertThat(diagnostics(withScheme(new SecurityScheme("login", "plain", "SASL/PLAIN user and password", HERE))))
                .isEmpty();
    }

    @Test
    void oauthSchemesAreReportedAsNotSupportedAndOtherUnknownTypesAsIgnored() {
        assertThat(diagnostics(withScheme(scheme("sso", "openIdConnect")))).extracting(Diagnostic::code)
                .containsExactly("AKK205");
        assertThat(diagnostics(withScheme(scheme("sso", "oauth2")))).singleElement()
                .satisfies(w -> assertThat(w.hint()).contains("connect(KafkaClientConfig)"));
        assertThat(diagnostics(withScheme(scheme("key", "httpApiKey")))).extracting(Diagnostic::code)
                .containsExactly("AKK203");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOrderServiceNeedsWriteOnItsTopicAndReadOnItsRetryTopicAndGroup() throws Exception {
        // The seed as the order service reads it (role client): it sends orders.v1 and consumes orders.retry.v1.
        var generated = KafkaApiGenerator.create(OPTIONS).generate(TestContracts.seed(Role.CLIENT));
        assertThat(generated.summary()).last().isEqualTo("acls: 7 for this side -> Acls: WRITE, DESCRIBE topic orders.v1;"
                + " READ, DESCRIBE topic orders.retry.v1; WRITE, DESCRIBE topic orders.dlq.v1;"
                + " READ group orders-eda.orders.retry.v1");
        ClassLoader cl = Javac.compile(generated.files());
        Class<?> acls = cl.loadClass("com.acme.orders.kafka.Acls");
        List<AclSpec> required = (List<AclSpec>) acls.getMethod("required").invoke(null);
        assertThat(required).extracting(a -> a.operation() + " " + a.resourceType() + " " + a.name() + " " + a.patternType())
                .containsExactly(
                        "WRITE TOPIC orders.v1 LITERAL",
                        "DESCRIBE TOPIC orders.v1 LITERAL",
                        "READ TOPIC orders.retry.v1 LITERAL",
                        "DESCRIBE TOPIC orders.retry.v1 LITERAL",
                        "WRITE TOPIC orders.dlq.v1 LITERAL",
                        "DESCRIBE TOPIC orders.dlq.v1 LITERAL",
                        "READ GROUP orders-eda.orders.retry.v1 LITERAL");
        assertThat(required.get(6).why()).isEqualTo("receive consumeOrderCreatedRetry (consumer group)");
        List<AclSpec> tx = (List<AclSpec>) acls.getMethod("required", String.class).invoke(null, "orders-tx");
        assertThat(tx).hasSize(9).last().extracting(a -> a.operation() + " " + a.resourceType() + " " + a.name())
                .isEqualTo("DESCRIBE TRANSACTIONAL_ID orders-tx");

        String yaml = (String) acls.getMethod("desiredStateYaml", String.class).invoke(null, "User:orders");
        JsonNode state = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode service = state.get("customServiceAcls").get("orders-eda-client");
        assertThat(service.size()).isEqualTo(7);
        JsonNode first = service.get("write-topic-orders-v1");
        assertThat(first.get("name").asText()).isEqualTo("orders.v1");
        assertThat(first.get("type").asText()).isEqualTo("TOPIC");
        assertThat(first.get("pattern").asText()).isEqualTo("LITERAL");
        assertThat(first.get("host").asText()).isEqualTo("*");
        assertThat(first.get("principal").asText()).isEqualTo("User:orders");
        assertThat(first.get("operation").asText()).isEqualTo("WRITE");
        assertThat(first.get("permission").asText()).isEqualTo("ALLOW");
        assertThat(yaml).contains("# send orders.v1: kafka-acls --add --allow-principal User:orders --operation WRITE"
                + " --topic orders.v1\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void billingReadsOrdersWritesItsRetryAndDeadLetterTopicsAndParameterisedChannelsArePrefixes() throws Exception {
        // Billing (role application) receives orders.v1, retries on orders.retry.v1, dead-letters to orders.dlq.v1.
        ClassLoader cl = Javac.compile(KafkaApiGenerator.create(OPTIONS).generate(TestContracts.seed(Role.APPLICATION))
                .files());
        List<AclSpec> billing = (List<AclSpec>) cl.loadClass("com.acme.orders.kafka.Acls").getMethod("required").invoke(null);
        assertThat(billing).extracting(a -> a.operation() + " " + a.name()).containsExactly(
                "READ orders.v1", "DESCRIBE orders.v1",
                "READ orders.retry.v1", "WRITE orders.retry.v1", "DESCRIBE orders.retry.v1",
                "WRITE orders.dlq.v1", "DESCRIBE orders.dlq.v1",
                "READ orders-eda.orders.v1");

        AsyncApiModel tenants = model("Shop", Role.APPLICATION, List.of(), List.of(
                TestContracts.parameterised("tenant.{tenantId}.orders",
                        List.of(op("sendOrder", "subscribe", Role.APPLICATION, List.of(message("Order", null))))),
                TestContracts.parameterised("{tenantId}.audit",
                        List.of(op("sendAudit", "subscribe", Role.APPLICATION, List.of(message("Audit", null)))))));
        var result = KafkaApiGenerator.create(OPTIONS).generate(tenants);
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsExactly("AKK206");
        List<AclSpec> shop = (List<AclSpec>) Javac.compile(result.files()).loadClass("com.acme.orders.kafka.Acls")
                .getMethod("required").invoke(null);
        assertThat(shop).extracting(a -> a.operation() + " " + a.name() + " " + a.patternType())
                .containsExactly("WRITE tenant. PREFIXED", "DESCRIBE tenant. PREFIXED");
    }
}
