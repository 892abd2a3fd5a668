package io.asyncapikafka.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.SchemaUnavailableException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The registry client against the documented Confluent REST API (RegistryStub, a real HTTP server). */
class SchemaRegistryClientTest {

    @Test
    void looksUpIdsAndSchemasOnceAndSendsTheDocumentedRequests() {
        try (RegistryStub registry = RegistryStub.start()) {
            int id = registry.register("shipments-value", Shipment.V1.toString());
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url()).withBasicAuth("ci", "s3cret");
            assertThat(client.idOf("shipments-value", Shipment.V1)).isEqualTo(id);
            assertThat(client.idOf("shipments-value", Shipment.V1)).isEqualTo(id);
            assertThat(client.schemaById(id)).isEqualTo(Shipment.V1);
            assertThat(registry.requests).containsExactly("POST /subjects/shipments-value");

            SchemaRegistryClient fresh = SchemaRegistryClient.of(registry.url() + "/");
            assertThat(fresh.schemaById(id)).isEqualTo(Shipment.V1);
            assertThat(fresh.schemaById(id)).isEqualTo(Shipment.V1);
            assertThat(registry.requests).containsExactly("POST /subjects/shipments-value", "GET /schemas/ids/" + id);
            assertThat(registry.authorizations.get(0))
                    .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes()));
            assertThat(registry.contentTypes.get(0)).isEqualTo("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void autoRegistrationIsOffByDefault() {
        try (RegistryStub registry = RegistryStub.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            assertThatThrownBy(() -> client.idOf("shipments-value", Shipment.V1))
                    .isInstanceOf(SchemaRegistryClient.UnknownSchemaException.class)
                    .hasMessageContaining("not registered under subject 'shipments-value'")
                    .hasMessageContaining("auto-registration is off");
            int id = client.withAutoRegister(true).idOf("shipments-value", Shipment.V1);
            assertThat(registry.requests).containsExactly("POST /subjects/shipments-value",
                    "POST /subjects/shipments-value", "POST /subjects/shipments-value/versions");
            assertThat(client.idOf("shipments-value", Shipment.V1)).isEqualTo(id);
        }
    }

    @Test
    void unknownIdIsPoisonButAnOutageIsUnavailable() throws Exception {
        try (RegistryStub registry = RegistryStub.start()) {
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(SchemaRegistryClient.UnknownSchemaException.class)
                    .hasMessageContaining("no schema with id 42");
            registry.down(true);
            assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaUnavailableException.class)
                    .hasMessageContaining("503");
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> SchemaRegistryClient.of("http://127.0.0.1:" + closedPort).schemaById(1))
                .isInstanceOf(SchemaUnavailableException.class).hasMessageContaining("cannot be reached");
    }

    @Test
    void registryFramingIsMagicByteAndBigEndianIdOrTheIdInAHeader() throws Exception {
        try (RegistryStub registry = RegistryStub.start()) {
            registry.register("other-value", "\"string\"");
            int id = registry.register("shipments-value", Shipment.V1.toString());
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            AvroCodec<Shipment> inPayload = AvroCodec.registry(Shipment.class, Shipment.V1, client, false);
            RecordHeaders headers = new RecordHeaders();
            byte[] bytes = inPayload.encode("shipments", AvroCodecTest.SHIPMENT, headers);
            assertThat(bytes[0]).isZero();
            assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
            assertThat(headers.toArray()).isEmpty();
            assertThat(inPayload.decode(bytes, headers)).isEqualTo(AvroCodecTest.SHIPMENT);

            AvroCodec<Shipment> inHeader = AvroCodec.registry(Shipment.class, Shipment.V1, client, true);
            RecordHeaders h = new RecordHeaders();
            byte[] body = inHeader.encode("shipments", AvroCodecTest.SHIPMENT, h);
            assertThat(body.length).isEqualTo(bytes.length - 5);
            assertThat(java.nio.ByteBuffer.wrap(h.lastHeader(AvroCodec.ID_HEADER).value()).getLong()).isEqualTo(id);
            assertThat(inHeader.decode(body, h)).isEqualTo(AvroCodecTest.SHIPMENT);
            assertThat(List.of(registry.requests.toArray())).doesNotContain("GET /schemas/ids/" + id);
        }
    }

    @Test
    void theSubjectFollowsTheMessageBindingsLookupStrategy() throws Exception {
        try (RegistryStub registry = RegistryStub.start()) {
            int byRecord = registry.register("com.example.Shipment", Shipment.V1.toString());
            int byTopicRecord = registry.register("shipments-com.example.Shipment", Shipment.V1.toString());
            SchemaRegistryClient client = SchemaRegistryClient.of(registry.url());
            for (String strategy : List.of("RecordNameStrategy", "RecordIdStrategy")) {
                AvroCodec<Shipment> codec = AvroCodec.registry(Shipment.class, Shipment.V1, client, false,
                        AvroCodec.Mapping.DIRECT, AvroCodec.Subject.of(strategy).orElseThrow());
                byte[] bytes = codec.encode("shipments", AvroCodecTest.SHIPMENT, new RecordHeaders());
                assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(byRecord);
            }
            // as the generated code configures it: through the provider's settings
            var provider = new AvroCodecProvider(java.util.Map.of());
            var codec = provider.codec("Shipment", io.asyncapikafka.runtime.PayloadFormat.avro(Shipment.V1.toString(),
                    "framing", "registry", "schemaRegistryUrl", registry.url(), "schemaIdLocation", "payload",
                    "schemaLookupStrategy", "TopicRecordIdStrategy"), Shipment.class);
            byte[] bytes = codec.encode("shipments", AvroCodecTest.SHIPMENT, new RecordHeaders());
            assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(byTopicRecord);
            assertThat(registry.requests).contains("POST /subjects/com.example.Shipment",
                    "POST /subjects/shipments-com.example.Shipment");
            assertThat(AvroCodec.Subject.of("TopicIdStrategy")).contains(AvroCodec.Subject.TOPIC);
            assertThat(AvroCodec.Subject.of("MyStrategy")).isEmpty();
            assertThatThrownBy(() -> provider.codec("Shipment", io.asyncapikafka.runtime.PayloadFormat.avro(
                    Shipment.V1.toString(), "framing", "registry", "schemaRegistryUrl", registry.url(),
                    "schemaLookupStrategy", "MyStrategy"), Shipment.class))
                    .hasMessageContaining("unknown schemaLookupStrategy 'MyStrategy'");
        }
    }
}
