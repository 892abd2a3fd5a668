package io.asyncapikafka.runtime.consumer;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded {@link ProcessedEventStore} in memory: keeps at most {@code maxEntries} processed ids (least recently
 * used evicted first) for at most {@code ttl} each, and the claims of attempts in progress (never evicted while their
 * {@code claimLease} runs). Protects against redelivery after rebalances and consumer restarts within the same
 * process, and makes a record and its own retry copy, or two deliveries of one event, run one after the other,
 * never both at once; size the bound above the number of events a partition can re-deliver. It forgets everything
 * when the process ends: after a crash, the work finished since the last commit runs again (use a durable store to
 * avoid that). Thread-safe; its calls never fail.
 */
public final class InMemoryProcessedEventStore implements ProcessedEventStore {

    /** Default bound: enough for redelivery windows of typical services. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;
    /** Default time to live of a processed id. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /**
     * Default lease of a claim: a claim neither completed nor released within it is taken over. In one process a
     * claim is always settled, so this only frees ids whose attempt was abandoned with the store unreachable.
     */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

    private final int maxEntries;
    private final long ttlMillis;
    private final long leaseMillis;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries;

    /** Identity of an id as the SPI defines it: business keys per message type, event ids across them. */
    private record Key(String groupId, DedupContext.Kind kind, String messageType, String id) {
        static Key of(DedupContext context, String id) {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(id, "id");
            String type = context.kind() == DedupContext.Kind.BUSINESS_KEY ? context.messageType() : "";
            return new Key(context.groupId(), context.kind(), type, id);
        }
    }

    /** A processed id ({@code done}) or a claim; {@code at} is when it was marked or claimed. */
    private record Entry(boolean done, long at) {}

    private InMemoryProcessedEventStore(int maxEntries, Duration ttl, Duration claimLease, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.leaseMillis = claimLease.toMillis();
        this.clock = clock;
        // access order: a looked-up id counts as recently used
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                if (size() <= InMemoryProcessedEventStore.this.maxEntries) {
                    return false;
                }
                if (isLiveClaim(eldest.getValue(), InMemoryProcessedEventStore.this.clock.millis())) {
                    // evicting a claim in progress would let a second delivery run beside it: keep it (touching it
                    // makes it the youngest) and let the map exceed the bound by the claims in progress
                    get(eldest.getKey());
                    return false;
                }
                return true;
            }
        };
    }

    /** A store with {@link #DEFAULT_MAX_ENTRIES}, {@link #DEFAULT_TTL} and {@link #DEFAULT_CLAIM_LEASE}. */
    public static InMemoryProcessedEventStore create() {
        return create(DEFAULT_MAX_ENTRIES, DEFAULT_TTL);
    }

    /** A store with the given bounds. */
    public static InMemoryProcessedEventStore create(int maxEntries, Duration ttl) {
        return create(maxEntries, ttl, Clock.systemUTC());
    }

    /** A store with the given bounds and clock (for tests of expiry). */
    public static InMemoryProcessedEventStore create(int maxEntries, Duration ttl, Clock clock) {
        return create(maxEntries, ttl, DEFAULT_CLAIM_LEASE, clock);
    }

    /** A store with the given bounds, claim lease and clock. */
    public static InMemoryProcessedEventStore create(int maxEntries, Duration ttl, Duration claimLease, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1 but was " + maxEntries);
        }
        return new InMemoryProcessedEventStore(maxEntries, positive(ttl, "ttl"), positive(claimLease, "claimLease"),
                Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public synchronized ClaimResult claim(DedupContext context, String id) {
        Key key = Key.of(context, id);
        long now = clock.millis();
        Entry entry = entries.get(key);
        if (entry != null) {
            if (entry.done() && now - entry.at() < ttlMillis) {
                return ClaimResult.ALREADY_PROCESSED;
            }
            if (isLiveClaim(entry, now)) {
                return ClaimResult.IN_FLIGHT;
            }
            // forgotten (ttl) or an abandoned claim (lease): claim it anew
        }
        entries.put(key, new Entry(false, now));
        return ClaimResult.CLAIMED;
    }

    @Override
    public synchronized void complete(DedupContext context, String id) {
        entries.put(Key.of(context, id), new Entry(true, clock.millis()));
    }

    @Override
    public synchronized void release(DedupContext context, String id) {
        Key key = Key.of(context, id);
        Entry entry = entries.get(key);
        if (entry != null && !entry.done()) {
            entries.remove(key);
        }
    }

    /** Number of ids held, processed and claimed (expired ones included until looked up or evicted). */
    public synchronized int size() {
        return entries.size();
    }

    private boolean isLiveClaim(Entry entry, long now) {
        return !entry.done() && now - entry.at() < leaseMillis;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + d);
        }
        return d;
    }
}
