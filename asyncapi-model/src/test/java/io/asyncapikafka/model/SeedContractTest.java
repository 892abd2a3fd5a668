package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SeedContractTest {

    private static final String SEED = "orders-seed.asyncapi.yaml";

    @Test
    void readsChannelsTopicsAndPartitions() {
        ReadResult r = Fixtures.read(Fixtures.good(SEED));
        assertThat(r.errors()).isEmpty();
        AsyncApiModel m = r.orThrow();
        assertThat(m.asyncapiVersion()).isEqualTo("2.6.0");
        assertThat(m.info().title()).isEqualTo("Orders EDA");
        assertThat(m.contractFile()).isEqualTo(SEED);
        assertThat(m.inputFiles()).containsExactly(SEED);
        assertThat(m.channels()).extracting(Channel::name)
                .containsExactly("orders.v1", "orders.retry.v1", "orders.dlq.v1");
        assertThat(m.channels()).extracting(Channel::topicName)
                .containsExactly("orders.v1", "orders.retry.v1", "orders.dlq.v1");
        assertThat(m.channels()).extracting(Channel::partitions).containsExactly(12, 12, 6);
        assertThat(m.channels().get(2).operations()).isEmpty();
        Channel main = m.channels().get(0);
        assertThat(main.location().line()).isEqualTo(61);
        assertThat(main.location().pointer()).isEqualTo("/channels/orders.v1");
    }

    @Test
    void serversAndSecurity() {
        AsyncApiModel m = Fixtures.read(Fixtures.good(SEED)).orThrow();
        Server prod = m.servers().get(0);
        assertThat(prod.url()).isEqualTo("kafka1:9093,kafka2:9093,kafka3:9093");
        assertThat(prod.protocol()).isEqualTo("kafka-secure");
        assertThat(prod.security()).singleElement()
                .satisfies(s -> assertThat(s.scheme().type()).isEqualTo("userPassword"));
        assertThat(prod.kafkaBinding()).containsEntry("clientId", "orders-service");
    }

    @Test
    void operationsUnderApplicationRole() {
        AsyncApiModel m = Fixtures.read(Fixtures.good(SEED)).orThrow();
        assertThat(m.operations()).extracting(Operation::operationId, Operation::keyword, Operation::direction)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("publishOrderCreated", "publish", Direction.RECEIVE),
                        org.assertj.core.groups.Tuple.tuple("consumeOrderCreatedRetry", "subscribe", Direction.SEND));
    }

    @Test
    void operationsUnderClientRole() {
        AsyncApiModel m = Fixtures.read(Fixtures.good(SEED), ReaderOptions.defaults().withRole(Role.CLIENT)).orThrow();
        assertThat(m.role()).isEqualTo(Role.CLIENT);
        assertThat(m.operations()).extracting(Operation::direction).containsExactly(Direction.SEND, Direction.RECEIVE);
    }

    @Test
    void messagesAndPayloadSchema() {
        AsyncApiModel m = Fixtures.read(Fixtures.good(SEED)).orThrow();
        Message msg = m.operations().get(0).messages().get(0);
        assertThat(msg.name()).isEqualTo("OrderCreated");
        assertThat(msg.componentName()).isEqualTo("OrderCreated");
        assertThat(msg.title()).isEqualTo("Order Created");
        assertThat(msg.contentType()).isEqualTo("application/json");
        assertThat(m.operations().get(1).messages().get(0)).isEqualTo(msg);

        Schema.ObjectSchema headers = (Schema.ObjectSchema) msg.headers();
        assertThat(headers.properties()).extracting(Schema.Property::name).containsExactly("traceparent");

        Schema.ObjectSchema payload = (Schema.ObjectSchema) msg.payload();
        assertThat(payload.properties()).extracting(Schema.Property::name)
                .containsExactly("eventId", "occurredAt", "orderId", "customerId", "total", "items");
        assertThat(payload.properties()).allMatch(Schema.Property::required);
        assertThat(((Schema.StringSchema) payload.properties().get(0).schema()).format()).isEqualTo("uuid");
        assertThat(((Schema.StringSchema) payload.properties().get(1).schema()).format()).isEqualTo("date-time");
        Schema.NumberSchema total = (Schema.NumberSchema) payload.properties().get(4).schema();
        assertThat(total.integer()).isFalse();
        assertThat(total.minimum()).isEqualByComparingTo(BigDecimal.ZERO);
        Schema.ArraySchema items = (Schema.ArraySchema) payload.properties().get(5).schema();
        assertThat(items.minItems()).isEqualTo(1);
        Schema.ObjectSchema item = (Schema.ObjectSchema) items.items();
        assertThat(item.properties()).extracting(Schema.Property::name).containsExactly("sku", "qty", "price");
        Schema.NumberSchema qty = (Schema.NumberSchema) item.properties().get(1).schema();
        assertThat(qty.integer()).isTrue();
        assertThat(qty.minimum()).isEqualByComparingTo("1");
        assertThat(payload.location().file()).isEqualTo(SEED);
        assertThat(payload.location().line()).isEqualTo(33);
    }

    @Test
    void seedFixtureIsTheSharedSeed() throws Exception {
        java.nio.file.Path shared = java.nio.file.Path.of("../../shared/specs/orders-seed.asyncapi.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(shared), "shared seed not present");
        assertThat(java.nio.file.Files.readString(Fixtures.good(SEED)))
                .isEqualTo(java.nio.file.Files.readString(shared));
    }
}
