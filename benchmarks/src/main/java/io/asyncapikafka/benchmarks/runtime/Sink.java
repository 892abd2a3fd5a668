package io.asyncapikafka.benchmarks.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both contenders' handlers do per record: note the latency from the send time carried in the record and count.
 * Safe for concurrent handler threads (each writes its own slot).
 */
final class Sink {

    private final int expected;
    private final long[] latencies;
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long finishedAt;

    Sink(int expected) {
        this.expected = expected;
        this.latencies = new long[expected];
    }

    void handled(long sentAtNanos) {
        long now = System.nanoTime();
        int i = count.getAndIncrement();
        if (i < latencies.length) {
            latencies[i] = now - sentAtNanos;
        }
        if (i + 1 == expected) {
            finishedAt = now;
            done.countDown();
        }
    }

    /** Waits for every expected record; {@code false} on timeout. */
    boolean await(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    int count() {
        return count.get();
    }

    /** {@link System#nanoTime()} when the last expected record was handled. */
    long finishedAt() {
        return finishedAt;
    }

    /** The latencies recorded so far (call after {@link #await}); the array is sorted by the percentile calls. */
    long[] latencies() {
        return latencies;
    }

    int recorded() {
        return Math.min(count.get(), latencies.length);
    }
}
