package io.asyncapikafka.runtime.consumer;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * Several {@link ConsumerMetrics} as one (say in-memory figures for a test or a demo beside Micrometer), called in
 * order. Every method forwards (a test checks that none is left to the interface's no-op default).
 */
final class CompositeConsumerMetrics implements ConsumerMetrics {

    private final List<ConsumerMetrics> all;

    CompositeConsumerMetrics(List<ConsumerMetrics> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void lag(TopicPartition partition, long value) {
        for (ConsumerMetrics m : all) {
            m.lag(partition, value);
        }
    }

    @Override
    public void received(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.received(partition);
        }
    }

    @Override
    public void processed(TopicPartition partition, String messageType) {
        for (ConsumerMetrics m : all) {
            m.processed(partition, messageType);
        }
    }

    @Override
    public void deduplicated(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.deduplicated(partition);
        }
    }

    @Override
    public void retried(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.retried(partition);
        }
    }

    @Override
    public void deadLettered(TopicPartition partition, DeadLetterReason reason) {
        for (ConsumerMetrics m : all) {
            m.deadLettered(partition, reason);
        }
    }

    @Override
    public void handled(TopicPartition partition, String messageType, long nanos, Throwable error) {
        for (ConsumerMetrics m : all) {
            m.handled(partition, messageType, nanos, error);
        }
    }

    @Override
    public void failed(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.failed(partition);
        }
    }

    @Override
    public void revoked(int partitions) {
        for (ConsumerMetrics m : all) {
            m.revoked(partitions);
        }
    }

    @Override
    public void lost(int partitions) {
        for (ConsumerMetrics m : all) {
            m.lost(partitions);
        }
    }

    @Override
    public void unassigned(java.util.Collection<TopicPartition> partitions) {
        for (ConsumerMetrics m : all) {
            m.unassigned(partitions);
        }
    }

    @Override
    public void storeFailed(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.storeFailed(partition);
        }
    }

    @Override
    public void claimedElsewhere(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.claimedElsewhere(partition);
        }
    }

    @Override
    public void foreignRetrySkipped(TopicPartition partition) {
        for (ConsumerMetrics m : all) {
            m.foreignRetrySkipped(partition);
        }
    }

    @Override
    public void forwardFailed(TopicPartition partition, String topic, boolean permanent) {
        for (ConsumerMetrics m : all) {
            m.forwardFailed(partition, topic, permanent);
        }
    }
}
