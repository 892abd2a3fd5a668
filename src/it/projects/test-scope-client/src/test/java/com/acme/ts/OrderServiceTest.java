package com.acme.ts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.acme.ts.api.kafka.OrderIntakeKafka;
import com.acme.ts.api.model.OrderPlaced;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.testkit.Handled;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import io.asyncapikafka.testkit.Published;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The receive side tested through the other side's producer, which exists in the test sources only. */
class OrderServiceTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void anOrderPublishedByTheClientIsHandledAndConfirmed() {
        try (OrderIntakeKafka service = OrderIntakeKafka.connect(KAFKA.bootstrapServers());
                com.acme.ts.client.kafka.OrderIntakeKafka client =
                        com.acme.ts.client.kafka.OrderIntakeKafka.connect(KAFKA.bootstrapServers())) {
            service.provisionTopics();
            OrderService orders = new OrderService(service);
            Handled<ReceivedMessage<Void, OrderPlaced, Void>> placed = Handled.around(orders::placeOrder);
            service.placeOrder(placed::handle);
            Handled<ReceivedMessage<Void, com.acme.ts.client.model.OrderConfirmed, Void>> confirmed =
                    Handled.create();
            client.confirmOrder(confirmed::handle);
            service.start();
            client.start();

            Published.await(client.ordersV1Producer().placeOrder(new com.acme.ts.client.model.OrderPlaced("o-1")));

            assertEquals("o-1", placed.awaitOne().payload().orderId());
            assertEquals(new com.acme.ts.client.model.OrderConfirmed("o-1", true), confirmed.awaitOne().payload());
        }
    }

    @Test
    void theClientsProducerStillEnforcesTheContract() {
        try (com.acme.ts.client.kafka.OrderIntakeKafka client =
                com.acme.ts.client.kafka.OrderIntakeKafka.connect(KAFKA.bootstrapServers())) {
            assertThrows(ContractViolationException.class, () -> Published.await(
                    client.ordersV1Producer().placeOrder(new com.acme.ts.client.model.OrderPlaced(""))));
        }
    }
}
