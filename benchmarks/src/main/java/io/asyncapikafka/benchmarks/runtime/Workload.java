package io.asyncapikafka.benchmarks.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.asyncapikafka.benchmarks.order.model.OrderLine;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedStatus;
import io.asyncapikafka.runtime.json.Json;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The payloads both contenders send: a fixed pool of varied orders (1–5 lines each) of the {@code OrderPlaced} type
 * generated from {@code src/main/asyncapi/order-placed.asyncapi.yaml}, built once. The raw contender sends their JSON
 * text, prebuilt with the runtime's own mapper so the bytes are the ones the typed side produces; the typed contender
 * sends the objects, each with a fresh event id (deduplication would otherwise skip repeats).
 */
final class Workload {

    /** Header both contenders use for the send time; the typed side writes it through the generated headers record. */
    static final String SENT_AT = "sentAt";
    static final String TENANT = "acme";

    private final OrderPlaced[] orders;
    private final String[] json;

    private Workload(OrderPlaced[] orders, String[] json) {
        this.orders = orders;
        this.json = json;
    }

    static Workload create(int size) {
        return create(size, 0);
    }

    /**
     * As {@link #create(int)}, with every payload's JSON grown to about {@code targetJsonBytes} (0: as generated, ~330
     * bytes): more order lines (at most the contract's 100) and the first line's SKU padded to the size.
     */
    static Workload create(int size, int targetJsonBytes) {
        SplittableRandom random = new SplittableRandom(42); // fixed seed: the same payloads in every run
        OrderPlacedStatus[] statuses = OrderPlacedStatus.values();
        String[] currencies = {"EUR", "USD", "GBP", "CHF"};
        OrderPlaced[] orders = new OrderPlaced[size];
        String[] json = new String[size];
        OffsetDateTime base = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < size; i++) {
            List<OrderLine> lines = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            int count = targetJsonBytes > 0 ? Math.min(100, Math.max(1, targetJsonBytes / 120))
                    : 1 + random.nextInt(5);
            for (int l = 0; l < count; l++) {
                BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
                int qty = 1 + random.nextInt(9);
                lines.add(new OrderLine("SKU-" + (10_000 + random.nextInt(90_000)), qty, price));
                total = total.add(price.multiply(BigDecimal.valueOf(qty)));
            }
            orders[i] = new OrderPlaced(new UUID(random.nextLong(), random.nextLong()),
                    base.plusSeconds(random.nextInt(86_400)), String.format("ORD-%08d", i),
                    "customer-" + random.nextInt(100_000), statuses[random.nextInt(statuses.length)],
                    currencies[random.nextInt(currencies.length)], total, lines);
            if (targetJsonBytes > 0) {
                orders[i] = padded(orders[i], targetJsonBytes);
            }
            if (!orders[i].validate().isEmpty()) {
                throw new IllegalStateException("benchmark payload is invalid: " + orders[i].validate());
            }
            try {
                json[i] = Json.mapper().writeValueAsString(orders[i]);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Workload(orders, json);
    }

    private static OrderPlaced padded(OrderPlaced order, int targetJsonBytes) {
        int missing;
        try {
            missing = targetJsonBytes - Json.mapper().writeValueAsBytes(order).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (missing <= 0) {
            return order;
        }
        List<OrderLine> lines = new ArrayList<>(order.lines());
        OrderLine first = lines.get(0);
        lines.set(0, new OrderLine(first.sku() + "-" + "x".repeat(Math.max(0, missing - 1)), first.qty(), first.price()));
        return new OrderPlaced(order.eventId(), order.occurredAt(), order.orderId(), order.customerId(), order.status(),
                order.currency(), order.total(), List.copyOf(lines));
    }

    /**
     * A copy of {@code order} with another event id: how the benchmark makes every sent event unique without
     * rebuilding its lines (the generated record copies them with {@code List.copyOf}, a no-op on this immutable list).
     */
    static OrderPlaced withEventId(OrderPlaced order, UUID id) {
        return new OrderPlaced(id, order.occurredAt(), order.orderId(), order.customerId(), order.status(),
                order.currency(), order.total(), order.lines());
    }

    int size() {
        return orders.length;
    }

    OrderPlaced order(int i) {
        return orders[i % orders.length];
    }

    String json(int i) {
        return json[i % json.length];
    }

    String key(int i) {
        return orders[i % orders.length].orderId();
    }

    /** Mean JSON size of the payloads, bytes. */
    double meanJsonBytes() {
        long sum = 0;
        for (String s : json) {
            sum += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return (double) sum / json.length;
    }
}
