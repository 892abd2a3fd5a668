package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.Message;
import io.asyncapikafka.runtime.MessageType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Test double of {@link TypedProducer}: records what was sent instead of talking to Kafka. Encoding, validation and
 * headers are exactly those of {@link KafkaTypedProducer} ({@link OutgoingRecords}), so an invalid payload fails here
 * as it would in production. Each topic is one partition with offsets from 0. Records sent in an aborted
 * {@linkplain #runInTransaction transaction} are discarded.
 */
public final class InMemoryProducer implements TypedProducer {

    private final OutgoingRecords records;
    private final List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
    private final Map<String, Long> nextOffset = new HashMap<>();
    private boolean closed;

    private InMemoryProducer(OutgoingRecords records) {
        this.records = records;
    }

    /** An in-memory producer with {@code ce_source} {@code urn:asyncapi-kafka:test}. */
    public static InMemoryProducer create() {
        return create("urn:asyncapi-kafka:test");
    }

    /** An in-memory producer with the given {@code ce_source}. */
    public static InMemoryProducer create(String source) {
        return new InMemoryProducer(OutgoingRecords.create(source));
    }

    @Override
    public synchronized <K, V, H> CompletableFuture<RecordMetadata> send(String topic, MessageType<K, V, H> type,
            K key, V payload, H headers) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("producer is closed"));
        }
        ProducerRecord<byte[], byte[]> record = records.encode(topic, type, key, payload, headers);
        sent.add(record);
        long offset = nextOffset.merge(topic, 1L, Long::sum) - 1;
        int keySize = record.key() == null ? -1 : record.key().length;
        return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition(topic, 0), offset, 0,
                System.currentTimeMillis(), keySize, record.value().length));
    }

    @Override
    public synchronized void runInTransaction(Runnable work) {
        int mark = sent.size();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            sent.subList(mark, sent.size()).clear();
            throw e;
        }
    }

    /** Every record sent so far, in order, as it would have gone on the wire. */
    public synchronized List<ProducerRecord<byte[], byte[]>> sent() {
        return List.copyOf(sent);
    }

    /** The records sent to {@code topic}. */
    public synchronized List<ProducerRecord<byte[], byte[]>> sent(String topic) {
        return sent.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** The messages of one type sent so far (any topic), decoded back from their wire form. */
    public synchronized <K, V, H> List<Message<K, V, H>> sent(MessageType<K, V, H> type) {
        Objects.requireNonNull(type, "type");
        List<Message<K, V, H>> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : sent) {
            var ceType = r.headers().lastHeader(io.asyncapikafka.runtime.CloudEventHeaders.TYPE);
            if (ceType == null || !type.name().equals(new String(ceType.value(), java.nio.charset.StandardCharsets.UTF_8))) {
                continue;
            }
            try {
                V payload = type.readPayload(r.value(), r.headers());
                out.add(new Message<>(type.keyCodec().decode(r.key()), payload, type.headersCodec().read(r.headers())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read a sent " + type.name(), e);
            }
        }
        return List.copyOf(out);
    }

    /** Forgets what was sent. */
    public synchronized void clear() {
        sent.clear();
    }

    @Override
    public synchronized void close(Duration timeout) {
        closed = true;
    }
}
