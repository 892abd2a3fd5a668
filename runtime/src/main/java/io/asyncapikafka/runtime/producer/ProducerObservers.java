package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.ContractViolationException;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one producer as one: none costs nothing, several are called in order. An observer that throws is
 * logged and ignored: watching must never change what is sent.
 */
final class ProducerObservers implements ProducerObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerObservers.class);

    private static final ProducerObservers NONE = new ProducerObservers(List.of());

    private final List<ProducerObserver> all;

    private ProducerObservers(List<ProducerObserver> all) {
        this.all = all;
    }

    static ProducerObservers of(List<ProducerObserver> observers) {
        return observers.isEmpty() ? NONE : new ProducerObservers(List.copyOf(observers));
    }

    @Override
    public Send sending(ProducerRecord<byte[], byte[]> record, String messageType) {
        if (all.isEmpty()) {
            return Send.NOOP;
        }
        Send[] sends = new Send[all.size()];
        for (int i = 0; i < sends.length; i++) {
            try {
                sends[i] = java.util.Objects.requireNonNull(all.get(i).sending(record, messageType), "send");
            } catch (RuntimeException e) {
                ignored(all.get(i), "sending", record.topic(), e);
                sends[i] = Send.NOOP;
            }
        }
        return new Send() {
            @Override
            public void acknowledged(RecordMetadata metadata) {
                for (Send s : sends) {
                    try {
                        s.acknowledged(metadata);
                    } catch (RuntimeException e) {
                        ignored(s, "acknowledged", record.topic(), e);
                    }
                }
            }

            @Override
            public void failed(Throwable error) {
                for (Send s : sends) {
                    try {
                        s.failed(error);
                    } catch (RuntimeException e) {
                        ignored(s, "failed", record.topic(), e);
                    }
                }
            }
        };
    }

    @Override
    public void rejected(String topic, String messageType, ContractViolationException violation) {
        for (ProducerObserver o : all) {
            try {
                o.rejected(topic, messageType, violation);
            } catch (RuntimeException e) {
                ignored(o, "rejected", topic, e);
            }
        }
    }

    private static void ignored(Object observer, String call, String topic, RuntimeException e) {
        LOG.warn("producer observer {} threw in {} for a send to {}; ignored: {}", observer.getClass().getName(), call,
                topic, e.toString());
    }
}
