package io.asyncapikafka.runtime;

import java.util.Optional;

/**
 * The W3C {@code traceparent} of the message being handled on this thread. The consumer sets it around each handler
 * call; the producer adds it to records sent from within the handler unless they carry their own, so a trace follows
 * an event through services without a tracing library.
 */
public final class TraceContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    /**
     * Closes a scope opened with nothing in scope before. It sets {@code null} rather than removing the entry: a
     * handler thread opens a scope per record, and a removed entry makes the next {@code get()} create it again (the
     * thread-local map's insert and stale-slot scan, per record).
     */
    private static final Scope CLEAR = () -> CURRENT.set(null);

    private TraceContext() {}

    /** The traceparent in scope on this thread. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The traceparent in scope on this thread, or {@code null}; for per-record paths that avoid an Optional. */
    public static String currentOrNull() {
        return CURRENT.get();
    }

    /** Puts {@code traceparent} (may be {@code null}) in scope until the returned scope is closed. */
    public static Scope open(String traceparent) {
        String previous = CURRENT.get();
        if (traceparent != null) {
            CURRENT.set(traceparent);
        } else if (previous != null) {
            CURRENT.set(null);
        }
        if (previous == null) {
            return CLEAR; // the common case, a handler thread without a trace: no scope object per record
        }
        return () -> CURRENT.set(previous);
    }

    /** Ends a trace scope; does not throw. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
