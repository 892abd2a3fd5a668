package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.CloudEventHeaders;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.SchemaUnavailableException;
import io.asyncapikafka.runtime.TraceContext;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.ContractSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing of one record, independent of where it came from: the retry-group and due-time checks, dispatch by
 * {@code ce_type}, decoding, validation, the dedup claims (technical and functional, see {@link ProcessedEventStore}),
 * the handler call, and the classification of what happened into finished / retry in place / retry topic / dead
 * letter / abandoned (interrupted) / fatal (a {@link VirtualMachineError}). The broker loop ({@link ConsumerLoop}) and the
 * {@link HandlerDriver} both run records through this one class, so tests without a broker exercise the same rules.
 */
final class RecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    private final HandlerRegistry registry;
    private final ProcessedEventStore eventStore;
    private final ProcessedEventStore businessKeyStore;
    private final RetryPolicy retryPolicy;
    private final String retryTopic;
    private final Function<String, String> deadLetterTopic;
    private final String group;
    private final List<Class<? extends Throwable>> nonRetryable;
    private final ConsumerMetrics metrics;
    private final List<HandlerObserver> observers;
    private final Clock clock;
    private final byte[] groupBytes;
    private final Deferrals deferrals = new Deferrals();

    RecordProcessor(HandlerRegistry registry, ProcessedEventStore eventStore, ProcessedEventStore businessKeyStore,
            RetryPolicy retryPolicy, String retryTopic, Function<String, String> deadLetterTopic, String group,
            List<Class<? extends Throwable>> nonRetryable, ConsumerMetrics metrics, List<HandlerObserver> observers,
            Clock clock) {
        this.registry = registry;
        this.eventStore = eventStore;
        this.businessKeyStore = businessKeyStore;
        this.retryPolicy = retryPolicy;
        this.retryTopic = retryTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.group = Objects.requireNonNull(group, "group");
        this.groupBytes = group.getBytes(StandardCharsets.UTF_8);
        this.nonRetryable = List.copyOf(nonRetryable);
        this.metrics = metrics;
        this.observers = List.copyOf(observers);
        this.clock = clock;
    }

    /**
     * One attempt at {@code rec}.
     *
     * @param attemptInDelivery 1 for the first attempt of this delivery, 2 for the first in-place retry, ...
     * @param honourDueTime whether a retry-topic record that is not due yet is held back (the driver skips waiting)
     */
    Outcome process(ConsumerRecord<byte[], byte[]> rec, int attemptInDelivery, boolean honourDueTime) {
        Outcome outcome;
        try {
            outcome = attempt(rec, attemptInDelivery, honourDueTime);
        } catch (Error e) {
            if (!Failures.isFatal(e)) {
                throw e;
            }
            outcome = new Outcome.Fatal(e);
        }
        if (outcome instanceof Outcome.Done || outcome instanceof Outcome.Forward || outcome instanceof Outcome.Abandoned
                || outcome instanceof Outcome.Fatal) {
            deferrals.forget(rec); // the delivery ended
        }
        return outcome;
    }

    private Outcome attempt(ConsumerRecord<byte[], byte[]> rec, int attemptInDelivery, boolean honourDueTime) {
        TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
        if (Thread.currentThread().isInterrupted()) {
            return Failures.abandoned(new InterruptedException("handler thread interrupted before " + where(rec)));
        }
        RuntimeHeaders seen = RuntimeHeaders.of(rec);
        if (seen.retryGroup != null && rec.topic().equals(retryTopic) && !Arrays.equals(seen.retryGroup, groupBytes)) {
            // another group's copy on this runner's retry topic: that group handles it, with its own attempt count (a
            // consumer reading a retry topic as its main topic, an audit say, sees every copy)
            LOG.debug("skipping {}: a retry copy of group {}", where(rec),
                    new String(seen.retryGroup, StandardCharsets.UTF_8));
            metrics.foreignRetrySkipped(tp);
            return new Outcome.Done(true);
        }
        if (honourDueTime && seen.dueAt != null) {
            long due = longHeader(rec, RetryHeaders.DUE_AT, seen.dueAt);
            if (due > clock.millis()) {
                return new Outcome.NotDue(due);
            }
        }
        int earlierAttempts = seen.attempts == null ? 0 : (int) longHeader(rec, RetryHeaders.ATTEMPTS, seen.attempts);
        HandlerRegistry.Registration<?, ?, ?> registration = registry.resolve(seen.type);
        if (registration == null) {
            String ceType = seen.type == null ? null : new String(seen.type, StandardCharsets.UTF_8);
            String why = ceType == null
                    ? "record has no " + CloudEventHeaders.TYPE + " header and the consumer handles several message types "
                            + registry.all().keySet()
                    : "no handler for message type '" + ceType + "'; handled: " + registry.all().keySet();
            return deadLetter(rec, DeadLetterReason.UNKNOWN_MESSAGE_TYPE, new UnknownMessageTypeException(why), 0);
        }
        String ceId = seen.id == null ? null : new String(seen.id, StandardCharsets.UTF_8);
        return handle(registration, rec, tp, ceId, seen.traceparent, earlierAttempts, attemptInDelivery);
    }

    private <K, V, H> Outcome handle(HandlerRegistry.Registration<K, V, H> registration,
            ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, String ceId, byte[] traceparent,
            int earlierAttempts, int attemptInDelivery) {
        MessageType<K, V, H> type = registration.type();
        K key;
        V payload;
        H headers;
        try {
            key = type.keyCodec().decode(rec.key());
        } catch (RuntimeException e) {
            // a key of the wrong JSON type, or one breaking its schema, is a contract violation (strict mapper)
            Optional<ContractViolationException> violation = ContractSchemas.violationIn(e);
            if (violation.isPresent()) {
                return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, violation.get(), 0);
            }
            return deadLetter(rec, DeadLetterReason.DESERIALIZATION,
                    new RecordDecodingException("key of " + type.name() + " cannot be decoded", e), 0);
        }
        if (rec.value() == null) {
            return deadLetter(rec, DeadLetterReason.DESERIALIZATION,
                    new RecordDecodingException("record of " + type.name() + " has no value", null), 0);
        }
        try {
            payload = type.isJsonPayload() ? type.readPayload(rec.value())
                    : type.readPayload(rec.value(), rec.headers());
        } catch (SchemaUnavailableException e) {
            // the schema registry is down: an outage, not a bad record; wait it out like a store failure
            return storeFailure(rec, tp, "fetching the writer schema of " + type.name(), e);
        } catch (Exception | StackOverflowError e) {
            // well-formed JSON without a required member breaks the contract; anything else cannot be decoded
            ContractViolationException missing = MissingMembers.of(type.name(), e);
            if (missing != null) {
                return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, missing, 0);
            }
            // a value of the wrong JSON type, or one failing the run-time schema check, breaks the contract too
            Optional<ContractViolationException> violation = ContractSchemas.violationIn(e);
            if (violation.isPresent()) {
                return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, violation.get(), 0);
            }
            // Jackson wraps bad input in IOExceptions, but a payload constructor check may throw anything
            return deadLetter(rec, DeadLetterReason.DESERIALIZATION,
                    new RecordDecodingException("value of " + type.name() + " cannot be decoded", e), 0);
        }
        if (payload == null) {
            return deadLetter(rec, DeadLetterReason.DESERIALIZATION,
                    new RecordDecodingException("value of " + type.name() + " is JSON null", null), 0);
        }
        try {
            headers = type.headersCodec().read(rec.headers());
        } catch (ContractViolationException e) {
            return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, e, 0);
        } catch (RuntimeException e) {
            return deadLetter(rec, DeadLetterReason.DESERIALIZATION,
                    new RecordDecodingException("headers of " + type.name() + " cannot be decoded", e), 0);
        }
        Object parameters = null;
        if (registration.parameters() != null) {
            try {
                parameters = Objects.requireNonNull(registration.parameters().fromTopic(originalTopic(rec)),
                        "channel parameters");
            } catch (ContractViolationException e) {
                return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, e, 0);
            }
        }
        List<Violation> violations = new ArrayList<>();
        validate(key, "key", violations);
        validate(payload, "$", violations);
        validate(headers, "headers", violations);
        if (!violations.isEmpty()) {
            return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION,
                    new ContractViolationException("received " + type.name(), violations), 0);
        }

        Message<K, V, H> message = new Message<>(key, payload, headers);
        String eventId;
        String businessKey;
        try {
            eventId = ceId != null ? ceId : type.eventIdOf(message);
            businessKey = type.businessKeyOf(message);
        } catch (RuntimeException e) {
            // the message lacks what its event-id or business-key extractor reads: retrying cannot help
            return deadLetter(rec, DeadLetterReason.CONTRACT_VIOLATION, new ContractViolationException(
                    "received " + type.name(), List.of(new Violation("$", "its event id or business key cannot be"
                            + " read: " + e))), 0);
        }
        // attempts that never ran the handler (store down, claim held elsewhere) do not count as handler attempts
        int handlerAttemptInDelivery = attemptInDelivery - deferrals.count(rec, attemptInDelivery);
        int attempt = earlierAttempts + handlerAttemptInDelivery;
        DedupClaims claims = new DedupClaims(eventStore, businessKeyStore, retryPolicy, metrics, rec, tp,
                eventId == null && businessKey == null ? null
                        : new DedupContext(group, type.name(), DedupContext.Kind.EVENT_ID, rec.topic(),
                                rec.partition(), rec.offset()),
                eventId, businessKey);

        // Claim before the handler runs, so that two deliveries of one id (a record and its own retry copy, a
        // re-delivery) cannot both run: the second waits (IN_FLIGHT) and then finds the id processed.
        if (eventId != null) {
            ClaimResult claim;
            try {
                claim = Objects.requireNonNull(eventStore.claim(claims.eventContext(), eventId), "claim result");
            } catch (Throwable e) {
                return storeFailure(rec, tp, "claiming event id " + eventId, e);
            }
            if (claim == ClaimResult.ALREADY_PROCESSED) {
                Outcome unmarked = businessKey == null ? null : markKeyOfProcessedEvent(rec, tp, claims, businessKey);
                if (unmarked != null) {
                    return unmarked;
                }
                LOG.debug("skipping duplicate event {} at {}", eventId, where(rec));
                metrics.deduplicated(tp);
                return new Outcome.Done(true);
            } else if (claim == ClaimResult.IN_FLIGHT) {
                return claimedElsewhere(rec, tp, "event id " + eventId);
            }
            claims.eventClaimed = true;
        }
        if (businessKey != null) {
            ClaimResult claim;
            try {
                claim = Objects.requireNonNull(businessKeyStore.claim(claims.keyContext(), businessKey),
                        "claim result");
            } catch (Throwable e) {
                return claims.releaseAll() ? storeFailure(rec, tp, "claiming business key " + businessKey, e)
                        : Failures.abandoned(e);
            }
            if (claim == ClaimResult.ALREADY_PROCESSED) {
                if (!claims.releaseAll()) {
                    return Failures.abandoned(new InterruptedException("interrupted releasing " + where(rec)));
                }
                return deadLetter(rec, DeadLetterReason.DUPLICATE_KEY, new DuplicateKeyException(
                        "an event with business key '" + businessKey + "' of " + type.name() + " was already processed"
                                + (eventId == null ? "" : "; this event is " + eventId)), 0);
            } else if (claim == ClaimResult.IN_FLIGHT) {
                return claims.releaseAll() ? claimedElsewhere(rec, tp, "business key " + businessKey)
                        : Failures.abandoned(new InterruptedException("interrupted releasing " + where(rec)));
            }
            claims.keyClaimed = true;
        }

        ReceivedMessage<K, V, H> received = new ReceivedMessage<>(key, payload, headers, eventId, type.name(),
                rec.topic(), rec.partition(), rec.offset(), rec.timestamp(), attempt, rec.headers(), parameters);
        // MDC, observers (tracing) and the handler timer around the call; the observers hear the outcome below
        HandlerCall call = HandlerCall.start(observers, metrics, group, tp, received);
        try (TraceContext.Scope ignored =
                TraceContext.open(traceparent == null ? null : new String(traceparent, StandardCharsets.UTF_8))) {
            call.run(registration.handler(), received);
        } catch (Throwable e) {
            if (Failures.isFatal(e)) {
                claims.releaseOnce();
                return call.ended(new Outcome.Fatal((Error) e));
            }
            if (Failures.isInterrupt(e)) {
                // the runner is stopping or gave the partition up: neither a failure nor finished
                LOG.debug("attempt {} of {} abandoned: {}", attempt, where(rec), e.toString());
                claims.releaseOnce();
                return call.ended(Failures.abandoned(e));
            }
            if (Failures.isStoreUnavailable(e)) {
                // the handler's database is down: wait it out like a failing dedup store, no attempt used
                if (!claims.releaseAll()) {
                    return call.ended(Failures.abandoned(e));
                }
                return call.ended(storeFailure(rec, tp, "handling (its store unavailable)", e, true));
            }
            metrics.failed(tp);
            if (!claims.releaseAll()) {
                return call.ended(Failures.abandoned(e));
            }
            return call.ended(afterFailure(rec, tp, e, attempt, handlerAttemptInDelivery));
        }
        RecordBatch batch = RecordBatch.current();
        // in a batch, perhaps completed with the records the thread finishes next, before any of their offsets counts
        if ((batch == null || !batch.defer(claims)) && !claims.completeAll()) {
            return call.ended(Failures.abandoned(
                    new InterruptedException("interrupted marking " + where(rec) + " processed")));
        }
        if (batch != null) {
            batch.handled(handlerAttemptInDelivery); // should settling it alone fail (settlementFailed)
        }
        metrics.processed(tp, type.name());
        return call.ended(new Outcome.Done(false));
    }

    /**
     * A re-delivered event whose id is processed: its business key must be processed too. A crash after the event's
     * mark committed (with a transactional inbox, together with the handler's effects) and before its key's mark
     * leaves the key claimed; once that claim's lease ends, a functional duplicate would take it over and run. The
     * re-delivery comes first on the partition (the offset was not committed), so it completes the key here: claimed
     * (the stale claim taken over, or none left) it is marked processed; already processed, nothing to do; claimed by
     * a live attempt (or within the dead one's lease), tried again later like any claim held elsewhere. {@code null}
     * when the record is a plain duplicate to skip.
     */
    private Outcome markKeyOfProcessedEvent(ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, DedupClaims claims,
            String businessKey) {
        ClaimResult key;
        try {
            key = Objects.requireNonNull(businessKeyStore.claim(claims.keyContext(), businessKey), "claim result");
        } catch (Throwable e) {
            return storeFailure(rec, tp, "claiming business key " + businessKey + " of a processed event", e);
        }
        if (key == ClaimResult.IN_FLIGHT) {
            return claimedElsewhere(rec, tp, "business key " + businessKey + " of a processed event");
        }
        if (key == ClaimResult.CLAIMED) {
            claims.keyClaimed = true;
            if (!claims.completeAll()) {
                return Failures.abandoned(new InterruptedException("interrupted marking the business key of "
                        + where(rec) + " processed"));
            }
            LOG.debug("marked business key {} processed at {}: its event was processed but the key's mark was missing"
                    + " (a crash between the two)", businessKey, where(rec));
        }
        return null;
    }

    /** The topic the record was first published to: a retry copy names it in a header. */
    private static String originalTopic(ConsumerRecord<byte[], byte[]> rec) {
        Header h = rec.headers().lastHeader(RetryHeaders.ORIGINAL_TOPIC);
        return h == null || h.value() == null ? rec.topic() : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A store call before the handler failed: try again after the back-off, without using up a handler attempt. */
    private Outcome storeFailure(ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, String what, Throwable e) {
        return storeFailure(rec, tp, what, e, false);
    }

    /**
     * A store failure: tried again with back-off, the attempt not counted, never forwarded or dead-lettered for it;
     * {@code handlerRan}: the handler threw a {@link io.asyncapikafka.runtime.StoreUnavailableException} (its own
     * database is down) rather than a dedup store failing before it.
     */
    private Outcome storeFailure(ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, String what, Throwable e,
            boolean handlerRan) {
        if (Failures.isFatal(e)) {
            throw (Error) e;
        }
        if (Failures.isInterrupt(e)) {
            return Failures.abandoned(e);
        }
        if (causedByNonRetryable(e)) {
            // the store refuses this record's id or key itself (too long for its column, ...): the same on every try,
            // so waiting would stall the partition for good
            LOG.warn("{} for {} is refused for the value, dead-lettering it: {}", what, where(rec), e.toString());
            return deadLetter(rec, DeadLetterReason.NON_RETRYABLE, e, 0);
        }
        metrics.storeFailed(tp);
        int n = deferrals.defer(rec);
        var backoff = retryPolicy.backoff(Math.min(n, 30));
        if (n == 1 || n % 10 == 0) {
            LOG.warn("{} for {} failed (try {}), trying again in {} ms; {}: {}", what, where(rec), n, backoff.toMillis(),
                    handlerRan ? "its work was rolled back" : "the handler has not run", e.toString());
        }
        return new Outcome.RetryInPlace(backoff, DeferredAttempt.storeFailed(what, e));
    }

    /** Another attempt holds the claim: try again later; not a duplicate (yet) and not a failure. */
    private Outcome claimedElsewhere(ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, String what) {
        metrics.claimedElsewhere(tp);
        int n = deferrals.defer(rec);
        var backoff = retryPolicy.backoff(Math.min(n, 30));
        if (n == 1) {
            LOG.info("{} of {} is claimed by another attempt in progress; trying again in {} ms", what, where(rec),
                    backoff.toMillis());
        }
        return new Outcome.RetryInPlace(backoff, DeferredAttempt.claimedElsewhere(what));
    }

    /**
     * Settling {@code rec} failed after its handler succeeded (a {@link RecordBatch.Participant}'s commit threw
     * {@code error}), and it was settled alone, so the failure is its own: its attempt {@code handlerAttemptInDelivery}
     * (handler calls in this delivery, {@link RecordBatch#handlerAttempt()}) failed as if its handler had thrown
     * {@code error}. Retried in place after the policy's back-off, forwarded to the retry topic, or dead-lettered, by
     * the same rules. Counted as a store failure already ({@link RecordBatch}), not as a handler failure.
     */
    Outcome settlementFailed(ConsumerRecord<byte[], byte[]> rec, int handlerAttemptInDelivery, Throwable error) {
        RuntimeHeaders seen = RuntimeHeaders.of(rec);
        int earlierAttempts = seen.attempts == null ? 0 : (int) longHeader(rec, RetryHeaders.ATTEMPTS, seen.attempts);
        return afterFailure(rec, new TopicPartition(rec.topic(), rec.partition()), error,
                earlierAttempts + handlerAttemptInDelivery, handlerAttemptInDelivery);
    }

    private Outcome afterFailure(ConsumerRecord<byte[], byte[]> rec, TopicPartition tp, Throwable error, int attempt,
            int attemptInDelivery) {
        if (isNonRetryable(error)) {
            LOG.warn("non-retryable failure of {}-{}@{}: {}", rec.topic(), rec.partition(), rec.offset(), error.toString());
            return deadLetter(rec, DeadLetterReason.NON_RETRYABLE, error, attempt);
        }
        if (attemptInDelivery < retryPolicy.maxAttempts()) {
            metrics.retried(tp);
            var backoff = retryPolicy.backoff(attemptInDelivery);
            LOG.info("attempt {} of {}-{}@{} failed, retrying in {} ms: {}", attempt, rec.topic(), rec.partition(),
                    rec.offset(), backoff.toMillis(), error.toString());
            return new Outcome.RetryInPlace(backoff, error);
        }
        int round = (int) longHeader(rec, RetryHeaders.COUNT, 0) + 1;
        if (retryTopic != null && round <= retryPolicy.retryTopicRounds()) {
            metrics.retried(tp);
            long due = clock.millis() + retryPolicy.retryTopicDelay(round).toMillis();
            LOG.info("attempt {} of {}-{}@{} failed, forwarding to {} (round {}): {}", attempt, rec.topic(),
                    rec.partition(), rec.offset(), retryTopic, round, error.toString());
            return new Outcome.Forward(DeadLetters.retry(rec, retryTopic, group, due, round, attempt), null, error,
                    attempt);
        }
        LOG.warn("giving up on {}-{}@{} after {} attempts: {}", rec.topic(), rec.partition(), rec.offset(), attempt,
                error.toString());
        return deadLetter(rec, DeadLetterReason.RETRIES_EXHAUSTED, error, attempt);
    }

    private Outcome.Forward deadLetter(ConsumerRecord<byte[], byte[]> rec, DeadLetterReason reason, Throwable error,
            int attempts) {
        String topic = deadLetterTopic.apply(DeadLetters.routingTopic(rec));
        return new Outcome.Forward(
                DeadLetters.deadLetter(rec, topic, group, reason, error, attempts, clock.instant()),
                reason, error, attempts);
    }

    private static String where(ConsumerRecord<?, ?> rec) {
        return rec.topic() + "-" + rec.partition() + "@" + rec.offset();
    }

    /** A {@link NonRetryableException} in {@code e}'s cause chain (a store's way to say a value can never be stored). */
    private static boolean causedByNonRetryable(Throwable e) {
        return Failures.anyCause(e, t -> t instanceof NonRetryableException);
    }

    private boolean isNonRetryable(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 100; depth++, t = t.getCause()) {
            if (t instanceof NonRetryableException || t instanceof ContractViolationException) {
                return true;
            }
            for (Class<? extends Throwable> type : nonRetryable) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The header values processing needs, found in one pass over the record's headers (the last value of a name
     * wins, as with {@code Headers.lastHeader}) and kept as bytes: no scan per name, and no String for a value that
     * is only compared or parsed.
     */
    static final class RuntimeHeaders {
        byte[] type;
        byte[] id;
        byte[] traceparent;
        byte[] dueAt;
        byte[] attempts;
        byte[] retryGroup;

        static RuntimeHeaders of(ConsumerRecord<byte[], byte[]> rec) {
            RuntimeHeaders seen = new RuntimeHeaders();
            // The key is looked at first and value() read only for the names wanted: a fetched record's header holds
            // its value as a view of the fetch buffer and copies it into an array on the first value() call, so the
            // headers nobody reads here (ce_source, ce_specversion, content-type, the declared ones) are not copied.
            for (Header h : rec.headers()) {
                String key = h.key();
                // a null value counts as absent, as it does for HeaderValues.getOrNull
                if (key.startsWith("ce_")) {
                    if (key.equals(CloudEventHeaders.TYPE)) {
                        seen.type = h.value();
                    } else if (key.equals(CloudEventHeaders.ID)) {
                        seen.id = h.value();
                    }
                } else if (key.equals(CloudEventHeaders.TRACEPARENT)) {
                    seen.traceparent = h.value();
                } else if (key.startsWith(RetryHeaders.PREFIX)) { // only on records that went through a retry topic
                    if (key.equals(RetryHeaders.DUE_AT)) {
                        seen.dueAt = h.value();
                    } else if (key.equals(RetryHeaders.ATTEMPTS)) {
                        seen.attempts = h.value();
                    } else if (key.equals(RetryHeaders.CONSUMER_GROUP)) {
                        seen.retryGroup = h.value();
                    }
                }
            }
            return seen;
        }
    }

    private static void validate(Object value, String path, List<Violation> out) {
        if (value instanceof Validatable v) {
            v.validate(path, out);
        }
    }

    private static long longHeader(ConsumerRecord<byte[], byte[]> rec, String name, long fallback) {
        String value = HeaderValues.getOrNull(rec.headers(), name);
        if (value == null) {
            return fallback;
        }
        return parseLong(rec, name, value, fallback);
    }

    /** A decimal header value; plain digits are read from the bytes, anything else goes the lenient String way. */
    private static long longHeader(ConsumerRecord<byte[], byte[]> rec, String name, byte[] value) {
        if (value.length > 0 && value.length <= 18) { // 18 digits cannot overflow a long
            long n = 0;
            int i = 0;
            for (; i < value.length && value[i] >= '0' && value[i] <= '9'; i++) {
                n = n * 10 + (value[i] - '0');
            }
            if (i == value.length) {
                return n;
            }
        }
        return parseLong(rec, name, new String(value, StandardCharsets.UTF_8), 0);
    }

    private static long parseLong(ConsumerRecord<byte[], byte[]> rec, String name, String value, long fallback) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            LOG.warn("ignoring malformed header {}={} on {}-{}@{}", name, value, rec.topic(), rec.partition(),
                    rec.offset());
            return fallback;
        }
    }
}
