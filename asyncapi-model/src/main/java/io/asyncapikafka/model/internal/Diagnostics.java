package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Severity;
import io.asyncapikafka.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics in the order they are found; {@code strict} turns warnings into errors. */
public final class Diagnostics {

    private final boolean strict;
    // A set so a node visited twice (a message shared by several operations) reports once.
    private final Set<Diagnostic> found = new LinkedHashSet<>();

    private Diagnostics(boolean strict) {
        this.strict = strict;
    }

    public static Diagnostics create(boolean strict) {
        return new Diagnostics(strict);
    }

    public void report(Code code, String message, SourceLocation location) {
        Severity severity = strict ? Severity.ERROR : code.severity();
        found.add(new Diagnostic(code.id(), severity, message, code.hint(),
                location == null ? SourceLocation.UNKNOWN : location));
    }

    /** With a hint that names what was seen, instead of the code's general one. */
    public void report(Code code, String message, String hint, Node at) {
        Severity severity = strict ? Severity.ERROR : code.severity();
        found.add(new Diagnostic(code.id(), severity, message, hint,
                at == null ? SourceLocation.UNKNOWN : at.location()));
    }

    public void report(Code code, String message, Node at) {
        report(code, message, at == null ? null : at.location());
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return List.copyOf(new ArrayList<>(found));
    }
}
