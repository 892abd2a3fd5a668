package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded {@link ProcessedEventStore} in memory: keeps at most {@code maxEntries} ids (least recently used evicted
 * first) for at most {@code ttl} each. Protects against redelivery after rebalances and consumer restarts within
 * the same process; size the bound above the number of events a partition can re-deliver.
 */
public final class InMemoryProcessedEventStore implements ProcessedEventStore {

    /** Default bound: enough for redelivery windows of typical services. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Default time to live. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;
    private final LinkedHashMap<String, Long> markedAt;

    private InMemoryProcessedEventStore(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
        // access order: a looked-up id counts as recently used
        this.markedAt = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > InMemoryProcessedEventStore.this.maxEntries;
            }
        };
    }

    /** A store with {@link #DEFAULT_MAX_ENTRIES} and {@link #DEFAULT_TTL}. */
    public static InMemoryProcessedEventStore create() {
        return create(DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
    }

    /** A store with the given bounds. */
    public static InMemoryProcessedEventStore create(int maxEntries, Duration ttl) {
        return create(maxEntries, ttl, Clock.systemUTC());
    }

    /** A store with the given bounds and clock (for tests of expiry). */
    public static InMemoryProcessedEventStore create(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
        }
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl);
        }
        return new InMemoryProcessedEventStore(maxEntries, ttl, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public synchronized boolean isProcessed(String id) {
        Long at = markedAt.get(Objects.requireNonNull(id, "id"));
        if (at == null) {
            return false;
        }
        if (clock.millis() - at >= ttlMillis) {
            markedAt.remove(id);
            return false;
        }
        return true;
    }

    @Override
    public synchronized void markProcessed(String id) {
        markedAt.put(Objects.requireNonNull(id, "id"), clock.millis());
    }

    /** Number of ids held (expired ones included until looked up or evicted). */
    public synchronized int size() {
        return markedAt.size();
    }
}
