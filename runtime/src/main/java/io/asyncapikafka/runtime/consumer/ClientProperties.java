package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.KafkaClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kafka-clients properties of a runner's clients, derived from the cluster's {@link KafkaClientConfig} and the
 * builder's choices: the consumers' (the group, commits by the runtime only, the group protocol and what it leaves to
 * the broker, {@code read_committed} for exactly-once) and the dead-letter / retry-topic producer's (acknowledged by
 * all replicas, idempotent, bounded by the forward timeout). Used by {@link ConsumerRunner.Builder#build()}; warnings
 * are logged under {@link ConsumerRunner}'s logger, as before the split.
 */
final class ClientProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);

    /** The runtime's {@code fetch.max.wait.ms} unless configured (the client's default is 500). */
    static final int DEFAULT_FETCH_MAX_WAIT_MS = 100;

    private ClientProperties() {}

    /**
     * The consumers' properties: the cluster's, the user's overrides, then what the runtime's guarantees need
     * (group id, no auto-commit, the group protocol and, under {@code consumer}, none of the settings the broker owns).
     */
    static Map<String, Object> consumer(KafkaClientConfig config, Map<String, Object> overrides, String groupId,
            GroupProtocol groupProtocol, boolean exactlyOnce) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A partition the loop resumes (its handler caught up) is fetched with the consumer's next fetch request,
        // which waits until the one in flight returns: up to fetch.max.wait.ms (500 ms by default) when the other
        // partitions have nothing new. That was a 0.5 s stall at the end of every backlog with a slower handler.
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, DEFAULT_FETCH_MAX_WAIT_MS);
        props.putAll(overrides);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // forced: we commit finished work only
        if (exactlyOnce) {
            Object level = props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            if (level != null && !"read_committed".equals(level.toString())) {
                LOG.warn("isolation.level {} ignored: an exactly-once consumer reads read_committed", level);
            }
        }
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol.name().toLowerCase(java.util.Locale.ROOT));
        if (groupProtocol == GroupProtocol.CONSUMER) {
            // The broker owns assignment and session timing under KIP-848; the client rejects these settings.
            for (String brokerSide : List.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)) {
                if (props.remove(brokerSide) != null) {
                    LOG.warn("ignoring {}: the consumer group protocol sets it on the broker", brokerSide);
                }
            }
        }
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return Map.copyOf(props);
    }

    /** The dead-letter / retry-topic producer's properties ({@code <client>-forwarder}). */
    static Map<String, Object> forwarder(KafkaClientConfig config, String client, Duration forwardTimeout) {
        Map<String, Object> props = new LinkedHashMap<>(config.properties());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, client + "-forwarder");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        long timeout = forwardTimeout.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 30_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, Integer.MAX_VALUE));
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return Map.copyOf(props);
    }
}
