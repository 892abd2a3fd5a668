package io.asyncapikafka.runtime.consumer;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How failed handler calls are retried: {@link #maxAttempts()} attempts in place with exponential backoff and jitter
 * (the partition is paused meanwhile, the poll loop keeps running), then — if the consumer has a retry topic —
 * up to {@link #retryTopicRounds()} rounds through the retry topic, each due {@link #retryTopicDelay(int)} later,
 * then the dead-letter topic.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final int retryTopicRounds;
    private final Duration retryTopicDelay;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.retryTopicRounds = b.retryTopicRounds;
        this.retryTopicDelay = b.retryTopicDelay;
    }

    /** 3 attempts, 200 ms backoff doubling up to 10 s, 20 % jitter, 3 retry-topic rounds 30 s apart (doubling). */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /** No retries at all: the first failure dead-letters. */
    public static RetryPolicy noRetries() {
        return builder().maxAttempts(1).retryTopicRounds(0).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Handler attempts per delivery, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Rounds through the retry topic after the in-place attempts (when a retry topic is configured). */
    public int retryTopicRounds() {
        return retryTopicRounds;
    }

    /** Backoff after failed attempt number {@code failedAttempt} (1-based), with random jitter. */
    public Duration backoff(int failedAttempt) {
        return backoff(failedAttempt, Math::random);
    }

    /**
     * Backoff after failed attempt {@code failedAttempt}: {@code initial * multiplier^(failedAttempt-1)}, capped at the
     * maximum, then spread by ±jitter using {@code random} (values in [0,1)), never above the maximum.
     */
    public Duration backoff(int failedAttempt, DoubleSupplier random) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be >= 1 but was " + failedAttempt);
        }
        double base = Math.min(initialBackoff.toMillis() * Math.pow(multiplier, failedAttempt - 1.0),
                maxBackoff.toMillis());
        double spread = base * jitter * (2 * random.getAsDouble() - 1);
        long millis = Math.round(Math.min(maxBackoff.toMillis(), Math.max(0, base + spread)));
        return Duration.ofMillis(millis);
    }

    /** Delay before a record forwarded for retry-topic round {@code round} (1-based) is due. */
    public Duration retryTopicDelay(int round) {
        if (round < 1) {
            throw new IllegalArgumentException("round must be >= 1 but was " + round);
        }
        double millis = retryTopicDelay.toMillis() * Math.pow(multiplier, round - 1.0);
        return Duration.ofMillis((long) Math.min(millis, Duration.ofDays(1).toMillis()));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", retryTopicRounds="
                + retryTopicRounds + ", retryTopicDelay=" + retryTopicDelay + "]";
    }

    /** Builder of {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private double multiplier = 2.0;
        private Duration maxBackoff = Duration.ofSeconds(10);
        private double jitter = 0.2;
        private int retryTopicRounds = 3;
        private Duration retryTopicDelay = Duration.ofSeconds(30);

        private Builder() {}

        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("multiplier must be >= 1 but was " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Relative spread of each backoff, 0 (none) to 1. */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be in [0,1] but was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        public Builder retryTopicRounds(int rounds) {
            if (rounds < 0) {
                throw new IllegalArgumentException("retryTopicRounds must be >= 0 but was " + rounds);
            }
            this.retryTopicRounds = rounds;
            return this;
        }

        /** Delay of the first retry-topic round; later rounds multiply it by the multiplier. */
        public Builder retryTopicDelay(Duration delay) {
            this.retryTopicDelay = nonNegative(delay, "retryTopicDelay");
            return this;
        }

        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " < initialBackoff " + initialBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative but was " + d);
            }
            return d;
        }
    }
}
