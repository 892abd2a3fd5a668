package io.asyncapikafka.runtime;

import java.util.Objects;

/**
 * One broken constraint of a payload, key or headers value.
 *
 * @param path the JSON path of the offending value, e.g. {@code $.items[2].qty}
 * @param message what is wrong, e.g. {@code must be >= 1 but was 0}
 */
public record Violation(String path, String message) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
