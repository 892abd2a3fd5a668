package io.asyncapikafka.runtime.consumer;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One handler invocation with what surrounds it: the SLF4J MDC entries ({@link #MDC_KEYS}) set for the call and put
 * back as they were afterwards, the {@link HandlerObserver}s' scopes open on the handler thread, the handler duration
 * reported to {@link ConsumerMetrics#handled}, and the observers told what became of the attempt. Owned by the handler
 * thread that runs the record; not shared. An observer that throws is logged and ignored: watching must never change
 * what happens to a record.
 */
final class HandlerCall {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerCall.class);

    /** MDC keys set while a handler runs. */
    static final String TOPIC = "kafka.topic";
    static final String PARTITION = "kafka.partition";
    static final String OFFSET = "kafka.offset";
    static final String EVENT_ID = "event.id";
    static final String MESSAGE_TYPE = "message.type";
    static final List<String> MDC_KEYS = List.of(TOPIC, PARTITION, OFFSET, EVENT_ID, MESSAGE_TYPE);

    private final ConsumerMetrics metrics;
    private final TopicPartition partition;
    private final ReceivedMessage<?, ?, ?> message;
    private final List<HandlerObserver.Observation> observations;
    private Throwable error;

    private HandlerCall(ConsumerMetrics metrics, TopicPartition partition, ReceivedMessage<?, ?, ?> message,
            List<HandlerObserver.Observation> observations) {
        this.metrics = metrics;
        this.partition = partition;
        this.message = message;
        this.observations = observations;
    }

    static HandlerCall start(List<HandlerObserver> observers, ConsumerMetrics metrics, String group,
            TopicPartition partition, ReceivedMessage<?, ?, ?> message) {
        List<HandlerObserver.Observation> observations = observers.isEmpty() ? List.of()
                : new ArrayList<>(observers.size());
        for (HandlerObserver o : observers) {
            try {
                observations.add(java.util.Objects.requireNonNull(o.starting(message, group), "observation"));
            } catch (RuntimeException e) {
                ignored(message, o, "starting", e);
            }
        }
        return new HandlerCall(metrics, partition, message, observations);
    }

    /** Runs the handler with the MDC and the observers' scopes in place; rethrows what it throws. */
    <K, V, H> void run(MessageHandler<K, V, H> handler, ReceivedMessage<K, V, H> received) throws Exception {
        String[] previous = new String[MDC_KEYS.size()];
        for (int i = 0; i < previous.length; i++) {
            previous[i] = MDC.get(MDC_KEYS.get(i));
        }
        putOrRemove(TOPIC, message.topic());
        putOrRemove(PARTITION, Integer.toString(message.partition()));
        putOrRemove(OFFSET, Long.toString(message.offset()));
        putOrRemove(EVENT_ID, message.eventId());
        putOrRemove(MESSAGE_TYPE, message.type());
        List<HandlerObserver.Scope> scopes = new ArrayList<>(observations.size());
        long start = System.nanoTime();
        try {
            for (HandlerObserver.Observation o : observations) {
                try {
                    scopes.add(java.util.Objects.requireNonNull(o.open(), "scope"));
                } catch (RuntimeException e) {
                    ignored(message, o, "open", e);
                }
            }
            handler.handle(received);
        } catch (Throwable e) {
            error = e;
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            for (int i = scopes.size() - 1; i >= 0; i--) {
                try {
                    scopes.get(i).close();
                } catch (RuntimeException e) {
                    ignored(message, scopes.get(i), "close", e);
                }
            }
            for (int i = 0; i < previous.length; i++) {
                putOrRemove(MDC_KEYS.get(i), previous[i]);
            }
            metrics.handled(partition, message.type(), nanos, error);
        }
    }

    /** Tells the observers what became of the attempt and ends their observations; returns {@code outcome}. */
    Outcome ended(Outcome outcome) {
        for (HandlerObserver.Observation o : observations) {
            try {
                if (outcome instanceof Outcome.RetryInPlace r) {
                    o.retrying(message.attempt(), r.backoff(), null, error);
                } else if (outcome instanceof Outcome.Forward f) {
                    if (f.deadLetter()) {
                        o.deadLettering(f.record().topic(), f.reason(), f.error());
                    } else {
                        o.retrying(message.attempt(), null, f.record().topic(), f.error());
                    }
                }
                o.end(error);
            } catch (RuntimeException e) {
                ignored(message, o, "end", e);
            }
        }
        return outcome;
    }

    private static void ignored(ReceivedMessage<?, ?, ?> message, Object observer, String call, RuntimeException e) {
        LOG.warn("handler observer {} threw in {} for {}-{}@{}; ignored: {}", observer.getClass().getName(), call,
                message.topic(), message.partition(), message.offset(), e.toString());
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
