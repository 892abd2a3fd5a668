package io.asyncapikafka.runtime;

import java.util.List;
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

    /**
     * Puts {@code prefix} before the path of each violation of {@code out} from index {@code from} on: a nested value
     * validated with the path {@code ""} reports paths relative to itself, and its caller prefixes them only when
     * there are any (generated code).
     */
    public static void prefix(List<Violation> out, int from, String prefix) {
        for (int k = from; k < out.size(); k++) {
            Violation v = out.get(k);
            out.set(k, new Violation(prefix + v.path, v.message));
        }
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
