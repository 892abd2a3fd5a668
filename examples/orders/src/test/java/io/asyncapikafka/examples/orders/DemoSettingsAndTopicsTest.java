package io.asyncapikafka.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoSettingsAndTopicsTest {

    @Test
    void withoutSettingsTheDemoUsesItsEmbeddedBroker() {
        assertThat(DemoSettings.from(new Properties(), Map.of()).bootstrapServers()).isEmpty();
        Properties blank = new Properties();
        blank.setProperty(DemoSettings.BOOTSTRAP_PROPERTY, " ");
        assertThat(DemoSettings.from(blank, Map.of(DemoSettings.BOOTSTRAP_ENV, "")).bootstrapServers()).isEmpty();
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty(DemoSettings.BOOTSTRAP_PROPERTY, "kafka-a:9092");
        Map<String, String> env = Map.of(DemoSettings.BOOTSTRAP_ENV, "kafka-b:9092");
        assertThat(DemoSettings.from(props, env).bootstrapServers()).isEqualTo(Optional.of("kafka-a:9092"));
        assertThat(DemoSettings.from(new Properties(), env).bootstrapServers()).isEqualTo(Optional.of("kafka-b:9092"));
    }

    @Test
    void replicasAreCappedAtTheBrokerCountAndPartitionsKept() {
        List<TopicSpec> declared = List.of(
                new TopicSpec("a", 12, (short) 3, Map.of("retention.ms", "1000")),
                new TopicSpec("b", 6, (short) -1, Map.of()),
                new TopicSpec("c", 1, (short) 1, Map.of()));
        assertThat(TopicSetup.fitToCluster(declared, 1)).containsExactly(
                new TopicSpec("a", 12, (short) 1, Map.of("retention.ms", "1000")),
                new TopicSpec("b", 6, (short) -1, Map.of()),
                new TopicSpec("c", 1, (short) 1, Map.of()));
        assertThat(TopicSetup.fitToCluster(declared, 3)).isEqualTo(declared);
    }
}
