package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ConsumerRunner.Builder} accepts: each setter's check, the checks of {@code build()}, and the bound it
 * puts on the revoke timeout. One place that says which runner configurations are refused (with an
 * {@code IllegalArgumentException} or {@code IllegalStateException} naming the setting) and which are cut; the
 * warning is logged under {@link ConsumerRunner}'s logger, as before the split.
 */
final class BuilderChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRunner.class);

    private BuilderChecks() {}

    /** {@code d}, if positive. */
    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive but was " + d);
        }
        return d;
    }

    /** {@code threads}, if at least one. */
    static int concurrency(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1 but was " + threads);
        }
        return threads;
    }

    /** A runner must subscribe to something. */
    static void subscription(List<String> topics, Pattern pattern) {
        if (topics.isEmpty() && pattern == null) {
            throw new IllegalStateException("set topics(..) or topicPattern(..)");
        }
    }

    /**
     * The revoke timeout, cut to a third of {@code max.poll.interval.ms} (its client default: 5 minutes) of the
     * consumers' {@code props}; a cut of a value the user set (not the default) is logged.
     */
    static Duration boundedRevokeTimeout(Duration revokeTimeout, Map<String, Object> props) {
        Object configured = props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long maxPoll = configured == null ? 300_000 : Long.parseLong(configured.toString().trim());
        Duration bound = Duration.ofMillis(Math.max(1, maxPoll / 3));
        if (revokeTimeout.compareTo(bound) > 0) {
            if (revokeTimeout != ConsumerRunner.DEFAULT_REVOKE_TIMEOUT) {
                LOG.warn("revokeTimeout {} ms cut to {} ms, a third of max.poll.interval.ms", revokeTimeout.toMillis(),
                        bound.toMillis());
            }
            return bound;
        }
        return revokeTimeout;
    }
}
