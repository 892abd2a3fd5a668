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
 *
 * <p>From {@value #STRIPE_ENTRIES} entries per stripe up, the ids are spread over up to {@value #MAX_STRIPES} stripes
 * by hash, each with its own lock, its own least-recently-used order and an equal share of the bound, so the handler
 * threads of a runner do not queue behind one lock (one handler thread preempted while holding it stalled the others
 * for milliseconds on a 2-core machine). Eviction is then least recently used within a stripe, which evicts the same
 * ids as one global order would, give or take a share's rounding, for ids that hash evenly (event ids do). Each
 * stripe's table is sized for its share up front (up to {@value #PRESIZED_ENTRIES} entries in all), so a fresh
 * store does not rehash its way up while the first records of a consumer arrive.
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

    /** Entries per stripe below which the store has fewer stripes (one for small bounds: exact LRU order). */
    static final int STRIPE_ENTRIES = 4096;
    /** Most stripes (a power of two). */
    static final int MAX_STRIPES = 16;
    /** Entries (in all) that the tables are sized for up front; beyond, they grow as they fill. */
    static final int PRESIZED_ENTRIES = 131_072;

    private final long ttlMillis;
    private final long leaseMillis;
    private final Clock clock;
    private final Stripe[] stripes;
    /** 32 minus the log2 of the number of stripes: the shift that leaves the stripe's bits of a mixed hash. */
    private final int stripeShift;

    /** Identity of an id as the SPI defines it: business keys per message type, event ids across them. */
    private static final class Key {
        final String groupId;
        final DedupContext.Kind kind;
        final String messageType;
        final String id;
        final int hash;

        private Key(String groupId, DedupContext.Kind kind, String messageType, String id) {
            this.groupId = groupId;
            this.kind = kind;
            this.messageType = messageType;
            this.id = id;
            this.hash = ((Objects.hashCode(groupId) * 31 + kind.hashCode()) * 31 + messageType.hashCode()) * 31
                    + id.hashCode();
        }

        static Key of(DedupContext context, String id) {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(id, "id");
            String type = context.kind() == DedupContext.Kind.BUSINESS_KEY ? context.messageType() : "";
            return new Key(context.groupId(), context.kind(), type, id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && id.equals(k.id) && kind == k.kind
                    && Objects.equals(groupId, k.groupId) && messageType.equals(k.messageType);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A processed id ({@code done}) or a claim; {@code at} is when it was marked or claimed. Guarded by its stripe. */
    private static final class Entry {
        boolean done;
        long at;

        Entry(boolean done, long at) {
            this.done = done;
            this.at = at;
        }
    }

    /** A share of the ids: its own lock (itself), order and bound. */
    private final class Stripe extends LinkedHashMap<Key, Entry> {
        private static final long serialVersionUID = 1L;
        private final int bound;

        Stripe(int bound, int presized) {
            super(Math.max(16, (int) (presized / 0.75f) + 1), 0.75f, true); // access order: a look-up counts as a use
            this.bound = bound;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            if (size() <= bound) {
                return false;
            }
            if (isLiveClaim(eldest.getValue(), clock.millis())) {
                // evicting a claim in progress would let a second delivery run beside it: keep it (touching it
                // makes it the youngest) and let the map exceed the bound by the claims in progress
                get(eldest.getKey());
                return false;
            }
            return true;
        }
    }

    private InMemoryProcessedEventStore(int maxEntries, Duration ttl, Duration claimLease, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.leaseMillis = claimLease.toMillis();
        this.clock = clock;
        int n = Integer.highestOneBit(Math.max(1, Math.min(MAX_STRIPES, maxEntries / STRIPE_ENTRIES)));
        this.stripes = new Stripe[n];
        this.stripeShift = 32 - Integer.numberOfTrailingZeros(n);
        int presized = Math.min(maxEntries, PRESIZED_ENTRIES) / n;
        for (int i = 0; i < n; i++) {
            // the shares add up to maxEntries: the first (maxEntries % n) stripes take one more
            stripes[i] = new Stripe(maxEntries / n + (i < maxEntries % n ? 1 : 0), presized);
        }
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
    public ClaimResult claim(DedupContext context, String id) {
        Key key = Key.of(context, id);
        Stripe stripe = stripeOf(key);
        synchronized (stripe) {
            long now = clock.millis();
            Entry entry = stripe.get(key);
            if (entry != null) {
                if (entry.done && now - entry.at < ttlMillis) {
                    return ClaimResult.ALREADY_PROCESSED;
                }
                if (isLiveClaim(entry, now)) {
                    return ClaimResult.IN_FLIGHT;
                }
                // forgotten (ttl) or an abandoned claim (lease): claim it anew
                entry.done = false;
                entry.at = now;
                return ClaimResult.CLAIMED;
            }
            stripe.put(key, new Entry(false, now));
            return ClaimResult.CLAIMED;
        }
    }

    @Override
    public void complete(DedupContext context, String id) {
        Key key = Key.of(context, id);
        Stripe stripe = stripeOf(key);
        synchronized (stripe) {
            long now = clock.millis();
            Entry entry = stripe.get(key); // moves it to the young end, as a put would
            if (entry != null) {
                entry.done = true;
                entry.at = now;
            } else {
                stripe.put(key, new Entry(true, now));
            }
        }
    }

    @Override
    public void release(DedupContext context, String id) {
        Key key = Key.of(context, id);
        Stripe stripe = stripeOf(key);
        synchronized (stripe) {
            Entry entry = stripe.get(key);
            if (entry != null && !entry.done) {
                stripe.remove(key);
            }
        }
    }

    /** Number of ids held, processed and claimed (expired ones included until looked up or evicted). */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size();
            }
        }
        return size;
    }

    private Stripe stripeOf(Key key) {
        // the top bits of a multiplicative mix: a stripe's table indexes by the low bits of the hash, so picking the
        // stripe by those would leave all but 1/n of each table's buckets empty (and its chains n times longer)
        return stripes[(int) (((key.hash * 0x9E3779B9L) & 0xFFFF_FFFFL) >>> stripeShift)];
    }

    private boolean isLiveClaim(Entry entry, long now) {
        return !entry.done && now - entry.at < leaseMillis;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + d);
        }
        return d;
    }
}
