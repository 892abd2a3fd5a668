package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100)).multiplier(2).maxBackoff(Duration.ofMillis(1000)).jitter(0.5)
            .retryTopicDelay(Duration.ofSeconds(10)).build();

    @Test
    void backoffGrowsExponentiallyUpToTheMaximum() {
        assertThat(policy.backoff(1, () -> 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, () -> 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4, () -> 0.5)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5, () -> 0.5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(50, () -> 0.5)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterSpreadsWithinBoundsAndNeverExceedsTheMaximum() {
        assertThat(policy.backoff(2, () -> 0.0)).isEqualTo(Duration.ofMillis(100)); // 200 - 50 %
        assertThat(policy.backoff(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(300)); // 200 + 50 %
        assertThat(policy.backoff(5, () -> 0.999999)).isEqualTo(Duration.ofMillis(1000));
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
        }
    }

    @Test
    void retryTopicDelayGrowsPerRound() {
        assertThat(policy.retryTopicDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.retryTopicDelay(2)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(5))
                .maxBackoff(Duration.ofSeconds(1)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.backoff(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
