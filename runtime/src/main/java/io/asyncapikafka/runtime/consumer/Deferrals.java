package io.asyncapikafka.runtime.consumer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Per record in retry, how many of its in-place attempts were deferred without running the handler (a failing store,
 * a claim held elsewhere), so that those never use up the handler's attempts nor drive a dead-letter decision. The
 * caller of {@link RecordProcessor} numbers attempts itself and knows nothing of this. Touched only while records are
 * deferred: the common path reads one volatile counter. Bounded; thread-safe.
 */
final class Deferrals {

    private static final int MAX_ENTRIES = 4096;

    private record Ref(String topic, int partition, long offset) {
        static Ref of(ConsumerRecord<?, ?> rec) {
            return new Ref(rec.topic(), rec.partition(), rec.offset());
        }
    }

    private final AtomicInteger size = new AtomicInteger();
    private final Map<Ref, Integer> counts = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Ref, Integer> eldest) {
            return size() > MAX_ENTRIES; // a record revoked while deferred leaves its entry behind
        }
    };

    /** Deferred attempts of {@code rec} in its current delivery, its attempt {@code attemptInDelivery} excluded. */
    int count(ConsumerRecord<?, ?> rec, int attemptInDelivery) {
        if (size.get() == 0) {
            return 0;
        }
        synchronized (counts) {
            if (attemptInDelivery == 1) {
                // a new delivery: an entry left by an earlier one (the partition moved away and back) is stale
                counts.remove(Ref.of(rec));
                size.set(counts.size());
                return 0;
            }
            return counts.getOrDefault(Ref.of(rec), 0);
        }
    }

    /** Counts one more deferred attempt of {@code rec}; returns the count so far. */
    int defer(ConsumerRecord<?, ?> rec) {
        synchronized (counts) {
            int n = counts.merge(Ref.of(rec), 1, Integer::sum);
            size.set(counts.size());
            return n;
        }
    }

    /** The record's delivery ended (finished, forwarded, abandoned). */
    void forget(ConsumerRecord<?, ?> rec) {
        if (size.get() == 0) {
            return;
        }
        synchronized (counts) {
            counts.remove(Ref.of(rec));
            size.set(counts.size());
        }
    }
}
