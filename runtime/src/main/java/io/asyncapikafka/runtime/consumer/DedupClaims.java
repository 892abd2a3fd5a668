package io.asyncapikafka.runtime.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims one attempt holds, and how they are settled afterwards: completed after success, released otherwise.
 * A settling call that fails is retried on the handler thread with the retry policy's back-off until it succeeds
 * (never by running the handler again); {@code false} means the thread was interrupted meanwhile. One per attempt,
 * used by the handler thread running it only.
 */
final class DedupClaims {

    private static final Logger LOG = LoggerFactory.getLogger(DedupClaims.class);

    private final ProcessedEventStore eventStore;
    private final ProcessedEventStore businessKeyStore;
    private final RetryPolicy retryPolicy;
    private final ConsumerMetrics metrics;
    private final ConsumerRecord<byte[], byte[]> rec;
    private final TopicPartition tp;
    private final DedupContext eventContext;
    private final String eventId;
    private final String businessKey;
    boolean eventClaimed;
    boolean keyClaimed;

    DedupClaims(ProcessedEventStore eventStore, ProcessedEventStore businessKeyStore, RetryPolicy retryPolicy,
            ConsumerMetrics metrics, ConsumerRecord<byte[], byte[]> rec, TopicPartition tp,
            DedupContext eventContext, String eventId, String businessKey) {
        this.eventStore = eventStore;
        this.businessKeyStore = businessKeyStore;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.rec = rec;
        this.tp = tp;
        this.eventContext = eventContext;
        this.eventId = eventId;
        this.businessKey = businessKey;
    }

    DedupContext eventContext() {
        return eventContext;
    }

    DedupContext keyContext() {
        return eventContext.withKind(DedupContext.Kind.BUSINESS_KEY);
    }

    String eventId() {
        return eventId;
    }

    String businessKey() {
        return businessKey;
    }

    ProcessedEventStore eventStore() {
        return eventStore;
    }

    ProcessedEventStore businessKeyStore() {
        return businessKeyStore;
    }

    boolean completeAll() {
        if (eventClaimed && !settle("marking event id " + eventId + " processed",
                () -> eventStore.complete(eventContext(), eventId))) {
            return false;
        }
        eventClaimed = false;
        if (keyClaimed && !settle("marking business key " + businessKey + " processed",
                () -> businessKeyStore.complete(keyContext(), businessKey))) {
            return false;
        }
        keyClaimed = false;
        return true;
    }

    boolean releaseAll() {
        if (keyClaimed && !settle("releasing business key " + businessKey,
                () -> businessKeyStore.release(keyContext(), businessKey))) {
            return false;
        }
        keyClaimed = false;
        if (eventClaimed && !settle("releasing event id " + eventId,
                () -> eventStore.release(eventContext(), eventId))) {
            return false;
        }
        eventClaimed = false;
        return true;
    }

    /**
     * After an interrupt or a fatal error: one release of each claim, with the interrupt flag cleared meanwhile
     * (a store may refuse to work on an interrupted thread) and set again afterwards. A claim this cannot
     * release is left to the store's lease.
     */
    void releaseOnce() {
        boolean interrupted = Thread.interrupted();
        try {
            if (keyClaimed) {
                businessKeyStore.release(keyContext(), businessKey);
            }
            if (eventClaimed) {
                eventStore.release(eventContext(), eventId);
            }
        } catch (Throwable e) {
            if (Failures.isFatal(e)) {
                throw (Error) e;
            }
            LOG.warn("could not release the claims of abandoned {}; they expire with the store's lease: {}",
                    where(), e.toString());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String where() {
        return rec.topic() + "-" + rec.partition() + "@" + rec.offset();
    }

    /** Runs a settling call until it succeeds (with back-off); {@code false} if interrupted meanwhile. */
    boolean settle(String what, Runnable call) {
        for (int n = 1; ; n++) {
            try {
                call.run();
                return true;
            } catch (Throwable e) {
                if (Failures.isFatal(e)) {
                    throw (Error) e;
                }
                if (Failures.isInterrupt(e)) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                metrics.storeFailed(tp);
                var backoff = retryPolicy.backoff(Math.min(n, 30));
                if (n == 1 || n % 10 == 0) {
                    LOG.warn("{} for {} failed (try {}), trying again in {} ms; the handler is not run again: {}",
                            what, where(), n, backoff.toMillis(), e.toString());
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
