package com.acme.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.acme.run.client.kafka.OrdersV1Producer;
import com.acme.run.service.kafka.ConfirmationsV1Producer;
import com.acme.run.service.kafka.OrderIntakeKafka;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Both sides of one contract, generated into one project, talk through a real (in-JVM) broker using only generated
 * entry points, producers and handler interfaces, the runtime and the testkit: what a user's project has.
 */
class OrderFlowTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void clientPlacesAnOrderAndTheServiceConfirmsIt() throws Exception {
        BlockingQueue<ReceivedMessage<Void, com.acme.run.service.model.OrderPlaced, Void>> orders =
                new LinkedBlockingQueue<>();
        BlockingQueue<ReceivedMessage<Void, com.acme.run.client.model.OrderConfirmed, Void>> confirmations =
                new LinkedBlockingQueue<>();

        try (OrderIntakeKafka service = OrderIntakeKafka.connect(KAFKA.bootstrapServers());
                com.acme.run.client.kafka.OrderIntakeKafka client =
                        com.acme.run.client.kafka.OrderIntakeKafka.connect(KAFKA.bootstrapServers())) {
            // Topics from the contract's bindings, provisioned by the generated code.
            service.provisionTopics();
            service.placeOrder(orders::add);
            client.confirmOrder(confirmations::add);
            service.start();
            client.start();

            OrdersV1Producer orderProducer = client.ordersV1Producer();
            orderProducer.placeOrder(new com.acme.run.client.model.OrderPlaced("order-1")).get(30, TimeUnit.SECONDS);

            ReceivedMessage<Void, com.acme.run.service.model.OrderPlaced, Void> order =
                    orders.poll(60, TimeUnit.SECONDS);
            assertNotNull(order, "the service received no order within 60 s");
            assertEquals("order-1", order.payload().orderId());
            assertEquals("orders.v1", order.topic());

            ConfirmationsV1Producer confirmationProducer = service.confirmationsV1Producer();
            confirmationProducer
                    .confirmOrder(new com.acme.run.service.model.OrderConfirmed(order.payload().orderId(), true))
                    .get(30, TimeUnit.SECONDS);

            ReceivedMessage<Void, com.acme.run.client.model.OrderConfirmed, Void> confirmation =
                    confirmations.poll(60, TimeUnit.SECONDS);
            assertNotNull(confirmation, "the client received no confirmation within 60 s");
            assertEquals(new com.acme.run.client.model.OrderConfirmed("order-1", true), confirmation.payload());
        }
    }

    @Test
    void theGeneratedProducerRefusesAPayloadThatBreaksTheContract() {
        try (com.acme.run.client.kafka.OrderIntakeKafka client =
                com.acme.run.client.kafka.OrderIntakeKafka.connect(KAFKA.bootstrapServers())) {
            // minLength: 1 in the contract; validated before anything is sent.
            Exception e = assertThrows(Exception.class, () -> client.ordersV1Producer()
                    .placeOrder(new com.acme.run.client.model.OrderPlaced(""))
                    .get(30, TimeUnit.SECONDS));
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            assertEquals(ContractViolationException.class, cause.getClass(), String.valueOf(cause));
        }
    }
}
