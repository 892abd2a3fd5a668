package com.acme.run;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.asyncapikafka.testkit.KafkaBrokerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TODO(issue 6, once producers/handlers are generated): provision the topics from the generated topic constants, send
 * an OrderPlaced through the generated producer, receive it through an implementation of the generated handler and
 * assert the payload and the committed offset. Then delete selector.groovy.
 */
class OrderFlowTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create().withTopic("orders.v1", 1);

    @Test
    void brokerIsUp() {
        assertFalse(KAFKA.bootstrapServers().isBlank());
    }
}
