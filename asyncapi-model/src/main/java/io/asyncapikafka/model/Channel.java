package io.asyncapikafka.model;

import java.util.List;
import java.util.Map;

/**
 * A channel and its Kafka binding.
 *
 * @param name the channel key in the document
 * @param topic the binding's {@code topic}; else the channel's {@code x-address} or its name made legal by the topic
 *     rule (a leading {@code /} dropped, {@code /} replaced by {@code .}; {@code {param}} parts kept), when that differs
 *     from the name; else {@code null}: the channel name as written is the topic (see {@link #topicName()})
 * @param parameters channel-name parameters in document order
 * @param partitions binding {@code partitions}, or {@code null}
 * @param replicas binding {@code replicas}, or {@code null}
 * @param topicConfiguration binding {@code topicConfiguration} as Kafka config names and string values
 *     ({@code cleanup.policy} lists joined with commas), in document order
 * @param operations {@code publish} then {@code subscribe}, whichever are present
 * @param retryChannel {@code x-retry-channel}, or {@code null}
 * @param dlqChannel {@code x-dlq-channel}, or {@code null}
 * @param javaName {@code x-java-name}: the Java name the contract gives the channel, or {@code null}
 * @param key the channel's key in the document: in 3.x a name a person chose, while {@link #name()} is its address;
 *     in 2.x the name itself; {@code null} when built by hand
 * @param servers the names of the servers the channel is on (2.x {@code servers} names, 3.x {@code servers}
 *     references), in the document's order; empty: every server
 */
public record Channel(
        String name,
        String topic,
        String description,
        List<ChannelParameter> parameters,
        Integer partitions,
        Integer replicas,
        Map<String, String> topicConfiguration,
        List<Operation> operations,
        String retryChannel,
        String dlqChannel,
        SourceLocation location,
        String javaName,
        String key,
        List<String> servers) {

    /** A channel without {@code x-java-name} and 3.x key. */
    public Channel(String name, String topic, String description, List<ChannelParameter> parameters,
            Integer partitions, Integer replicas, Map<String, String> topicConfiguration, List<Operation> operations,
            String retryChannel, String dlqChannel, SourceLocation location) {
        this(name, topic, description, parameters, partitions, replicas, topicConfiguration, operations, retryChannel,
                dlqChannel, location, null, null, List.of());
    }

    /** A channel on every server (no {@code servers} list). */
    public Channel(String name, String topic, String description, List<ChannelParameter> parameters,
            Integer partitions, Integer replicas, Map<String, String> topicConfiguration, List<Operation> operations,
            String retryChannel, String dlqChannel, SourceLocation location, String javaName, String key) {
        this(name, topic, description, parameters, partitions, replicas, topicConfiguration, operations, retryChannel,
                dlqChannel, location, javaName, key, List.of());
    }

    public Channel {
        servers = servers == null ? List.of() : List.copyOf(servers);
        parameters = List.copyOf(parameters);
        topicConfiguration = Collections2.copyOrdered(topicConfiguration);
        operations = List.copyOf(operations);
    }

    /** Kafka's own rule (kafka.common.internals.Topic): letters, digits, '.', '_', '-'; 1 to 249 of them. */
    private static final java.util.regex.Pattern LEGAL_TOPIC = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Whether a broker accepts {@code name} as a topic name. */
    public static boolean isLegalTopicName(String name) {
        return LEGAL_TOPIC.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** The Kafka topic ({@link #topic()}, else the channel name); a template when {@link #isParameterised()}. */
    public String topicName() {
        return topic != null ? topic : name;
    }

    /** True when the topic has {@code {param}} parts filled in per record (no topic binding fixes the name). */
    public boolean isParameterised() {
        return !parameters.isEmpty() && topicName().indexOf('{') >= 0;
    }
}
