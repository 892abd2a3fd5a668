package io.asyncapikafka.examples.orders;

import io.asyncapikafka.examples.orders.billing.BillingHandler;
import io.asyncapikafka.examples.orders.billing.PaymentGatewayTimeoutException;
import io.asyncapikafka.examples.orders.client.OrderService;
import io.asyncapikafka.examples.orders.client.RetryWatcher;
import io.asyncapikafka.examples.orders.client.kafka.OrdersEdaKafka;
import io.asyncapikafka.examples.orders.client.kafka.Topics;
import io.asyncapikafka.examples.orders.client.model.OrderCreated;
import io.asyncapikafka.examples.orders.client.model.OrderCreatedItem;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.TopicSpec;
import io.asyncapikafka.runtime.consumer.DeadLetterHeaders;
import io.asyncapikafka.runtime.consumer.InMemoryConsumerMetrics;
import io.asyncapikafka.runtime.consumer.RetryPolicy;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The demo's story, step by step: the order service (generated with {@code role=client}) publishes orders, billing
 * (generated with the default role) charges them; a re-sent event is deduplicated, an order whose payment keeps
 * timing out goes through in-place retries, {@code orders.retry.v1} and lands in {@code orders.dlq.v1}, and an
 * invalid order never leaves the producer. Each step waits for its outcome before printing, so consumer threads never
 * interleave with the story.
 */
final class OrdersStory {

    /** The customer whose payment gateway never answers in this demo. */
    static final String OFFLINE_CUSTOMER = "c-dan";

    /**
     * Short on purpose so the demo runs in seconds: 2 attempts per delivery 100 ms apart, one round through
     * {@code orders.retry.v1} due 300 ms later, then the DLQ. {@link RetryPolicy#defaults()} waits 30 s per round.
     */
    static final RetryPolicy DEMO_RETRIES = RetryPolicy.builder()
            .maxAttempts(2)
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(200))
            .retryTopicRounds(1)
            .retryTopicDelay(Duration.ofMillis(300))
            .build();

    private final KafkaClientConfig config;
    private final Duration stepTimeout;
    private final PrintStream out;

    OrdersStory(KafkaClientConfig config, Duration stepTimeout, PrintStream out) {
        this.config = config;
        this.stepTimeout = stepTimeout;
        this.out = out;
    }

    DemoOutcome play() {
        provisionTopics();
        InMemoryConsumerMetrics metrics = InMemoryConsumerMetrics.create();
        BillingHandler billing = new BillingHandler((customerId, amount) -> {
            if (customerId.equals(OFFLINE_CUSTOMER)) {
                throw new PaymentGatewayTimeoutException("payment gateway timed out for " + customerId);
            }
        });
        RetryWatcher watcher = new RetryWatcher();
        try (DemoObservability observability = new DemoObservability();
                var billingSide = io.asyncapikafka.examples.orders.billing.kafka.OrdersEdaKafka.connect(config);
                OrdersEdaKafka orderSide = OrdersEdaKafka.connect(config)) {
            billingSide.customizeConsumers(observability::billingConsumer);
            orderSide.customizeProducer(observability::orderServiceProducer)
                    .customizeConsumers(observability::orderServiceConsumer);
            billingSide.publishOrderCreated(billing, b -> b.metrics(observability.billingMetrics(metrics,
                    io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer.GROUP_ID))
                    .retryPolicy(DEMO_RETRIES));
            orderSide.consumeOrderCreatedRetry(watcher);
            billingSide.start();
            orderSide.start();
            OrderService service = new OrderService(orderSide.ordersV1Producer(), Clock.systemUTC());

            out.println();
            out.println("1. The order service publishes 4 orders on orders.v1 (OrdersV1Producer.publishOrderCreated):");
            List<OrderCreated> orders = List.of(
                    order(service, "o-1001", "c-ana", "25.00", "sku-book:1:25.00"),
                    order(service, "o-1002", "c-ben", "12.50", "sku-pen:5:2.50"),
                    order(service, "o-1003", "c-cleo", "99.90", "sku-lamp:1:89.90", "sku-bulb:2:5.00"),
                    order(service, "o-1004", OFFLINE_CUSTOMER, "40.00", "sku-mug:2:20.00"));
            for (OrderCreated o : orders) {
                RecordMetadata md = await(service.publish(o));
                out.printf(Locale.ROOT, "   %s  %-6s %6s  eventId %s  -> %s-%d@%d%n", o.orderId(), o.customerId(),
                        o.total(), o.eventId(), md.topic(), md.partition(), md.offset());
            }

            out.println();
            out.println("2. An order with total -5.00 is rejected by the producer before anything is sent:");
            String rejected = rejectInvalidOrder(service);
            out.println("   ContractViolationException " + rejected);

            out.println();
            out.println("3. Billing (PublishOrderCreatedHandler, group "
                    + io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer.GROUP_ID
                    + ") charges the orders:");
            List<String> fine = List.of("o-1001", "o-1002", "o-1003");
            waitFor("billing charges o-1001..o-1003",
                    () -> billing.charges().stream().map(BillingHandler.Charge::orderId).toList().containsAll(fine));
            billing.charges().forEach(c -> out.printf(Locale.ROOT, "   charged %s  %-6s %6s  (%s, attempt %d)%n",
                    c.orderId(), c.customerId(), c.total(), c.topic(), c.attempt()));

            out.println();
            OrderCreated again = orders.get(0);
            out.println("4. The order service publishes o-1001's event again (same eventId, as after a send timeout):");
            await(service.publish(again));
            waitFor("billing skips the duplicate", () -> metrics.deduplicated() >= 1);
            long charged = billing.charges().stream().filter(c -> c.orderId().equals(again.orderId())).count();
            out.printf(Locale.ROOT, "   billing skipped it: ce_id %s was processed already; o-1001 charged %d time(s)%n",
                    again.eventId(), charged);

            out.println();
            OrderCreated failing = orders.get(3);
            out.println("5. o-1004: the payment gateway of " + OFFLINE_CUSTOMER + " times out on every attempt:");
            waitFor("o-1004 is dead-lettered", () -> metrics.deadLettered() >= 1);
            String id = failing.eventId().toString();
            waitFor("the order service sees o-1004 on orders.retry.v1",
                    () -> watcher.sightings().stream().anyMatch(s -> s.eventId().equals(id)));
            List<String> attempts = new ArrayList<>();
            billing.failures().stream().filter(f -> f.orderId().equals(failing.orderId())).forEach(f -> {
                attempts.add(f.topic() + "#" + f.attempt());
                out.printf(Locale.ROOT, "   attempt %d on %-15s failed: %s%n", f.attempt(), f.topic(), f.error());
            });
            List<String> sightings = watcher.sightings().stream().filter(s -> s.eventId().equals(id))
                    .map(s -> s.topic() + "#" + s.attempt()).toList();
            out.println("   the order service's ConsumeOrderCreatedRetryHandler saw it on " + String.join(", ", sightings));
            DeadLetterReader.DeadLetter dead = DeadLetterReader.find(config, Topics.ORDERS_DLQ_V1.name(), id, stepTimeout);
            out.printf(Locale.ROOT, "   dead-lettered; read back from %s-%d@%d with these headers:%n", dead.topic(),
                    dead.partition(), dead.offset());
            dead.dlqHeaders().forEach((k, v) -> out.printf(Locale.ROOT, "     %-26s %s%n", k, shorten(k, v)));

            DemoOutcome outcome = new DemoOutcome(metrics.received(), metrics.processed(), metrics.deduplicated(),
                    metrics.retried(), metrics.deadLettered(), metrics.deadLettersByReason(),
                    billing.charges().stream().map(BillingHandler.Charge::orderId).toList(), attempts, sightings,
                    dead.topic(), dead.dlqHeaders(), rejected);
            printSummary(outcome);
            observability.print(out, io.asyncapikafka.examples.orders.billing.kafka.PublishOrderCreatedConsumer.GROUP_ID,
                    orders.get(0).orderId(), orders.get(0).eventId().toString());
            return outcome;
        }
    }

    private void provisionTopics() {
        TopicSetup.Result r = TopicSetup.provision(config, Topics.all());
        out.printf(Locale.ROOT, "Topics from the generated Topics class (partitions from the contract's bindings;"
                + " replicas capped at the %d broker(s) of this cluster):%n", r.brokers());
        for (TopicSpec t : r.topics()) {
            out.printf(Locale.ROOT, "   %-16s %2d partitions, replicas %s: %s%n", t.name(), t.partitions(),
                    t.replicas() < 0 ? "broker default" : String.valueOf(t.replicas()),
                    r.report().created().contains(t.name()) ? "created" : "exists");
        }
        r.report().mismatches().forEach(m -> out.println("   note: " + m));
    }

    private static OrderCreated order(OrderService service, String orderId, String customer, String total,
            String... items) {
        List<OrderCreatedItem> lines = new ArrayList<>();
        for (String item : items) {
            String[] p = item.split(":");
            lines.add(new OrderCreatedItem(p[0], Long.parseLong(p[1]), new BigDecimal(p[2])));
        }
        return service.newOrder(orderId, customer, new BigDecimal(total), lines);
    }

    private static String rejectInvalidOrder(OrderService service) {
        OrderCreated invalid = order(service, "o-1005", "c-eve", "-5.00", "sku-refund:1:5.00");
        try {
            service.publish(invalid);
        } catch (ContractViolationException e) {
            return e.violations().toString();
        }
        throw new IllegalStateException("the producer sent an order with a negative total");
    }

    private void printSummary(DemoOutcome o) {
        out.println();
        out.println("Summary (billing's consumer metrics, InMemoryConsumerMetrics):");
        out.printf(Locale.ROOT, "   received       %2d  records polled from orders.v1 and orders.retry.v1%n", o.received());
        out.printf(Locale.ROOT, "   processed      %2d  handler succeeded%n", o.processed());
        out.printf(Locale.ROOT, "   deduplicated   %2d  eventId seen before: skipped and committed%n", o.deduplicated());
        out.printf(Locale.ROOT, "   retried        %2d  failed attempts scheduled again (in place or via orders.retry.v1)%n",
                o.retried());
        out.printf(Locale.ROOT, "   dead-lettered  %2d  %s%n", o.deadLettered(), o.deadLettersByReason());
        out.println("   rejected before send: 1 (contract violation, never reached Kafka)");
    }

    /** The stack trace header is long; its first line says enough here. */
    private static String shorten(String header, String value) {
        if (header.equals(DeadLetterHeaders.EXCEPTION_STACKTRACE)) {
            int nl = value.indexOf('\n');
            return (nl < 0 ? value : value.substring(0, nl)) + " ... (" + value.getBytes(StandardCharsets.UTF_8).length
                    + " bytes)";
        }
        return value;
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("send did not complete within " + stepTimeout, e);
        }
    }

    private void waitFor(String step, BooleanSupplier done) {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("demo step '" + step + "' did not complete within " + stepTimeout);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for: " + step, e);
            }
        }
    }
}
