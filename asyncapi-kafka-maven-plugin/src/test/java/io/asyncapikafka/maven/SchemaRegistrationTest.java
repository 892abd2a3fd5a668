package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.kafka.AvroRegistrations;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code register-schemas} goal's plain part against a real HTTP server answering as the Confluent-compatible
 * API does ({@code POST /subjects/{subject}/versions} → {@code {"id": n}}, 409 for an incompatible schema): the
 * orders-and-shipments fixture's two registry-framed Avro messages are registered under their {@code <topic>-value}
 * subjects, its JSON message is not; a refusal, a registry that is not there and a missing URL fail with the subject
 * and what to do.
 */
class SchemaRegistrationTest {

    private static final Path CONTRACT = Path.of("../asyncapi-model/src/test/resources/fixtures/good/avro-payloads.asyncapi.yaml");

    private HttpServer registry;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        registry.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + body);
            byte[] answer = (status == 200 ? "{\"id\":" + requests.size() + "}"
                    : "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    private String url() {
        return "http://localhost:" + registry.getAddress().getPort();
    }

    private static AvroRegistrations.Plan plan() {
        return AvroRegistrations.of(ContractReader.create(ReaderOptions.defaults()).read(CONTRACT).orThrow(),
                GeneratorOptions.of("com.acme"));
    }

    @Test
    void eachRegistryFramedAvroMessageIsRegisteredUnderItsSubject() throws Exception {
        RecordingLog log = new RecordingLog();
        List<SchemaRegistration.Registered> done = SchemaRegistration.register(plan(), url(),
                Map.of("ASYNCAPI_SCHEMA_REGISTRY_USERNAME", "ci", "ASYNCAPI_SCHEMA_REGISTRY_PASSWORD", "s3cret"), log);

        assertThat(done).extracting(SchemaRegistration.Registered::subject)
                .containsExactly("shipments.v1-value", "returns.v1-value");
        assertThat(done).extracting(SchemaRegistration.Registered::id).containsExactly(1, 2);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("POST /subjects/shipments.v1-value/versions {\"schema\":");
        assertThat(requests.get(1)).startsWith("POST /subjects/returns.v1-value/versions").contains("ReturnRequested");
        assertThat(String.join("\n", log.info)).contains("registered under subject shipments.v1-value")
                .doesNotContain("s3cret");
    }

    @Test
    void anIncompatibleSchemaFailsNamingTheSubjectAndWhatTheRegistrySaid() {
        status = 409;
        assertThatThrownBy(() -> SchemaRegistration.register(plan(), url(), Map.of(), new RecordingLog()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("refused message 'OrderShipped' under subject shipments.v1-value")
                .hasMessageContaining("incompatible with an earlier schema")
                .hasMessageContaining("compat goal");
    }

    @Test
    void aRegistryThatIsNotThereFailsWithTheUrl() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> SchemaRegistration.register(plan(), "http://localhost:" + closed, Map.of(),
                new RecordingLog()))
                .isInstanceOf(ContractFailure.class)
                .hasMessageContaining("Cannot register message 'OrderShipped' under subject shipments.v1-value")
                .hasMessageContaining("localhost:" + closed);
    }

    @Test
    void theParameterWinsOverTheEnvironmentWhichWinsOverTheContract() throws Exception {
        List<SchemaRegistration.Registered> viaEnv = SchemaRegistration.register(plan(), null,
                Map.of("ASYNCAPI_SCHEMA_REGISTRY_URL", url()), new RecordingLog());
        assertThat(viaEnv).extracting(SchemaRegistration.Registered::url).containsOnly(url());
        List<SchemaRegistration.Registered> viaParameter = SchemaRegistration.register(plan(), url(),
                Map.of("ASYNCAPI_SCHEMA_REGISTRY_URL", "http://localhost:1"), new RecordingLog());
        assertThat(viaParameter).extracting(SchemaRegistration.Registered::url).containsOnly(url());
        // the contract's own URL (http://localhost:8081) is the last resort
        assertThat(plan().registrations()).extracting(AvroRegistrations.Registration::registryUrl)
                .containsOnly("http://localhost:8081");
    }
}
