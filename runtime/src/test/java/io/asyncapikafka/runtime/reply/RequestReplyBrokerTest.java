package io.asyncapikafka.runtime.reply;

import static io.asyncapikafka.runtime.BrokerSupport.config;
import static io.asyncapikafka.runtime.BrokerSupport.readAll;
import static io.asyncapikafka.runtime.BrokerSupport.sendRaw;
import static io.asyncapikafka.runtime.BrokerSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.HeaderValues;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.ConsumerRunner;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Request/reply on the in-JVM broker: typed replies routed by correlation id, reply addresses, timeouts. */
class RequestReplyBrokerTest {

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create();

    public record Ask(String question) {}

    public record Answer(String text) {}

    static final MessageType<String, Ask, Void> ASK =
            MessageType.of("Ask", Ask.class, KeyCodec.string(), HeadersCodec.none());
    static final MessageType<String, Answer, Void> ANSWER =
            MessageType.of("Answer", Answer.class, KeyCodec.string(), HeadersCodec.none());

    private static ConsumerRunner replier(String group, String topic, Replier<String, Answer, Void> replier) {
        return ConsumerRunner.builder(config(KAFKA)).groupId(group).topics(topic)
                .commitInterval(Duration.ofMillis(100)).shutdownTimeout(Duration.ofSeconds(5))
                .handle(ASK, replier.replying(req -> new Message<>(req.key(),
                        new Answer("re: " + req.payload().question()), null)))
                .build().start();
    }

    @Test
    void eachRequestCompletesWithItsOwnTypedReplySentToTheAddressTheRequestNames() throws Exception {
        KAFKA.createTopic("asks", 3);
        KAFKA.createTopic("answers", 2);
        try (Replier<String, Answer, Void> r = Replier.create(config(KAFKA), "urn:replier", ANSWER, "REQUEST_ID",
                        "REPLY_TOPIC", null);
                ConsumerRunner runner = replier("replier", "asks", r);
                RequestReplyClient<String, Ask, Void, String, Answer, Void> client = RequestReplyClient
                        .builder(config(KAFKA)).requests("asks", ASK).replies("answers", ANSWER)
                        .correlationHeader("REQUEST_ID").replyToHeader("REPLY_TOPIC").timeout(Duration.ofSeconds(30))
                        .build()) {
            List<CompletableFuture<Message<String, Answer, Void>>> replies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                replies.add(client.request("k" + i, new Ask("q" + i), null));
            }
            for (int i = 0; i < 20; i++) {
                Message<String, Answer, Void> reply = replies.get(i).get(60, TimeUnit.SECONDS);
                assertThat(reply.payload()).isEqualTo(new Answer("re: q" + i));
                assertThat(reply.key()).isEqualTo("k" + i);
            }
            assertThat(client.pendingCount()).isZero();
        }
        List<ConsumerRecord<byte[], byte[]>> asks = readAll(KAFKA, "asks");
        List<ConsumerRecord<byte[], byte[]>> answers = readAll(KAFKA, "answers");
        assertThat(answers).hasSize(20);
        // every reply carries the correlation id of exactly one request
        assertThat(answers).extracting(a -> HeaderValues.getOrNull(a.headers(), "REQUEST_ID"))
                .containsExactlyInAnyOrderElementsOf(
                        asks.stream().map(a -> HeaderValues.getOrNull(a.headers(), "REQUEST_ID")).toList());
        assertThat(asks).allSatisfy(a -> assertThat(HeaderValues.getOrNull(a.headers(), "REPLY_TOPIC"))
                .isEqualTo("answers"));
    }

    @Test
    void aReplyChannelWithAFixedTopicNeedsNoReplyAddressHeader() throws Exception {
        KAFKA.createTopic("fixed-asks", 1);
        KAFKA.createTopic("fixed-answers", 1);
        try (Replier<String, Answer, Void> r = Replier.create(config(KAFKA), "urn:replier", ANSWER, "corr", null,
                        "fixed-answers");
                ConsumerRunner runner = replier("fixed-replier", "fixed-asks", r);
                RequestReplyClient<String, Ask, Void, String, Answer, Void> client = RequestReplyClient
                        .builder(config(KAFKA)).requests("fixed-asks", ASK).replies("fixed-answers", ANSWER)
                        .correlationHeader("corr").build()) {
            assertThat(client.request("k", new Ask("ping"), null).get(60, TimeUnit.SECONDS).payload())
                    .isEqualTo(new Answer("re: ping"));
        }
        assertThat(readAll(KAFKA, "fixed-asks")).singleElement()
                .satisfies(a -> assertThat(a.headers().lastHeader("REPLY_TOPIC")).isNull());
    }

    @Test
    void aRequestNobodyAnswersFailsWithATimeoutAndIsForgotten() throws Exception {
        KAFKA.createTopic("unanswered", 1);
        KAFKA.createTopic("silence", 1);
        try (RequestReplyClient<String, Ask, Void, String, Answer, Void> client = RequestReplyClient
                .builder(config(KAFKA)).requests("unanswered", ASK).replies("silence", ANSWER)
                .correlationHeader("corr").replyToHeader("replyTo").timeout(Duration.ofMillis(500)).build()) {
            long start = System.nanoTime();
            CompletableFuture<Message<String, Answer, Void>> reply = client.request("k", new Ask("anyone?"), null);
            assertThatThrownBy(() -> reply.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(client.pendingCount()).isZero();
        }
    }

    /**
     * The race of a timed-out get() returning while its request was still counted as pending, made deterministic: a
     * dependent registered on the returned future runs when that future completes, so it sees exactly what a caller
     * woken by the completion may see. (Had the client returned its internal future, whose pending-entry removal is
     * itself a dependent registered earlier, the caller's dependent would run first and see the entry: 1.) Both ways
     * of completing: the timeout (timer thread) and a reply (reader thread), the reply sent only once the dependent is
     * registered.
     */
    @Test
    void theCallersFutureCompletesOnlyAfterTheRequestIsNoLongerPending() throws Exception {
        KAFKA.createTopic("ordered-asks", 1);
        KAFKA.createTopic("ordered-answers", 1);
        try (RequestReplyClient<String, Ask, Void, String, Answer, Void> client = RequestReplyClient
                .builder(config(KAFKA)).requests("ordered-asks", ASK).replies("ordered-answers", ANSWER)
                .correlationHeader("corr").timeout(Duration.ofSeconds(2)).build()) {
            for (int i = 0; i < 3; i++) {
                CompletableFuture<Message<String, Answer, Void>> timedOut = client.request("k", new Ask("t" + i), null);
                CompletableFuture<Integer> seenOnTimeout = timedOut.handle((r, e) -> client.pendingCount());
                assertThat(seenOnTimeout.get(30, TimeUnit.SECONDS)).as("pending when the timeout completes it")
                        .isZero();
                assertThatThrownBy(timedOut::join).hasCauseInstanceOf(TimeoutException.class);
            }

            CompletableFuture<Message<String, Answer, Void>> answered = client.request("k", new Ask("a"), null);
            CompletableFuture<Integer> seenOnReply = answered.handle((r, e) -> client.pendingCount());
            assertThat(client.pendingCount()).isOne();
            ConsumerRecord<byte[], byte[]> asked = readAll(KAFKA, "ordered-asks").get(3);
            RecordHeaders replyHeaders = new RecordHeaders();
            replyHeaders.add("corr", asked.headers().lastHeader("corr").value());
            sendRaw(KAFKA, "ordered-answers", 0, utf8("k"), utf8("{\"text\":\"hi\"}"), replyHeaders);
            assertThat(seenOnReply.get(30, TimeUnit.SECONDS)).as("pending when the reply completes it").isZero();
            assertThat(answered.join().payload()).isEqualTo(new Answer("hi"));
        }
    }

    @Test
    void runtimeExpressionsNameHeadersOnly() {
        assertThat(ReplyHeaders.headerName("$message.header#/REQUEST_ID")).isEqualTo("REQUEST_ID");
        assertThat(ReplyHeaders.headerName("$message.header#/a~1b")).isEqualTo("a/b");
        assertThatThrownBy(() -> ReplyHeaders.headerName("$message.payload#/id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$message.header#/<name>");
        assertThatThrownBy(() -> ReplyHeaders.headerName("$message.header#/a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
