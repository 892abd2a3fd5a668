package io.asyncapikafka.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated value that can check its contract constraints. The runtime calls {@link #validate()} before sending and
 * after receiving; a non-empty result is a contract violation.
 */
public interface Validatable {

    /** Every broken constraint of this value and the values it contains, each with its JSON path; empty when valid. */
    default List<Violation> validate() {
        List<Violation> out = new ArrayList<>();
        validate("$", out);
        return List.copyOf(out);
    }

    /** Adds the violations of this value, found at {@code path}, to {@code out}. */
    void validate(String path, List<Violation> out);
}
