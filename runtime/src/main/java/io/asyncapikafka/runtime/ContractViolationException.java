package io.asyncapikafka.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** A value broke its contract: raised before a send, and for a received record that is then dead-lettered. */
public final class ContractViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public ContractViolationException(String what, List<Violation> violations) {
        super(what + " violates the contract: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
