package io.asyncapikafka.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records what a handler was called with, so a test can wait for it. Register its {@link #handle} as the handler (a
 * generated handler interface has one method taking the received message, so a method reference fits):
 *
 * <pre>{@code
 * Handled<ReceivedMessage<Void, OrderPlaced, Void>> orders = Handled.create();
 * service.placeOrder(orders::handle);
 * ...
 * ReceivedMessage<Void, OrderPlaced, Void> order = orders.awaitOne();
 * }</pre>
 *
 * Or wrap the real handler with {@link #around}: a call is recorded when the handler has returned (so waiting for it
 * means waiting until the handler is done), and a call that threw is counted in {@link #failures()} and rethrown, so
 * the runtime's retry and dead-letter handling sees it as before.
 *
 * @param <M> the message type the handler receives
 */
public final class Handled<M> {

    /** How long the {@code await} methods without a timeout wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<? super M> delegate;
    private final List<M> handled = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private Handled(Consumer<? super M> delegate) {
        this.delegate = delegate;
    }

    /** Records every message and does nothing else. */
    public static <M> Handled<M> create() {
        return new Handled<>(m -> { });
    }

    /** Calls {@code handler} for every message and records those it handled without throwing. */
    public static <M> Handled<M> around(Consumer<? super M> handler) {
        return new Handled<>(Objects.requireNonNull(handler, "handler"));
    }

    /** The handler method to register (called by the runtime's handler threads). */
    public void handle(M message) {
        try {
            delegate.accept(message);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                failures.add(e);
                notifyAll();
            }
            throw e;
        }
        synchronized (this) {
            handled.add(message);
            notifyAll();
        }
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for the first message and returns it. */
    public M awaitOne() {
        return await(1, DEFAULT_TIMEOUT).get(0);
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code count} messages were handled; returns the first ones. */
    public List<M> await(int count) {
        return await(count, DEFAULT_TIMEOUT);
    }

    /**
     * Waits until {@code count} messages were handled and returns the first {@code count} in the order they were
     * handled; fails with an {@link AssertionError} saying how many arrived (and how many calls threw) if they did not
     * within {@code timeout}.
     */
    public synchronized List<M> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (handled.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " handled message" + (count == 1 ? "" : "s")
                            + " within " + timeout.toMillis() + " ms, got " + handled.size()
                            + (failures.isEmpty() ? "" : " (and " + failures.size() + " call(s) that threw, the last: "
                                    + failures.get(failures.size() - 1) + ")"));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the handler", e);
        }
        return List.copyOf(handled.subList(0, count));
    }

    /** The messages handled so far, in order. */
    public synchronized List<M> messages() {
        return List.copyOf(handled);
    }

    /** What the wrapped handler threw so far, in order. */
    public synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }
}
