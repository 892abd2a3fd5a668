package com.acme.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.run.api.model.OrderPlaced;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.runtime.producer.KafkaTypedProducer;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generated payload record travels through a real (in-JVM) broker and comes back equal, using only what a user's
 * project has: the generated sources, the runtime and the testkit.
 *
 * <p>TODO(issue 5): once producer facades and handler interfaces are generated, send through the generated producer
 * and receive through an implementation of the generated handler instead of the runtime API used here.
 */
class OrderFlowTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create().withTopic("orders.v1", 1);

    @Test
    void generatedPayloadRoundTripsThroughTheBroker() throws Exception {
        KafkaClientConfig config = KafkaClientConfig.of(KAFKA.bootstrapServers());
        MessageType<Void, OrderPlaced, Void> type = MessageType.of("OrderPlaced", OrderPlaced.class);
        BlockingQueue<ReceivedMessage<Void, OrderPlaced, Void>> received = new LinkedBlockingQueue<>();

        try (ConsumerRunner consumer = ConsumerRunner.builder(config)
                        .groupId("generate-and-run")
                        .topics("orders.v1")
                        .handle(type, received::add)
                        .build()
                        .start();
                KafkaTypedProducer producer =
                        KafkaTypedProducer.builder(config).source("urn:it:generate-and-run").build()) {
            producer.sendAndWait("orders.v1", type, null, new OrderPlaced("order-1"), null);

            ReceivedMessage<Void, OrderPlaced, Void> message = received.poll(60, TimeUnit.SECONDS);
            assertTrue(message != null, "nothing received within 60 s");
            assertEquals(new OrderPlaced("order-1"), message.payload());
            assertEquals("OrderPlaced", message.type());
            assertTrue(consumer.isRunning(), "consumer stopped: " + consumer.failure());
        }
    }
}
