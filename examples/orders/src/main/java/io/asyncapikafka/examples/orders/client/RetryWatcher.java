package io.asyncapikafka.examples.orders.client;

import io.asyncapikafka.examples.orders.client.kafka.ConsumeOrderCreatedRetryHandler;
import io.asyncapikafka.examples.orders.client.model.OrderCreated;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedHeaders;
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The order service's handler for {@code orders.retry.v1}, the channel the seed contract has it consume: it watches
 * which of its orders are stuck in billing's retries (a real service might flag them for support). It uses its own
 * consumer group, so it sees every retry without taking any away from billing.
 */
public final class RetryWatcher implements ConsumeOrderCreatedRetryHandler {

    /** An order seen on the retry topic, with its event id and the attempt number the record carries. */
    public record Sighting(String orderId, String eventId, String topic, int attempt) {}

    private final List<Sighting> sightings = new CopyOnWriteArrayList<>();

    @Override
    public void onOrderCreated(ReceivedMessage<Void, OrderCreated, OrderCreatedHeaders> message) {
        sightings.add(new Sighting(message.payload().orderId(), message.eventId(), message.topic(),
                message.attempt()));
    }

    /** What was seen so far. */
    public List<Sighting> sightings() {
        return List.copyOf(sightings);
    }
}
