package io.asyncapikafka.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes a contract message in a test and waits until the broker acknowledged it. The message is sent by a
 * generated producer (for a service that receives it, the producer of the contract's other side, generated into the
 * test sources with the {@code generate-test} goal and {@code role=client}), so it is validated and encoded exactly
 * as the contract says:
 *
 * <pre>{@code
 * RecordMetadata where = Published.await(client.ordersV1Producer().placeOrder(new OrderPlaced("o-1")));
 * }</pre>
 *
 * A send the producer refused (for example a {@code ContractViolationException}) or the broker failed is rethrown as
 * it is, not wrapped in an {@link ExecutionException}, so a test can assert on it directly.
 */
public final class Published {

    private Published() {}

    /** Waits up to {@link Handled#DEFAULT_TIMEOUT} for the acknowledgement and returns it. */
    public static <T> T await(Future<T> send) {
        return await(send, Handled.DEFAULT_TIMEOUT);
    }

    /** Waits up to {@code timeout} for the acknowledgement and returns it. */
    public static <T> T await(Future<T> send, Duration timeout) {
        Objects.requireNonNull(send, "send");
        try {
            return send.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("publishing failed: " + cause, cause);
        } catch (TimeoutException e) {
            send.cancel(false);
            throw new AssertionError("the broker did not acknowledge the message within " + timeout.toMillis()
                    + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the broker's acknowledgement", e);
        }
    }
}
