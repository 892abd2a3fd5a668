package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.MessageType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What decides how a received record is processed (handlers, retries, dead letters, dedup, metrics), shared by
 * {@link ConsumerRunner.Builder} and {@link HandlerDriver.Builder} so a unit test drives a handler exactly as the broker
 * loop would, and the two builders cannot drift apart.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class ProcessingOptions<B extends ProcessingOptions<B>> {

    private final Map<String, HandlerRegistry.Registration<?, ?, ?>> handlers = new LinkedHashMap<>();
    private final List<Class<? extends Throwable>> nonRetryable = new ArrayList<>();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String retryTopic;
    private Function<String, String> deadLetterTopic = topic -> topic + ".dlq";
    private ProcessedEventStore eventStore;
    private ProcessedEventStore businessKeyStore;
    private ConsumerMetrics metrics = ConsumerMetrics.noop();
    private final List<HandlerObserver> observers = new ArrayList<>();
    private String groupId;

    ProcessingOptions() {}

    private B self() {
        @SuppressWarnings("unchecked") // B is the subclass itself by construction (both subclasses are final)
        B b = (B) this;
        return b;
    }

    /** Registers the handler of one message type; dispatch is on {@code ce_type}. */
    public <K, V, H> B handle(MessageType<K, V, H> type, MessageHandler<K, V, H> handler) {
        HandlerRegistry.add(handlers, type, handler);
        return self();
    }

    /**
     * Registers the handler of one message type of a parameterised channel: {@code parameters} reads the channel
     * parameters from each record's topic before the handler runs ({@link ReceivedMessage#parameters(Class)}); a topic
     * it refuses is a contract violation, dead-lettered.
     */
    public <K, V, H> B handle(MessageType<K, V, H> type, TopicParameters<?> parameters,
            MessageHandler<K, V, H> handler) {
        HandlerRegistry.add(handlers, type, Objects.requireNonNull(parameters, "parameters"), handler);
        return self();
    }

    /** In-place attempts, back-off and retry-topic rounds. Default: {@link RetryPolicy#defaults()}. */
    public B retryPolicy(RetryPolicy policy) {
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** Failed records go here after the in-place attempts; a runner also consumes it, honouring due times. */
    public B retryTopic(String topic) {
        this.retryTopic = requireText(topic, "retryTopic");
        return self();
    }

    /** One dead-letter topic for everything consumed. Default: {@code <original topic>.dlq}. */
    public B deadLetterTopic(String topic) {
        String t = requireText(topic, "topic");
        this.deadLetterTopic = original -> t;
        return self();
    }

    /** Dead-letter topic per original topic. */
    public B deadLetterTopics(Function<String, String> byOriginalTopic) {
        this.deadLetterTopic = Objects.requireNonNull(byOriginalTopic, "byOriginalTopic");
        return self();
    }

    /** Technical deduplication by event id. Default: a new {@link InMemoryProcessedEventStore}. */
    public B processedEventStore(ProcessedEventStore store) {
        this.eventStore = Objects.requireNonNull(store, "store");
        return self();
    }

    /** Functional deduplication by business key. Default: a new {@link InMemoryProcessedEventStore}. */
    public B businessKeyStore(ProcessedEventStore store) {
        this.businessKeyStore = Objects.requireNonNull(store, "store");
        return self();
    }

    /** Where counters go. Default: {@link ConsumerMetrics#noop()}. */
    public B metrics(ConsumerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return self();
    }

    /**
     * Adds a watcher of handler calls (tracing; see {@link HandlerObserver}); several run in the order added, each
     * one's scope open while the handler runs.
     */
    public B observer(HandlerObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
        return self();
    }

    /** Exception types that go straight to the DLQ (also when found in the cause chain). */
    @SafeVarargs
    public final B nonRetryable(Class<? extends Throwable>... types) {
        nonRetryable.addAll(List.of(types));
        return self();
    }

    /** The consumer group; also written to dead-letter headers. */
    public B groupId(String groupId) {
        this.groupId = requireText(groupId, "groupId");
        return self();
    }

    final String groupId() {
        return groupId;
    }

    final String retryTopic() {
        return retryTopic;
    }

    final ConsumerMetrics metrics() {
        return metrics;
    }

    /** The dead-letter topic per original topic, as configured. */
    final Function<String, String> deadLetterTopicRule() {
        return deadLetterTopic;
    }

    /** The one processing pipeline both the broker loop and the test driver run. */
    final RecordProcessor newProcessor(Clock clock) {
        return newProcessor(clock, java.util.function.UnaryOperator.identity());
    }

    /** The pipeline with each dedup store seen through {@code stores} (exactly-once defers marks to the commit). */
    final RecordProcessor newProcessor(Clock clock, java.util.function.UnaryOperator<ProcessedEventStore> stores) {
        return new RecordProcessor(HandlerRegistry.of(handlers),
                stores.apply(eventStore != null ? eventStore : InMemoryProcessedEventStore.create()),
                stores.apply(businessKeyStore != null ? businessKeyStore : InMemoryProcessedEventStore.create()),
                retryPolicy, retryTopic, deadLetterTopic, groupId, nonRetryable, metrics, observers, clock);
    }

    static String requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }
}
