package io.asyncapikafka.runtime.consumer;

/**
 * The error of an {@link Outcome.RetryInPlace} whose attempt never ran the handler: a {@link ProcessedEventStore}
 * call failed (the cause), or another attempt holds the record's claim. Uses up no handler attempt. No stack trace:
 * it is made often during an outage and says where it comes from.
 */
final class DeferredAttempt extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean storeFailure;

    private DeferredAttempt(String message, Throwable cause, boolean storeFailure) {
        super(message, cause, false, false);
        this.storeFailure = storeFailure;
    }

    static DeferredAttempt storeFailed(String what, Throwable cause) {
        return new DeferredAttempt(what + " failed: " + cause, cause, true);
    }

    static DeferredAttempt claimedElsewhere(String what) {
        return new DeferredAttempt(what + " is claimed by another attempt in progress", null, false);
    }

    /** {@code true} if a store call failed, {@code false} if the claim is held elsewhere. */
    boolean storeFailure() {
        return storeFailure;
    }
}
