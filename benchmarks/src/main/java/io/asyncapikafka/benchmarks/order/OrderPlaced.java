package io.asyncapikafka.benchmarks.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Hand-written mirror of what codegen-core generates for {@code OrderPlaced} in {@code order-placed.asyncapi.yaml}:
 * eight members, a nested list, an enum, patterns, lengths and bounds, with the generator's exact {@code validate}
 * body, so the runtime benchmark pays what a generated payload costs. Replace with the generated type once the
 * generated Kafka API (producers, consumers, message types) is in main.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlaced(UUID eventId, OffsetDateTime occurredAt, String orderId, String customerId,
        OrderStatus status, String currency, BigDecimal total, List<OrderLine> lines) implements Validatable {

    private static final Pattern ORDER_ID_PATTERN = Pattern.compile("^ORD-[0-9]{8}$");
    private static final Pattern CURRENCY_PATTERN = Pattern.compile("^[A-Z]{3}$");

    public OrderPlaced {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(lines, "lines");
        lines = List.copyOf(lines);
    }

    /** A copy with another event id: how the benchmark makes every sent event unique without rebuilding it. */
    public OrderPlaced withEventId(UUID id) {
        return new OrderPlaced(id, occurredAt, orderId, customerId, status, currency, total, lines);
    }

    @Override
    public void validate(String path, List<Violation> out) {
        if (this.orderId != null) {
            if (!ORDER_ID_PATTERN.matcher(this.orderId).find()) {
                out.add(new Violation(path + ".orderId", "must match pattern ^ORD-[0-9]{8}$"));
            }
        }
        if (this.customerId != null) {
            if (this.customerId.codePointCount(0, this.customerId.length()) < 1) {
                out.add(new Violation(path + ".customerId", "length must be >= 1 but was "
                        + this.customerId.codePointCount(0, this.customerId.length())));
            }
            if (this.customerId.codePointCount(0, this.customerId.length()) > 40) {
                out.add(new Violation(path + ".customerId", "length must be <= 40 but was "
                        + this.customerId.codePointCount(0, this.customerId.length())));
            }
        }
        if (this.currency != null) {
            if (!CURRENCY_PATTERN.matcher(this.currency).find()) {
                out.add(new Violation(path + ".currency", "must match pattern ^[A-Z]{3}$"));
            }
        }
        if (this.total != null) {
            if (this.total.compareTo(new BigDecimal("0")) < 0) {
                out.add(new Violation(path + ".total", "must be >= 0 but was " + this.total));
            }
        }
        if (this.lines != null) {
            if (this.lines.size() < 1) {
                out.add(new Violation(path + ".lines", "must have at least 1 items but had " + this.lines.size()));
            }
            if (this.lines.size() > 100) {
                out.add(new Violation(path + ".lines", "must have at most 100 items but had " + this.lines.size()));
            }
            for (int i0 = 0; i0 < this.lines.size(); i0++) {
                OrderLine e0 = this.lines.get(i0);
                if (e0 != null) {
                    e0.validate(path + ".lines" + "[" + i0 + "]", out);
                }
            }
        }
    }
}
