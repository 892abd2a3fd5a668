package io.asyncapikafka.compat;

import io.asyncapikafka.model.SourceLocation;
import java.util.List;

/** Turns changes into findings for one scope (a channel or message in its mode, against one baseline). */
final class Judge {

    private final List<Finding> out;
    private final String baseline;
    private final String channel;
    private final CompatMode mode;

    Judge(List<Finding> out, String baseline, String channel, CompatMode mode) {
        this.out = out;
        this.baseline = baseline;
        this.channel = channel;
        this.mode = mode;
    }

    CompatMode mode() {
        return mode;
    }

    /** The same scope judged in another mode (a message with its own {@code x-compatibility}). */
    Judge withMode(CompatMode m) {
        return new Judge(out, baseline, channel, m);
    }

    /** A change whose verdict depends on which readers the mode protects. */
    void directional(Rule rule, Breaks breaks, String message, SourceLocation old, SourceLocation now) {
        Severity severity = !mode.isNone() && breaks.breaks(mode) ? Severity.BREAKING : Severity.SAFE;
        add(rule, severity, breaks, message, old, now);
    }

    /** A change with the rule's own severity (safe when the mode is {@code NONE}). */
    void fixed(Rule rule, String message, SourceLocation old, SourceLocation now) {
        Severity severity = mode.isNone() ? Severity.SAFE : rule.fixedSeverity();
        Breaks breaks = rule.fixedSeverity() == Severity.BREAKING ? Breaks.BOTH : Breaks.NEITHER;
        add(rule, severity, breaks, message, old, now);
    }

    /** A change that is safe here, whatever the rule's own severity. */
    void safe(Rule rule, String message, SourceLocation old, SourceLocation now) {
        add(rule, Severity.SAFE, Breaks.NEITHER, message, old, now);
    }

    private void add(Rule rule, Severity severity, Breaks breaks, String message, SourceLocation old,
            SourceLocation now) {
        out.add(new Finding(rule, severity, mode, breaks, channel, message, loc(old), loc(now), baseline));
    }

    private static SourceLocation loc(SourceLocation l) {
        return l == null ? SourceLocation.UNKNOWN : l;
    }
}
