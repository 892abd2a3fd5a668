package io.asyncapikafka.examples.orders.billing;

import io.asyncapikafka.examples.orders.charges.kafka.BillingV1Producer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersConsumer;
import io.asyncapikafka.examples.orders.charges.kafka.ChargeOrdersHandler;
import io.asyncapikafka.examples.orders.charges.model.OrderCharged;
import io.asyncapikafka.examples.orders.charges.model.OrderCreated;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.runtime.consumer.ExactlyOnce;
import java.util.Objects;

/**
 * Billing's consume-transform-produce pipeline ({@code charges.asyncapi.yaml}): one {@code OrderCharged} on
 * {@code billing.v1} for each {@code OrderCreated} on {@code orders.v1}. The contract marks the operation
 * {@code x-asyncapi-kafka-exactly-once}, so the generated runner takes an {@link ExactlyOnce}: each order's charge
 * and the order's offset commit in one Kafka transaction, and a {@code read_committed} reader of {@code billing.v1}
 * sees one charge per order even when billing crashes mid-transaction.
 */
public final class ChargePipeline implements AutoCloseable {

    private final ConsumerRunner runner;

    private ChargePipeline(ConsumerRunner runner) {
        this.runner = runner;
    }

    /** The handler: all a user writes. It sends through the facade it is given and returns. */
    public static ChargeOrdersHandler handler(BillingV1Producer billing) {
        Objects.requireNonNull(billing, "billing");
        return m -> {
            OrderCreated order = m.payload();
            billing.publishOrderCharged(new OrderCharged(order.orderId(), order.customerId(), order.total()));
        };
    }

    /** Starts the pipeline on a cluster; its group is {@link ChargeOrdersConsumer#GROUP_ID}. */
    public static ChargePipeline start(KafkaClientConfig config) {
        ExactlyOnce eos = ChargeOrdersConsumer.exactlyOnce(config).source("urn:orders-eda:billing").build();
        BillingV1Producer billing = new BillingV1Producer(eos.producer()); // sends join the order's transaction
        return new ChargePipeline(ChargeOrdersConsumer.runner(config, eos, handler(billing)).build().start());
    }

    /** The runner, for health and for the demo's crash ({@link ConsumerRunner#halt()}). */
    public ConsumerRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        runner.close();
    }
}
