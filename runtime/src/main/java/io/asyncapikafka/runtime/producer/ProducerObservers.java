package io.asyncapikafka.runtime.producer;

import io.asyncapikafka.runtime.ContractViolationException;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The observers of one producer as one: none costs nothing, one is itself, several are called in order. */
final class ProducerObservers implements ProducerObserver {

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
        if (all.size() == 1) {
            return all.get(0).sending(record, messageType);
        }
        Send[] sends = new Send[all.size()];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = all.get(i).sending(record, messageType);
        }
        return new Send() {
            @Override
            public void acknowledged(RecordMetadata metadata) {
                for (Send s : sends) {
                    s.acknowledged(metadata);
                }
            }

            @Override
            public void failed(Throwable error) {
                for (Send s : sends) {
                    s.failed(error);
                }
            }
        };
    }

    @Override
    public void rejected(String topic, String messageType, ContractViolationException violation) {
        for (ProducerObserver o : all) {
            o.rejected(topic, messageType, violation);
        }
    }
}
