package io.asyncapikafka.model;

import java.util.Objects;

/**
 * One problem found in a contract: a stable code (e.g. {@code AKM012}), a severity, what is wrong, where, and a
 * one-sentence hint on how to fix it.
 */
public record Diagnostic(String code, Severity severity, String message, String hint, SourceLocation location) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(location, "location");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: CODE message (hint) #pointer}: one clickable line for build logs. */
    public String format() {
        SourceLocation l = location;
        String where = l.line() > 0 ? l.file() + ":" + l.line() + ":" + l.column() : l.file();
        StringBuilder sb = new StringBuilder();
        if (!where.isEmpty()) {
            sb.append(where).append(": ");
        }
        sb.append(severity == Severity.ERROR ? "error " : "warning ").append(code).append(' ').append(message);
        if (!hint.isEmpty()) {
            sb.append(" (").append(hint).append(')');
        }
        if (!l.pointer().isEmpty()) {
            sb.append(" #").append(l.pointer());
        }
        return sb.toString();
    }
}
