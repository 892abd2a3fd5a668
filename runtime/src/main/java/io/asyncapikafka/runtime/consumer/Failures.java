package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.StoreUnavailableException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/** How the processing classifies a {@link Throwable}: fatal to the runner, an interrupt, or an ordinary failure. */
final class Failures {

    private Failures() {}

    /**
     * Whether {@code t} means the JVM cannot be trusted to go on: a {@link VirtualMachineError} ({@code OutOfMemoryError},
     * {@code InternalError}, {@code UnknownError}). {@link StackOverflowError} is the exception: it is thrown in the
     * handler's own frames, which are unwound by the time it is caught, so the thread and the JVM are fine; it is a
     * handler failure like any other (retried, then dead-lettered), which is what a recursion bug on one payload needs.
     */
    static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /**
     * Whether {@code t} (thrown on the current thread) came from an interrupt: the thread's interrupt flag is set, or
     * the cause chain holds an {@link InterruptedException}, {@link ClosedByInterruptException} or an
     * {@link InterruptedIOException} other than a socket timeout. Handler threads are interrupted only when the runner
     * stops or gives the partition up, so such an attempt is abandoned, not failed.
     */
    static boolean isInterrupt(Throwable t) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        return anyCause(t, c -> c instanceof InterruptedException || c instanceof ClosedByInterruptException
                || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException)));
    }

    /** Whether the cause chain of {@code t} holds a {@link StoreUnavailableException}: an outage, not a failure. */
    static boolean isStoreUnavailable(Throwable t) {
        return anyCause(t, c -> c instanceof StoreUnavailableException);
    }

    /** Whether {@code t} or one of its causes (at most 100 deep, a cause loop ends the walk) satisfies {@code test}. */
    static boolean anyCause(Throwable t, java.util.function.Predicate<Throwable> test) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 100; depth++) {
            if (test.test(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
            c = c.getCause();
        }
        return false;
    }

    /**
     * The {@link Outcome.Abandoned} of an interrupted attempt; sets the interrupt flag again (it is cleared when an
     * {@code InterruptedException} is thrown), so whoever runs the handler thread sees that it was interrupted.
     */
    static Outcome.Abandoned abandoned(Throwable cause) {
        Thread.currentThread().interrupt();
        return new Outcome.Abandoned(cause);
    }
}
