package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.KafkaClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** What a runner's clients are configured with, and what its builder refuses or cuts. */
class ClientPropertiesTest {

    private final KafkaClientConfig config = KafkaClientConfig.of("localhost:9092");

    @Test
    void theRuntimesGuaranteesWinOverTheUsersOverrides() {
        Map<String, Object> props = ClientProperties.consumer(config, Map.of(ConsumerConfig.GROUP_ID_CONFIG, "other",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "x.Y"), "billing", GroupProtocol.CLASSIC, false);
        assertThat(props).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "billing")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest") // a default, the user's to change
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .doesNotContainKey(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    }

    @Test
    void aResumedPartitionWaitsAtMostAShortFetchWaitUnlessTheUserSetsOne() {
        // the loop resumes partitions whose handler caught up; their next fetch waits for the one in flight
        assertThat(ClientProperties.consumer(config, Map.of(), "g", GroupProtocol.CLASSIC, false))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        assertThat(ClientProperties.consumer(config, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500), "g",
                GroupProtocol.CLASSIC, false)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        assertThat(ClientProperties.consumer(config.with(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "250"), Map.of(),
                "g", GroupProtocol.CLASSIC, false)).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "250");
    }

    @Test
    void theConsumerProtocolLeavesAssignmentAndSessionTimingToTheBroker() {
        Map<String, Object> props = ClientProperties.consumer(config, Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, "x"), "g", GroupProtocol.CONSUMER, false);
        assertThat(props).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer").doesNotContainKeys(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        assertThat(ClientProperties.consumer(config, Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000), "g",
                GroupProtocol.CLASSIC, false)).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    }

    @Test
    void anExactlyOnceConsumerReadsCommittedOnly() {
        Map<String, Object> overrides = Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        assertThat(ClientProperties.consumer(config, overrides, "g", GroupProtocol.CLASSIC, true))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        assertThat(ClientProperties.consumer(config, overrides, "g", GroupProtocol.CLASSIC, false))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    }

    @Test
    void theForwarderIsAcknowledgedIdempotentAndBoundedByTheForwardTimeout() {
        Map<String, Object> props = ClientProperties.forwarder(KafkaClientConfig.of("localhost:9092")
                .with(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx"), "billing", Duration.ofSeconds(45));
        assertThat(props).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "billing-forwarder")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 45_000L)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 45_000)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void theBuilderRefusesWhatCannotWorkAndCutsTheRevokeTimeout() {
        assertThatThrownBy(() -> BuilderChecks.concurrency(0)).hasMessage("concurrency must be >= 1 but was 0");
        assertThatThrownBy(() -> BuilderChecks.positive(Duration.ZERO, "pollTimeout"))
                .hasMessage("pollTimeout must be positive but was PT0S");
        assertThatThrownBy(() -> BuilderChecks.subscription(List.of(), null))
                .hasMessage("set topics(..) or topicPattern(..)");
        Map<String, Object> maxPoll = Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "9000");
        assertThat(BuilderChecks.boundedRevokeTimeout(Duration.ofSeconds(5), maxPoll)).isEqualTo(Duration.ofSeconds(3));
        assertThat(BuilderChecks.boundedRevokeTimeout(Duration.ofSeconds(2), maxPoll)).isEqualTo(Duration.ofSeconds(2));
        assertThat(BuilderChecks.boundedRevokeTimeout(ConsumerRunner.DEFAULT_REVOKE_TIMEOUT, Map.of()))
                .isEqualTo(ConsumerRunner.DEFAULT_REVOKE_TIMEOUT);
    }
}
