package com.acme.ts;

import com.acme.ts.api.kafka.OrderIntakeKafka;
import com.acme.ts.api.model.OrderConfirmed;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import com.acme.ts.api.model.OrderPlaced;

/** The service: confirms every order it receives. Uses only its own generated side. */
public final class OrderService {

    private final OrderIntakeKafka kafka;

    public OrderService(OrderIntakeKafka kafka) {
        this.kafka = kafka;
    }

    public void placeOrder(ReceivedMessage<Void, OrderPlaced, Void> order) {
        kafka.confirmationsV1Producer().confirmOrder(new OrderConfirmed(order.payload().orderId(), true)).join();
    }
}
