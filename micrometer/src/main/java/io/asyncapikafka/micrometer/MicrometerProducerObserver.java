package io.asyncapikafka.micrometer;

import static io.asyncapikafka.micrometer.KafkaMeterNames.*;

import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.producer.ProducerObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The send timer (send to acknowledgement, by outcome) and the contract-rejection counter. */
final class MicrometerProducerObserver implements ProducerObserver {

    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> rejections = new ConcurrentHashMap<>();

    MicrometerProducerObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
        long start = System.nanoTime();
        String topic = record.topic();
        return new Send() {
            @Override
            public void acknowledged(RecordMetadata metadata) {
                timer(topic, messageType, null).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }

            @Override
            public void failed(Throwable error) {
                timer(topic, messageType, error).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer timer(String topic, String messageType, Throwable error) {
        String exception = exception(error);
        return timers.computeIfAbsent(List.of(topic, messageType, exception), k -> Timer.builder(TEMPLATE)
                .description("From send to the broker's acknowledgement or the failure")
                .tags(TAG_TOPIC, topic, TAG_MESSAGE_TYPE, messageType, TAG_OUTCOME, error == null ? SUCCESS : FAILURE,
                        TAG_EXCEPTION, exception)
                .register(registry));
    }

    @Override
    public void rejected(String topic, String messageType, ContractViolationException violation) {
        rejections.computeIfAbsent(List.of(topic, messageType), k -> Counter.builder(REJECTED)
                .description("Messages refused before sending because they break the contract")
                .tags(TAG_TOPIC, topic, TAG_MESSAGE_TYPE, messageType)
                .register(registry)).increment();
    }
}
