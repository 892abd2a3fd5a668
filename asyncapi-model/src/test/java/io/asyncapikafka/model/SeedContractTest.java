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

    /**
     * The tests above always read the module's own copy of the seed contract, so they run in every clone. Where the
     * project's shared seed is present (a folder {@code shared/specs} beside the checkout or above it: the main
     * checkout, a worktree), the copy must be byte for byte the shared file, so it stays true to it.
     */
    @Test
    void seedFixtureIsTheSharedSeedWhereThatExists() throws Exception {
        java.util.Optional<java.nio.file.Path> shared = sharedSeed();
        org.junit.jupiter.api.Assumptions.assumeTrue(shared.isPresent(),
                "no shared/specs/" + SEED + " above " + java.nio.file.Path.of("").toAbsolutePath());
        assertThat(java.nio.file.Files.readString(Fixtures.good(SEED)))
                .as("%s is a copy of %s", Fixtures.good(SEED), shared.get())
                .isEqualTo(java.nio.file.Files.readString(shared.get()));
    }

    /** {@code shared/specs/orders-seed.asyncapi.yaml} in the nearest folder above the module that has it. */
    static java.util.Optional<java.nio.file.Path> sharedSeed() {
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            java.nio.file.Path candidate = dir.resolve("shared").resolve("specs").resolve(SEED);
            if (java.nio.file.Files.isRegularFile(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
