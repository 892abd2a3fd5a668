package io.asyncapikafka.benchmarks.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Hand-written mirror of the generated enum for {@code OrderPlaced.status} (wire values, strict parsing). */
public enum OrderStatus {
    NEW("NEW"),
    PAID("PAID"),
    SHIPPED("SHIPPED"),
    CANCELLED("CANCELLED");

    private final String value;

    OrderStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static OrderStatus fromValue(String value) {
        for (OrderStatus candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown OrderStatus value \"" + value
                + "\"; expected one of [NEW, PAID, SHIPPED, CANCELLED]");
    }

    @Override
    public String toString() {
        return value;
    }
}
