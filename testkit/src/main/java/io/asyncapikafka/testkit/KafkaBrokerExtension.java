package io.asyncapikafka.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one real in-JVM KRaft broker ({@link KafkaBroker}) for a test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create().withTopic("orders.v1", 3);
 *
 * @Test void sends() { var servers = KAFKA.bootstrapServers(); ... }
 * }</pre>
 *
 * Register it on a {@code static} field: the broker starts before the first test of the class and stops after the
 * last, so the tests of a class share it (starting a broker costs a few seconds). Use distinct topic names per test.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> brokerProperties;
    private final List<NewTopic> topics;
    private volatile KafkaBroker broker;

    private KafkaBrokerExtension(Map<String, String> brokerProperties, List<NewTopic> topics) {
        this.brokerProperties = Map.copyOf(brokerProperties);
        this.topics = List.copyOf(topics);
    }

    /** An extension with the default broker settings and no topics. */
    public static KafkaBrokerExtension create() {
        return new KafkaBrokerExtension(Map.of(), List.of());
    }

    /** A copy that also sets a broker property, e.g. {@code auto.create.topics.enable=true}. */
    public KafkaBrokerExtension withBrokerProperty(String name, String value) {
        Map<String, String> props = new LinkedHashMap<>(brokerProperties);
        props.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new KafkaBrokerExtension(props, topics);
    }

    /** A copy that also creates a topic (one replica) when the broker starts. */
    public KafkaBrokerExtension withTopic(String name, int partitions) {
        List<NewTopic> more = new java.util.ArrayList<>(topics);
        more.add(new NewTopic(name, partitions, (short) 1));
        return new KafkaBrokerExtension(brokerProperties, more);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.start(brokerProperties);
        if (!topics.isEmpty()) {
            broker.createTopics(topics);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        KafkaBroker running = broker;
        broker = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running broker; fails outside the lifetime of the test class. */
    public KafkaBroker broker() {
        KafkaBroker running = broker;
        if (running == null) {
            throw new IllegalStateException("the broker is not running: register the extension on a static field");
        }
        return running;
    }

    /** Shortcut for {@code broker().bootstrapServers()}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Shortcut for {@code broker().clientProperties()}. */
    public Map<String, Object> clientProperties() {
        return broker().clientProperties();
    }

    /** Shortcut for {@code broker().createTopic(name, partitions)}. */
    public void createTopic(String name, int partitions) {
        broker().createTopic(name, partitions);
    }

    /** Shortcut for {@code broker().admin()}; the caller closes it. */
    public Admin admin() {
        return broker().admin();
    }

    /** Shortcut for {@code broker().restart()}. */
    public void restartBroker() {
        broker().restart();
    }
}
