package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.SchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Channel parameters read by the runtime from a record's topic before the handler runs: handed over typed, a refused
 * topic dead-lettered as a contract violation without a handler call, and a retry copy read from its original topic.
 */
class TopicParametersTest {

    record Lamp(String zone, long id) {}

    private static final Pattern TOPIC = Pattern.compile("lights\\.([a-zA-Z0-9._-]+)\\.([a-zA-Z0-9._-]+)\\.measured");
    private static final SchemaCheck ZONE = SchemaCheck.of("{\"enum\":[\"north\",\"south\"]}");
    private static final SchemaCheck ID = SchemaCheck.of("{\"type\":\"integer\",\"minimum\":1}");

    /** What a generated {@code fromTopic} does. */
    static Lamp fromTopic(String topic) {
        Matcher m = TopicParameterValues.match(TOPIC, topic, "lights.{zone}.{id}.measured");
        List<Violation> violations = new ArrayList<>();
        String zone = TopicParameterValues.string(m.group(1), "zone", "string", ZONE, violations);
        long id = TopicParameterValues.integer(m.group(2), "id", ID, violations);
        TopicParameterValues.throwIfAny(topic, violations);
        return new Lamp(zone, id);
    }

    private final List<String> handled = new ArrayList<>();

    @Test
    void theHandlerGetsTheParametersOfTheTopic() {
        HandlerDriver driver = HandlerDriver.builder().handle(OrderEvent.TYPE, TopicParametersTest::fromTopic,
                m -> handled.add(m.parameters(Lamp.class) + " " + m.payload().id())).build();
        assertThat(driver.deliver("lights.north.7.measured", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null)
                .status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(handled).containsExactly("Lamp[zone=north, id=7] e1");
    }

    @Test
    void aTopicTheParametersRefuseIsDeadLetteredAsAContractViolationWithoutCallingTheHandler() {
        HandlerDriver driver = HandlerDriver.builder().handle(OrderEvent.TYPE, TopicParametersTest::fromTopic,
                m -> handled.add("called")).build();
        for (String topic : List.of("lights.east.7.measured", "lights.north.0.measured", "lights.north.x.measured",
                "other.topic")) {
            var result = driver.deliver(topic, OrderEvent.TYPE, "k", OrderEvent.of("e-" + topic), null);
            assertThat(result.status()).as(topic).isEqualTo(HandlerDriver.Status.DEAD_LETTERED);
            assertThat(result.reason()).as(topic).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
            assertThat(result.attempts()).as(topic).isZero();
        }
        assertThat(handled).isEmpty();
        assertThatThrownBy(() -> fromTopic("lights.east.0.measured")).isInstanceOfSatisfying(
                ContractViolationException.class, e -> assertThat(e.violations()).extracting(Violation::path)
                        .containsExactly("parameters.zone", "parameters.id"));
    }

    @Test
    void aRetryCopyIsReadFromItsOriginalTopic() {
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, TopicParametersTest::fromTopic, m -> {
                    handled.add(m.topic() + " " + m.parameters(Lamp.class).id());
                    if (m.attempt() == 1) {
                        throw new IllegalStateException("down");
                    }
                })
                .retryPolicy(RetryPolicy.builder().maxAttempts(1).retryTopicRounds(1).build())
                .retryTopic("lights.retry")
                .build();
        var first = driver.deliver("lights.south.8.measured", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(first.status()).isEqualTo(HandlerDriver.Status.SENT_TO_RETRY_TOPIC);
        assertThat(driver.deliver(first.forwarded()).status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(handled).containsExactly("lights.south.8.measured 8", "lights.retry 8");
    }

    @Test
    void withoutAReaderAskingForParametersSaysSo() {
        HandlerDriver driver = HandlerDriver.builder().handle(OrderEvent.TYPE, m -> m.parameters(Lamp.class)).build();
        var result = driver.deliver("lights.north.7.measured", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(result.error()).isInstanceOf(IllegalStateException.class).hasMessageContaining("TopicParameters");
    }
}
