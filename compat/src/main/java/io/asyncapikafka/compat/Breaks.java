package io.asyncapikafka.compat;

/**
 * Which reader a change breaks: {@link #BACKWARD} the new contract cannot read what the old one allowed (old
 * producers, old records on the topic); {@link #FORWARD} the old contract cannot read what the new one allows (old
 * consumers); {@link #BOTH}; {@link #NEITHER}.
 */
public enum Breaks {
    BACKWARD,
    FORWARD,
    BOTH,
    NEITHER;

    static Breaks of(boolean backward, boolean forward) {
        return backward ? (forward ? BOTH : BACKWARD) : (forward ? FORWARD : NEITHER);
    }

    boolean backward() {
        return this == BACKWARD || this == BOTH;
    }

    boolean forward() {
        return this == FORWARD || this == BOTH;
    }

    /** Whether a change breaking these readers breaks a channel checked in {@code mode}. */
    boolean breaks(CompatMode mode) {
        return (backward() && mode.checksBackward()) || (forward() && mode.checksForward());
    }
}
