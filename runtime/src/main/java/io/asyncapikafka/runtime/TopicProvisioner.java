package io.asyncapikafka.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a contract declares when they are missing and reports existing ones that differ from the
 * declaration (partitions, replicas, configuration). Never changes an existing topic: fixing a mismatch is an
 * operator's decision.
 */
public final class TopicProvisioner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /**
     * @param created topics that did not exist and were created
     * @param existing topics that existed already
     * @param mismatches one sentence per difference between an existing topic and its declaration
     */
    public record Report(List<String> created, List<String> existing, List<String> mismatches) {
        public Report {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            mismatches = List.copyOf(mismatches);
        }
    }

    private final Admin admin;
    private final Duration timeout;

    private TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** A provisioner with its own admin client; close it when done. */
    public static TopicProvisioner create(KafkaClientConfig config) {
        return new TopicProvisioner(Admin.create(config.properties()), Duration.ofSeconds(30));
    }

    /** Creates missing topics and reports differences of existing ones. */
    public Report ensure(Collection<TopicSpec> topics) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        try {
            Set<String> names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (names.contains(spec.name())) {
                    existing.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(),
                            spec.partitions() < 0 ? Optional.empty() : Optional.of(spec.partitions()),
                            spec.replicas() < 0 ? Optional.empty() : Optional.of(spec.replicas()))
                            .configs(spec.config()));
                }
            }
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic t : missing) {
                    try {
                        result.values().get(t.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(t.name());
                        LOG.info("created topic {}", t.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw new KafkaException("could not create topic " + t.name(), e.getCause());
                        }
                        existing.add(t.name()); // created concurrently by another instance
                    }
                }
            }
            if (!existing.isEmpty()) {
                compare(topics, existing, mismatches);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new KafkaException("could not provision topics", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("timed out provisioning topics", e);
        }
        mismatches.forEach(m -> LOG.warn("topic mismatch: {}", m));
        return new Report(created, existing, mismatches);
    }

    private void compare(Collection<TopicSpec> specs, List<String> existing, List<String> mismatches)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(existing).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = existing.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicSpec spec : specs) {
            TopicDescription d = descriptions.get(spec.name());
            if (d == null) {
                continue;
            }
            int partitions = d.partitions().size();
            if (spec.partitions() > 0 && partitions != spec.partitions()) {
                mismatches.add(spec.name() + ": " + partitions + " partitions, declared " + spec.partitions());
            }
            int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            if (spec.replicas() > 0 && replicas != spec.replicas()) {
                mismatches.add(spec.name() + ": replication factor " + replicas + ", declared " + spec.replicas());
            }
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.config().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                ConfigEntry entry = config == null ? null : config.get(e.getKey());
                String actual = entry == null ? null : entry.value();
                if (!e.getValue().equals(actual)) {
                    mismatches.add(spec.name() + ": " + e.getKey() + "=" + actual + ", declared " + e.getValue());
                }
            });
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
