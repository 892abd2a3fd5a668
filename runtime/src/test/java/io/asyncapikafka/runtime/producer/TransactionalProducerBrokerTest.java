package io.asyncapikafka.runtime.producer;

import static io.asyncapikafka.runtime.BrokerSupport.await;
import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.header;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.OrderEvent;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 17 R10: a transactional producer's transactions contain only the sends of the thread that runs them. */
class TransactionalProducerBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    @Test
    void aPlainSendFromAnotherThreadNeverJoinsAnOpenTransaction() throws Exception {
        KAFKA.createTopic("tx", 1);
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).source("urn:test")
                .transactionalId("tx-r10").build()) {
            CountDownLatch open = new CountDownLatch(1);
            CountDownLatch otherDone = new CountDownLatch(1);
            CompletableFuture<Void> aborted = CompletableFuture.runAsync(() -> producer.runInTransaction(() -> {
                producer.send("tx", OrderEvent.TYPE, "k", OrderEvent.of("in-aborted-tx"), null);
                open.countDown();
                awaitLatch(otherDone);
                throw new IllegalStateException("abort on purpose");
            }));
            assertThat(open.await(30, TimeUnit.SECONDS)).isTrue();

            // Before: this send joined the other thread's transaction, was acknowledged, and vanished with its abort.
            AtomicReference<Throwable> refused = new AtomicReference<>();
            try {
                producer.send("tx", OrderEvent.TYPE, "k", OrderEvent.of("plain"), null);
            } catch (Throwable e) {
                refused.set(e);
            }
            otherDone.countDown();
            assertThatThrownBy(aborted::join).hasRootCauseMessage("abort on purpose");
            assertThat(refused.get()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("runInTransaction");

            producer.runInTransaction(() -> {
                producer.send("tx", OrderEvent.TYPE, "k", OrderEvent.of("committed"), null);
                // nested on the same thread: part of the open transaction
                producer.runInTransaction(
                        () -> producer.send("tx", OrderEvent.TYPE, "k", OrderEvent.of("nested"), null));
            });
        }
        // the commit markers reach the partition shortly after commitTransaction returns
        await("the committed transaction readable", Duration.ofSeconds(30), () -> readAll(KAFKA, "tx").size() >= 2);
        assertThat(readAll(KAFKA, "tx")).extracting(r -> header(r, "ce_id")).containsExactly("committed", "nested");
    }

    @Test
    void aPlainProducerStillSendsFromAnyThread() throws Exception {
        KAFKA.createTopic("plain", 1);
        try (KafkaTypedProducer producer = KafkaTypedProducer.builder(config(KAFKA)).source("urn:test").build()) {
            CompletableFuture.runAsync(
                    () -> producer.sendAndWait("plain", OrderEvent.TYPE, "k", OrderEvent.of("a"), null)).get();
            producer.sendAndWait("plain", OrderEvent.TYPE, "k", OrderEvent.of("b"), null);
        }
        assertThat(readAll(KAFKA, "plain")).hasSize(2);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
