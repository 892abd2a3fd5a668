package io.asyncapikafka.examples.orders;

import io.asyncapikafka.runtime.KafkaClientConfig;
import io.asyncapikafka.runtime.TopicProvisioner;
import io.asyncapikafka.runtime.TopicSpec;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Provisions the contract's topics (the generated {@code Topics}) on whatever cluster the demo runs against. */
final class TopicSetup {

    private TopicSetup() {}

    /**
     * The declared topics with the replication factor capped at the cluster's broker count: a contract written for a
     * three-broker production cluster must still run on a one-broker laptop, where Kafka would refuse replicas 3.
     * Partitions stay as declared (the bindings' {@code partitions}); unset values stay the broker default.
     */
    static List<TopicSpec> fitToCluster(List<TopicSpec> declared, int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be >= 1 but was " + brokers);
        }
        return declared.stream()
                .map(t -> t.replicas() > brokers
                        ? new TopicSpec(t.name(), t.partitions(), (short) brokers, t.config())
                        : t)
                .toList();
    }

    /** Creates the missing topics; returns the provisioner's report and the specs actually used. */
    static Result provision(KafkaClientConfig config, List<TopicSpec> declared) {
        int brokers = brokerCount(config);
        List<TopicSpec> fitted = fitToCluster(declared, brokers);
        try (TopicProvisioner provisioner = TopicProvisioner.create(config)) {
            return new Result(brokers, fitted, provisioner.ensure(fitted));
        }
    }

    /** What {@link #provision} did. */
    record Result(int brokers, List<TopicSpec> topics, TopicProvisioner.Report report) {}

    private static int brokerCount(KafkaClientConfig config) {
        try (Admin admin = Admin.create(config.properties())) {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the cluster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + config.bootstrapServers(), e);
        }
    }
}
