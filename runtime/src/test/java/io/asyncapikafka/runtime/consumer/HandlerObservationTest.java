package io.asyncapikafka.runtime.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.runtime.NonRetryableException;
import io.asyncapikafka.runtime.OrderEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Issue 16: MDC in handlers, the handler observer hook (tracing) and the handler timer. */
class HandlerObservationTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void theHandlerSeesTopicPartitionOffsetEventIdAndTypeInTheMdcWhichIsPutBackAfterwards() {
        MDC.put("kafka.topic", "outer"); // a caller's own value survives the call
        List<Map<String, String>> seen = new ArrayList<>();
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> seen.add(new HashMap<>(MDC.getCopyOfContextMap())))
                .build();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e2"), null);

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).containsEntry("kafka.topic", "orders").containsEntry("kafka.partition", "0")
                .containsEntry("kafka.offset", "0").containsEntry("event.id", "e1")
                .containsEntry("message.type", "OrderCreated");
        assertThat(seen.get(1)).containsEntry("kafka.offset", "1").containsEntry("event.id", "e2");
        assertThat(MDC.get("kafka.topic")).isEqualTo("outer");
        for (String key : HandlerCall.MDC_KEYS) {
            if (!key.equals("kafka.topic")) {
                assertThat(MDC.get(key)).as(key).isNull();
            }
        }
    }

    @Test
    void theMdcIsClearedAlsoWhenTheHandlerThrows() {
        HandlerDriver driver = HandlerDriver.builder()
                .handle(OrderEvent.TYPE, m -> {
                    throw new NonRetryableException("no");
                })
                .build();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void observersHearEachAttemptItsRetriesAndItsDeadLetterWithTheirScopeOpenDuringTheHandler() {
        List<String> events = new CopyOnWriteArrayList<>();
        ThreadLocal<String> scope = new ThreadLocal<>();
        HandlerObserver observer = (message, group) -> new HandlerObserver.Observation() {
            @Override
            public HandlerObserver.Scope open() {
                scope.set("attempt " + message.attempt());
                return scope::remove;
            }

            @Override
            public void retrying(int attempt, Duration backoff, String retryTopic, Throwable error) {
                events.add("retrying " + attempt + " in-place=" + (backoff != null) + " topic=" + retryTopic + " "
                        + error.getMessage());
            }

            @Override
            public void deadLettering(String topic, DeadLetterReason reason, Throwable error) {
                events.add("dead-lettering to " + topic + " " + reason);
            }

            @Override
            public void end(Throwable error) {
                events.add("end " + (error == null ? "ok" : error.getMessage()) + " group=" + group);
            }
        };
        AtomicInteger calls = new AtomicInteger();
        HandlerDriver driver = HandlerDriver.builder().groupId("billing").observer(observer)
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).retryTopicRounds(1).build())
                .retryTopic("orders.retry")
                .handle(OrderEvent.TYPE, m -> {
                    events.add("handler in " + scope.get());
                    calls.incrementAndGet();
                    if (!m.payload().id().equals("ok")) {
                        throw new IllegalStateException("down");
                    }
                })
                .build();

        var first = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("bad"), null);
        assertThat(first.status()).isEqualTo(HandlerDriver.Status.SENT_TO_RETRY_TOPIC);
        driver.deliver(first.forwarded());
        assertThat(scope.get()).isNull();
        assertThat(events).containsExactly(
                "handler in attempt 1", "retrying 1 in-place=true topic=null down", "end down group=billing",
                "handler in attempt 2", "retrying 2 in-place=false topic=orders.retry down", "end down group=billing",
                "handler in attempt 3", "retrying 3 in-place=true topic=null down", "end down group=billing",
                "handler in attempt 4", "dead-lettering to orders.dlq RETRIES_EXHAUSTED", "end down group=billing");

        events.clear();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("ok"), null);
        assertThat(events).containsExactly("handler in attempt 1", "end ok group=billing");
    }

    @Test
    void anObserverThatThrowsChangesNothingAboutTheRecord() {
        List<String> handled = new CopyOnWriteArrayList<>();
        HandlerObserver throwsAtStart = (m, g) -> {
            throw new IllegalStateException("tracing backend down");
        };
        HandlerObserver throwsLater = (m, g) -> new HandlerObserver.Observation() {
            @Override
            public HandlerObserver.Scope open() {
                return () -> {
                    throw new IllegalStateException("close");
                };
            }

            @Override
            public void end(Throwable error) {
                throw new IllegalStateException("end");
            }
        };
        HandlerDriver driver = HandlerDriver.builder().observer(throwsAtStart).observer(throwsLater)
                .handle(OrderEvent.TYPE, m -> handled.add(m.eventId())).build();
        var r = driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(r.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(handled).containsExactly("e1");
    }

    @Test
    void recordsThatNeverReachAHandlerAreNotObservedAndDuplicatesAreNot() {
        List<String> events = new CopyOnWriteArrayList<>();
        HandlerDriver driver = HandlerDriver.builder().observer((m, g) -> {
            events.add("start " + m.eventId());
            return HandlerObserver.Observation.NOOP;
        }).handle(OrderEvent.TYPE, m -> {}).build();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null); // duplicate: skipped
        driver.deliverRaw("orders", null, "{not json".getBytes(), null);
        assertThat(events).containsExactly("start e1");
    }

    @Test
    void theHandlerDurationIsReportedWithTheMessageTypeAndWhatItThrew() {
        List<String> timed = new CopyOnWriteArrayList<>();
        ConsumerMetrics metrics = new ConsumerMetrics() {
            @Override
            public void handled(TopicPartition partition, String messageType, long nanos, Throwable error) {
                timed.add(partition + " " + messageType + " " + (nanos >= 5_000_000) + " "
                        + (error == null ? "ok" : error.getClass().getSimpleName()));
            }
        };
        HandlerDriver driver = HandlerDriver.builder().metrics(metrics).retryPolicy(RetryPolicy.noRetries())
                .handle(OrderEvent.TYPE, m -> {
                    Thread.sleep(5);
                    if (m.payload().id().equals("bad")) {
                        throw new IllegalArgumentException("bad");
                    }
                })
                .build();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("good"), null);
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("bad"), null);
        assertThat(timed).containsExactly("orders-0 OrderCreated true ok",
                "orders-0 OrderCreated true IllegalArgumentException");
    }

    @Test
    void theLagSnapshotAndTheCompositeForwardEveryMetricsMethod() throws Exception {
        for (Class<?> forwarding : List.of(LagSnapshot.class, CompositeConsumerMetrics.class)) {
            for (var m : ConsumerMetrics.class.getMethods()) {
                if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                    assertThat(forwarding.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass())
                            .as(forwarding.getSimpleName() + "." + m.getName()).isEqualTo(forwarding);
                }
            }
        }
    }

    @Test
    void compositeMetricsReachEveryOne() {
        InMemoryConsumerMetrics a = InMemoryConsumerMetrics.create();
        InMemoryConsumerMetrics b = InMemoryConsumerMetrics.create();
        HandlerDriver driver = HandlerDriver.builder().metrics(ConsumerMetrics.all(a, b))
                .handle(OrderEvent.TYPE, m -> {}).build();
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        driver.deliver("orders", OrderEvent.TYPE, "k", OrderEvent.of("e1"), null);
        assertThat(List.of(a.processed(), a.deduplicated(), b.processed(), b.deduplicated())).containsExactly(1L, 1L,
                1L, 1L);
    }
}
