package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryProcessedEventStoreTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void remembersMarkedIds() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofMinutes(1), clock);
        assertThat(store.isProcessed("a")).isFalse();
        store.markProcessed("a");
        assertThat(store.isProcessed("a")).isTrue();
        assertThat(store.isProcessed("b")).isFalse();
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheBound() {
        var store = InMemoryProcessedEventStore.create(2, Duration.ofMinutes(1), clock);
        store.markProcessed("a");
        store.markProcessed("b");
        assertThat(store.isProcessed("a")).isTrue(); // touching a makes b the eldest
        store.markProcessed("c");
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.isProcessed("a")).isTrue();
        assertThat(store.isProcessed("b")).isFalse();
        assertThat(store.isProcessed("c")).isTrue();
    }

    @Test
    void forgetsIdsAfterTheirTimeToLive() {
        var store = InMemoryProcessedEventStore.create(10, Duration.ofSeconds(30), clock);
        store.markProcessed("a");
        now.addAndGet(29_999);
        assertThat(store.isProcessed("a")).isTrue();
        now.addAndGet(1);
        assertThat(store.isProcessed("a")).isFalse();
        assertThat(store.size()).isZero();
    }
}
