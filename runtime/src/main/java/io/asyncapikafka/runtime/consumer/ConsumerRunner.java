package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.KafkaClientListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes topics with typed handlers and at-least-once semantics: manual commits of finished work only, retries with
 * backoff that never stall the poll loop, a retry topic, a dead-letter topic, and deduplication.
 *
 * <pre>{@code
 * ConsumerRunner runner = ConsumerRunner.builder(KafkaClientConfig.of("localhost:9092"))
 *         .groupId("billing")
 *         .topics("orders.v1")
 *         .handle(OrderMessages.ORDER_CREATED, message -> billing.charge(message.payload()))
 *         .retryPolicy(RetryPolicy.defaults())
 *         .retryTopic("orders.retry.v1")
 *         .deadLetterTopic("orders.dlq.v1")
 *         .build();
 * runner.start();
 * ...
 * runner.close();   // finishes in-flight records (bounded), commits them, stops every thread
 * }</pre>
 *
 * <p>Records are dispatched on {@code ce_type}; with a single registered message type, records without
 * {@code ce_type} are accepted too. Each of the {@link Builder#concurrency(int) N} consumer threads owns a
 * {@code KafkaConsumer} and handles its partitions in parallel, each partition strictly in offset order.
 */
public final class ConsumerRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);
    /** Default of {@link Builder#revokeTimeout(Duration)}. */
    static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final Map<String, Object> consumerProperties;
    private final Map<String, Object> producerProperties;
    private final RecordProcessor processor;
    private final LagSnapshot lag;
    private final KafkaClientListener clientListener;
    private final List<KafkaConsumer<byte[], byte[]>> clients = new ArrayList<>();
    /** Exactly-once consume-transform-produce, or {@code null} (at-least-once). */
    private final ExactlyOnce exactlyOnce;
    private final Set<TopicPartition> assignment = ConsumerLoop.newAssignmentView();
    private final List<ConsumerLoop> loops = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private KafkaProducer<byte[], byte[]> forwarder;
    private java.util.function.Function<Map<String, Object>, KafkaConsumer<byte[], byte[]>> consumerFactory =
            props -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    private boolean started;
    private boolean closed;
    private volatile boolean fatal;

    private ConsumerRunner(Settings settings, Map<String, Object> consumerProperties,
            Map<String, Object> producerProperties, RecordProcessor processor, LagSnapshot lag,
            KafkaClientListener clientListener, ExactlyOnce exactlyOnce) {
        this.exactlyOnce = exactlyOnce;
        this.settings = settings;
        this.consumerProperties = consumerProperties;
        this.producerProperties = producerProperties;
        this.processor = processor;
        this.lag = lag;
        this.clientListener = clientListener;
    }

    /** Starts configuring a runner for a cluster. */
    public static Builder builder(KafkaClientConfig config) {
        return new Builder(config);
    }

    /** Starts the consumer threads; they join the group in the background. */
    public synchronized ConsumerRunner start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
        try {
            forwarder = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < settings.concurrency(); i++) {
                Map<String, Object> props = new LinkedHashMap<>(consumerProperties);
                props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-" + i);
                consumers.add(newConsumer(props));
            }
        } catch (RuntimeException | Error e) {
            // a later client failed to start: close the ones already made, so no thread or socket is left behind
            consumers.forEach(c -> closeQuietly(c::close));
            if (forwarder != null) {
                KafkaProducer<byte[], byte[]> f = forwarder;
                closeQuietly(() -> f.close(Duration.ZERO));
                forwarder = null;
            }
            closed = true;
            throw e;
        }
        String forwarderId = String.valueOf(producerProperties.get(ProducerConfig.CLIENT_ID_CONFIG));
        KafkaProducer<byte[], byte[]> f = forwarder;
        KafkaClientListener.notify(() -> clientListener.producerCreated(forwarderId, f), forwarderId);
        for (int i = 0; i < consumers.size(); i++) {
            String id = settings.clientId() + "-" + i;
            KafkaConsumer<byte[], byte[]> c = consumers.get(i);
            KafkaClientListener.notify(() -> clientListener.consumerCreated(id, c), id);
        }
        clients.addAll(consumers);
        for (int i = 0; i < consumers.size(); i++) {
            String name = "asyncapi-kafka-" + settings.clientId() + "-" + i;
            ExecutorService workers = Executors.newCachedThreadPool(threadFactory(name + "-handler-"));
            ConsumerLoop loop = new ConsumerLoop(settings, consumers.get(i), forwarder, processor, workers, assignment,
                    this::stopAfterFatal, exactlyOnce);
            loops.add(loop);
            threads.add(new Thread(loop, name));
        }
        threads.forEach(Thread::start);
        LOG.info("consumer group {} started with {} thread(s) on {}", settings.groupId(), settings.concurrency(),
                settings.pattern() != null ? settings.pattern() : settings.topics());
        return this;
    }

    /** Makes one consumer client; a seam for the test of a client that fails to start. */
    KafkaConsumer<byte[], byte[]> newConsumer(Map<String, Object> props) {
        return consumerFactory.apply(props);
    }

    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.debug("closing after a failed start: {}", e.toString());
        }
    }

    /** A handler hit a fatal error on one consumer thread (which stops itself): the others stop too. */
    private void stopAfterFatal(Throwable error) {
        fatal = true;
        LOG.error("consumer group {} stops: fatal error in a handler", settings.groupId(), error);
        List<ConsumerLoop> all;
        synchronized (loops) {
            all = List.copyOf(loops);
        }
        all.forEach(ConsumerLoop::requestStop);
    }

    /**
     * The runner's health in one call: state, assigned partitions, failure, and the last measured lag of each
     * assigned partition, a partition lagging when its lag is above {@code lagThreshold} records.
     */
    public ConsumerHealth health(long lagThreshold) {
        return ConsumerHealth.of(groupId(), state(), assignment(), failure(), lag.lastLag(), lagThreshold);
    }

    /** The partitions currently assigned to this runner's threads. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    /**
     * Where a runner is in its life. {@link #FAILED} as soon as any consumer thread stopped without being asked (an
     * error on its poll thread) or a handler hit a fatal error: the runner then consumes less than it should, or
     * nothing, and {@link ConsumerRunner#failure()} says why.
     */
    public enum State {
        /** Built, not started. */
        NEW,
        /** Every consumer thread polls. */
        RUNNING,
        /** {@code close()} or {@code halt()} was called and some thread still ends its work. */
        STOPPING,
        /** Closed or halted; every thread has ended. */
        STOPPED,
        /** A consumer thread ended on an error or a handler on a fatal error; see {@link ConsumerRunner#failure()}. */
        FAILED
    }

    /** The runner's state; a health check reports it (anything but {@link State#RUNNING} is unhealthy). */
    public synchronized State state() {
        if (!started) {
            return State.NEW;
        }
        if (fatal || failure().isPresent() || (!closed && loops.stream().anyMatch(ConsumerLoop::ended))) {
            return State.FAILED;
        }
        if (closed) {
            return threads.stream().anyMatch(Thread::isAlive) ? State.STOPPING : State.STOPPED;
        }
        return State.RUNNING;
    }

    /**
     * Whether every consumer thread is running: {@code false} before {@link #start()}, after {@link #close()} or
     * {@link #halt()}, and as soon as any thread stopped on an error (see {@link #failure()}).
     */
    public boolean isRunning() {
        return state() == State.RUNNING;
    }

    /** The error that stopped a consumer thread, if one did. */
    public Optional<Throwable> failure() {
        List<ConsumerLoop> all;
        synchronized (loops) {
            all = List.copyOf(loops);
        }
        return all.stream().map(ConsumerLoop::failure).filter(Objects::nonNull).findFirst();
    }

    /** The consumer group id. */
    public String groupId() {
        return settings.groupId();
    }

    /** Graceful shutdown within the configured {@link Builder#shutdownTimeout(Duration) shutdown timeout}. */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops at once without committing anything more and abandons in-flight records, as if the process died. For
     * tests of crash recovery and for fatal situations; prefer {@link #close()}.
     */
    public void halt() {
        stop(true);
    }

    private synchronized void stop(boolean halt) {
        if (closed) {
            return;
        }
        closed = true;
        List.copyOf(loops).forEach(halt ? ConsumerLoop::halt : ConsumerLoop::requestStop);
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos() + Duration.ofSeconds(15).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("consumer thread {} did not stop in time", t.getName());
            }
        }
        for (int i = 0; i < clients.size(); i++) {
            String id = settings.clientId() + "-" + i;
            KafkaConsumer<byte[], byte[]> c = clients.get(i);
            KafkaClientListener.notify(() -> clientListener.consumerClosed(id, c), id);
        }
        if (forwarder != null) {
            String forwarderId = String.valueOf(producerProperties.get(ProducerConfig.CLIENT_ID_CONFIG));
            KafkaProducer<byte[], byte[]> f = forwarder;
            KafkaClientListener.notify(() -> clientListener.producerClosed(forwarderId, f), forwarderId);
            forwarder.close(halt ? Duration.ZERO : Duration.ofSeconds(5));
        }
        LOG.info("consumer group {} {}", settings.groupId(), halt ? "halted" : "closed");
    }

    private static ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + n.incrementAndGet());
    }

    /** Seam for tests: how consumer clients are made. */
    synchronized void consumerFactory(
            java.util.function.Function<Map<String, Object>, KafkaConsumer<byte[], byte[]>> factory) {
        this.consumerFactory = Objects.requireNonNull(factory, "factory");
    }

    /** Immutable configuration shared by the consumer threads. */
    record Settings(String groupId, String clientId, List<String> topics, Pattern pattern, int concurrency,
            Duration pollTimeout, Duration commitInterval, Duration commitTimeout, Duration shutdownTimeout,
            Duration revokeTimeout, Duration forwardTimeout, Duration forwardRetryBackoff, ConsumerMetrics metrics,
            Clock clock, java.util.function.Function<String, String> deadLetterTopic) {}

    /** Builder of {@link ConsumerRunner}. */
    public static final class Builder extends ProcessingOptions<Builder> {
        private final KafkaClientConfig config;
        private final Map<String, Object> consumerOverrides = new LinkedHashMap<>();
        private String clientId;
        private List<String> topics = List.of();
        private Pattern pattern;
        private int concurrency = 1;
        private GroupProtocol groupProtocol = GroupProtocol.CLASSIC;
        private Duration pollTimeout = Duration.ofMillis(100);
        private Duration commitInterval = Duration.ofMillis(500);
        private Duration commitTimeout = Duration.ofSeconds(10);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private Duration revokeTimeout = DEFAULT_REVOKE_TIMEOUT;
        private Duration forwardTimeout = Duration.ofSeconds(30);
        private Duration forwardRetryBackoff = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private KafkaClientListener clientListener = KafkaClientListener.noop();
        private ExactlyOnce exactlyOnce;

        private Builder(KafkaClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Client id prefix; each thread appends {@code -<n>}. Defaults to the group id. */
        public Builder clientId(String clientId) {
            this.clientId = requireText(clientId, "clientId");
            return this;
        }

        /** The topics to consume (the retry topic, if any, is added automatically). */
        public Builder topics(String... topics) {
            this.topics = List.of(topics);
            this.pattern = null;
            return this;
        }

        /** Consume every topic matching {@code pattern} (plus the retry topic). */
        public Builder topicPattern(Pattern pattern) {
            this.pattern = Objects.requireNonNull(pattern, "pattern");
            this.topics = List.of();
            return this;
        }

        /**
         * Hears of the kafka-clients consumers and the dead-letter producer this runner creates and closes, e.g. to
         * bind their client metrics (see {@link KafkaClientListener}).
         */
        public Builder clientListener(KafkaClientListener listener) {
            this.clientListener = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Number of consumer threads (each one {@code KafkaConsumer}); more than the partition count is useless. */
        public Builder concurrency(int threads) {
            this.concurrency = BuilderChecks.concurrency(threads);
            return this;
        }

        /** {@code classic} (default) or {@code consumer} (KIP-848) rebalance protocol. */
        public Builder groupProtocol(GroupProtocol protocol) {
            this.groupProtocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** A consumer client property (e.g. {@code max.poll.interval.ms}); the runtime's guarantees take precedence. */
        public Builder consumerProperty(String name, Object value) {
            consumerOverrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Maximum wait of one poll when no handler work is in flight; also how often the poll thread polls while every
         * partition is paused. Finished work is noticed at once regardless (see the runtime README). Default 100 ms.
         */
        public Builder pollTimeout(Duration d) {
            this.pollTimeout = positive(d, "pollTimeout");
            return this;
        }

        /** How often finished offsets are committed while running (always on revoke and shutdown). Default 500 ms. */
        public Builder commitInterval(Duration d) {
            this.commitInterval = positive(d, "commitInterval");
            return this;
        }

        /**
         * How long a graceful close waits for in-flight records before abandoning them: what finished is committed,
         * what still runs is interrupted and does not count (not a failure, not dead-lettered, not committed; it is
         * delivered again to the next owner). Default 30 s.
         */
        public Builder shutdownTimeout(Duration d) {
            this.shutdownTimeout = positive(d, "shutdownTimeout");
            return this;
        }

        /**
         * How long a revocation waits for the records in progress on the revoked partitions, so that they are
         * committed now rather than handled again by the next owner. Default 5 s, and never more than a third of
         * {@code max.poll.interval.ms} (the poll thread waits inside the rebalance callback). A record still running
         * after it is fenced: its outcome no longer counts (no commit, no dead letter), it is delivered again, and
         * if its partition comes back to this runner meanwhile, no new handler starts on it before it has ended.
         */
        public Builder revokeTimeout(Duration d) {
            this.revokeTimeout = positive(d, "revokeTimeout");
            return this;
        }

        /** How long one dead-letter or retry-topic write may take before it counts as failed. Default 30 s. */
        public Builder forwardTimeout(Duration d) {
            this.forwardTimeout = positive(d, "forwardTimeout");
            return this;
        }

        /** Wait before a failed dead-letter or retry-topic write is tried again. Default 1 s. */
        public Builder forwardRetryBackoff(Duration d) {
            this.forwardRetryBackoff = positive(d, "forwardRetryBackoff");
            return this;
        }

        /**
         * Exactly-once consume-transform-produce (see {@link ExactlyOnce}): each record is handled in a Kafka
         * transaction carrying the sends of the handler through {@link ExactlyOnce#producer()}, its dead letter or
         * retry copy, and its offset; the consumers read {@code read_committed}. {@code null} turns it off (default).
         */
        public Builder exactlyOnce(ExactlyOnce eos) {
            this.exactlyOnce = eos;
            return this;
        }

        public ConsumerRunner build() {
            String groupId = requireText(groupId(), "groupId");
            String retryTopic = retryTopic();
            BuilderChecks.subscription(topics, pattern);
            String client = clientId != null ? clientId : groupId;
            List<String> allTopics = new ArrayList<>(topics);
            Pattern allPattern = pattern;
            if (retryTopic != null) {
                if (pattern != null) {
                    allPattern = Pattern.compile("(?:" + pattern.pattern() + ")|" + Pattern.quote(retryTopic));
                } else if (!allTopics.contains(retryTopic)) {
                    allTopics.add(retryTopic);
                }
            }
            Map<String, Object> consumerProperties = ClientProperties.consumer(config, consumerOverrides, groupId,
                    groupProtocol, exactlyOnce != null);
            LagSnapshot lag = LagSnapshot.over(metrics());
            Settings settings = new Settings(groupId, client, List.copyOf(allTopics), allPattern, concurrency,
                    pollTimeout, commitInterval, commitTimeout, shutdownTimeout,
                    BuilderChecks.boundedRevokeTimeout(revokeTimeout, consumerProperties), forwardTimeout,
                    forwardRetryBackoff, lag, clock, deadLetterTopicRule());
            RecordProcessor processor = exactlyOnce == null ? newProcessor(clock)
                    : newProcessor(clock, TransactionalMarks::wrap);
            return new ConsumerRunner(settings, consumerProperties,
                    ClientProperties.forwarder(config, client, forwardTimeout), processor, lag, clientListener,
                    exactlyOnce);
        }

        /** The settings {@link #build()} would use; for loop tests that bring their own consumer. */
        Settings settings() {
            return build().settings;
        }

        /** The processing pipeline {@link #build()} would use. */
        RecordProcessor processor() {
            return newProcessor(clock);
        }

        private static Duration positive(Duration d, String what) {
            return BuilderChecks.positive(d, what);
        }
    }
}
