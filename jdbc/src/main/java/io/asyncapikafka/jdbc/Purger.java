package io.asyncapikafka.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention running on a daemon thread of its own (never a consumer thread): one purge every period, a failure logged
 * as one WARN line and tried again next period. {@link #close} stops it.
 */
public final class Purger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Purger.class);

    private final ScheduledExecutorService executor;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private Purger(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static Purger start(LongSupplier purge, String table, Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive but was " + every);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "asyncapi-kafka-purger-" + table);
            t.setDaemon(true);
            return t;
        });
        Purger purger = new Purger(executor);
        executor.scheduleWithFixedDelay(() -> {
            try {
                purger.deleted.addAndGet(purge.getAsLong());
            } catch (RuntimeException e) {
                purger.failures.incrementAndGet();
                LOG.warn("purging {} failed, trying again in {} ms: {}", table, every.toMillis(), e.toString());
            } finally {
                purger.runs.incrementAndGet();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return purger;
    }

    /** Rows deleted so far. */
    public long deleted() {
        return deleted.get();
    }

    /** Purges run so far (successful or not). */
    public long runs() {
        return runs.get();
    }

    /** Purges that failed so far. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
