package io.asyncapikafka.compat;

import io.asyncapikafka.model.SourceLocation;
import java.util.Objects;

/**
 * One contract change and what it does to running readers.
 *
 * @param rule the rule it falls under
 * @param severity the verdict for the channel's mode
 * @param mode the mode the change was judged in (the channel's, or {@link CompatMode#FULL} for servers and security)
 * @param breaks which readers the change breaks, whatever the mode
 * @param channel the channel's name (the new one when both exist), or {@code null} for servers and security schemes
 * @param message what changed, one sentence
 * @param oldLocation where in the baseline (for an addition: the enclosing node); {@link SourceLocation#UNKNOWN} if none
 * @param newLocation where in the new contract (for a removal: the enclosing node); {@link SourceLocation#UNKNOWN} if none
 * @param baseline which baseline this was compared with (its label, e.g. {@code git:v1.2.0})
 */
public record Finding(
        Rule rule,
        Severity severity,
        CompatMode mode,
        Breaks breaks,
        String channel,
        String message,
        SourceLocation oldLocation,
        SourceLocation newLocation,
        String baseline) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(breaks, "breaks");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(oldLocation, "oldLocation");
        Objects.requireNonNull(newLocation, "newLocation");
        Objects.requireNonNull(baseline, "baseline");
    }

    public boolean isBreaking() {
        return severity == Severity.BREAKING;
    }

    /** The pointer an acknowledgement names: the new document's, else (nothing left there) the old one's. */
    public String pointer() {
        return newLocation.pointer().isEmpty() ? oldLocation.pointer() : newLocation.pointer();
    }

    /**
     * {@code new.yaml:12:7: TYPE_CHANGED BREAKING message (hint) #/pointer [was old.yaml:10:7 #/pointer]}: one
     * clickable line for build logs.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        String where = where(newLocation);
        if (!where.isEmpty()) {
            sb.append(where).append(": ");
        }
        sb.append(rule.id()).append(' ').append(severity).append(' ').append(message);
        if (severity != Severity.SAFE && !rule.hint().isEmpty()) {
            sb.append(" (").append(rule.hint()).append(')');
        }
        if (!newLocation.file().isEmpty() || !newLocation.pointer().isEmpty()) {
            sb.append(" #").append(newLocation.pointer()); // "#" alone: the root of that file
        }
        String old = where(oldLocation);
        if (!old.isEmpty() || !oldLocation.pointer().isEmpty()) {
            sb.append(" [was ").append(baseline.isEmpty() ? "" : baseline + " ").append(old);
            sb.append(old.isEmpty() ? "#" : " #").append(oldLocation.pointer());
            sb.append(']');
        }
        return sb.toString();
    }

    private static String where(SourceLocation l) {
        return l.line() > 0 ? l.file() + ":" + l.line() + ":" + l.column() : l.file();
    }
}
