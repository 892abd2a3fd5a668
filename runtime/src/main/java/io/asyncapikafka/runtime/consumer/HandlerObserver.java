package io.asyncapikafka.runtime.consumer;

import java.time.Duration;

/**
 * Watches handler calls, for tracing: {@link #starting} is called on the handler thread just before the handler runs,
 * the returned {@link Observation}'s {@link Observation#open() scope} is open on that thread while the handler runs
 * (so what the handler does, sends included, happens in the observation's context), and the observation is told what
 * became of the attempt (retried, dead-lettered) before it {@linkplain Observation#end ends}. Records that never reach
 * a handler (undecodable, contract violations, duplicates) are not observed here; {@link ConsumerMetrics} counts them.
 * Implementations must be thread-safe; the runtime calls every method on the handler thread. The OpenTelemetry module
 * implements it.
 */
public interface HandlerObserver {

    /** A handler is about to run {@code message}; {@code group} is the consumer group. */
    Observation starting(ReceivedMessage<?, ?, ?> message, String group);

    /** The observer that observes nothing. */
    static HandlerObserver noop() {
        return (message, group) -> Observation.NOOP;
    }

    /** One handler attempt. Every method has a no-op default. */
    interface Observation {

        /** Observes nothing. */
        Observation NOOP = new Observation() {};

        /** Makes this observation's context current on the calling thread until the scope is closed. */
        default Scope open() {
            return Scope.NOOP;
        }

        /** The attempt failed and the record is tried again: in place after {@code backoff}, or via the retry topic. */
        default void retrying(int attempt, Duration backoff, String retryTopic, Throwable error) {}

        /** The record goes to the dead-letter topic {@code topic} for {@code reason}. */
        default void deadLettering(String topic, DeadLetterReason reason, Throwable error) {}

        /** The attempt is over; {@code error} is what the handler threw, {@code null} when it succeeded. */
        default void end(Throwable error) {}
    }

    /** What {@link Observation#open()} returns; closing it does not throw. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        Scope NOOP = () -> {};

        @Override
        void close();
    }
}
