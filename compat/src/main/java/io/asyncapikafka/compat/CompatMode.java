package io.asyncapikafka.compat;

import java.util.Locale;

/**
 * Which readers must keep working, in the schema registry's terms. {@link #BACKWARD}: the new contract reads everything
 * the old one allowed (consumers upgrade first; the default for what the application receives). {@link #FORWARD}: the
 * old contract reads everything the new one allows (producers upgrade first; the default for what it sends).
 * {@link #FULL}: both (a channel the project both sends and receives). {@link #NONE}: changes are listed, never
 * breaking. The {@code _TRANSITIVE} forms check against every baseline given, the others against the newest only.
 */
public enum CompatMode {
    BACKWARD,
    FORWARD,
    FULL,
    NONE,
    BACKWARD_TRANSITIVE,
    FORWARD_TRANSITIVE,
    FULL_TRANSITIVE,
    NONE_TRANSITIVE;

    /** Whether the new contract must read what the old one allowed. */
    public boolean checksBackward() {
        return this == BACKWARD || this == FULL || this == BACKWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    /** Whether the old contract must read what the new one allows. */
    public boolean checksForward() {
        return this == FORWARD || this == FULL || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    public boolean isNone() {
        return this == NONE || this == NONE_TRANSITIVE;
    }

    public boolean isTransitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** This mode checked against every baseline. */
    public CompatMode transitive() {
        return isTransitive() ? this : valueOf(name() + "_TRANSITIVE");
    }

    /**
     * The mode named {@code text} ({@code backward}, {@code FULL_TRANSITIVE}, case-insensitive, {@code -} for
     * {@code _}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CompatMode parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (CompatMode m : values()) {
            if (m.name().equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown compatibility mode '" + text
                + "'; use BACKWARD, FORWARD, FULL or NONE, each optionally with _TRANSITIVE");
    }
}
