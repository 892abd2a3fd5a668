package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The least-privilege ACLs of the generated side, decided once from the plan: WRITE and DESCRIBE on every topic it
 * sends to; READ and DESCRIBE on every topic it receives from (its retry topic included, which it also writes);
 * WRITE and DESCRIBE on its dead-letter topics; READ on each consumer group. No cluster {@code IDEMPOTENT_WRITE}:
 * since Kafka 3.0 (KIP-679) an idempotent producer needs only WRITE on a topic. An exactly-once receive operation
 * ({@code x-asyncapi-kafka-exactly-once}) adds WRITE and DESCRIBE on the transactional ids of its runner's producers,
 * the {@code PREFIXED} pattern {@code <group>.} (the runtime's ids are {@code <group>.<topic>-<partition>}). Other
 * transactional ids are not in the contract; the generated {@code Acls.required(transactionalId)} adds one.
 */
final class AclPlan {

    /** One ACL: Kafka enum constant names ({@code TOPIC}, {@code LITERAL}, {@code WRITE}) and the reason. */
    record Entry(String resourceType, String name, String patternType, String operation, String why) {}

    private final List<Entry> entries;

    private AclPlan(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static AclPlan of(KafkaApiPlan plan, Consumer<Diagnostic> diagnostics) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            Channel ch = c.channel();
            if (!c.sends().isEmpty()) {
                topic(out, ch, "WRITE", "send " + ch.name(), diagnostics);
                topic(out, ch, "DESCRIBE", "send " + ch.name(), diagnostics);
            }
            for (KafkaApiPlan.ReceivePlan r : c.receives()) {
                String op = "receive " + r.operation().operationId();
                topic(out, ch, "READ", op, diagnostics);
                topic(out, ch, "DESCRIBE", op, diagnostics);
                RetryDlqResolver.Resolution res = r.resolution();
                if (res.retryTopic() != null) {
                    for (String operation : List.of("READ", "WRITE", "DESCRIBE")) {
                        add(out, new Entry("TOPIC", res.retryTopic(), "LITERAL", operation, op + " (retry topic)"));
                    }
                }
                add(out, new Entry("TOPIC", res.dlqTopic(), "LITERAL", "WRITE", op + " (dead-letter topic)"));
                add(out, new Entry("TOPIC", res.dlqTopic(), "LITERAL", "DESCRIBE", op + " (dead-letter topic)"));
                add(out, new Entry("GROUP", r.group().id(), "LITERAL", "READ",
                        op + " (consumer group)"));
                if (r.operation().exactlyOnce()) {
                    // the runner's transactional producers: <group>.<topic>-<partition>, one per assigned partition
                    String why = op + " (exactly-once transactional ids " + r.group().id() + ".<topic>-<partition>)";
                    add(out, new Entry("TRANSACTIONAL_ID", r.group().id() + ".", "PREFIXED", "WRITE", why));
                    add(out, new Entry("TRANSACTIONAL_ID", r.group().id() + ".", "PREFIXED", "DESCRIBE", why));
                }
            }
        }
        return new AclPlan(new ArrayList<>(out.values()));
    }

    List<Entry> entries() {
        return entries;
    }

    /** {@code acls: 7 for this side -> Acls: WRITE, DESCRIBE topic orders.v1; READ group billing}. */
    String summaryLine() {
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        for (Entry e : entries) {
            String resource = e.resourceType().toLowerCase(java.util.Locale.ROOT) + " " + e.name()
                    + (e.patternType().equals("PREFIXED") ? "*" : "");
            byResource.computeIfAbsent(resource, k -> new ArrayList<>()).add(e.operation());
        }
        List<String> parts = new ArrayList<>();
        byResource.forEach((resource, ops) -> parts.add(String.join(", ", ops) + " " + resource));
        return "acls: " + entries.size() + " for this side -> Acls" + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
    }

    private static void topic(Map<String, Entry> out, Channel ch, String operation, String why,
            Consumer<Diagnostic> diagnostics) {
        if (!ch.isParameterised()) {
            add(out, new Entry("TOPIC", ch.topicName(), "LITERAL", operation, why));
            return;
        }
        // One topic per parameter value: grant the fixed text before the first parameter as a prefix.
        String prefix = ch.name().substring(0, ch.name().indexOf('{'));
        if (prefix.isEmpty()) {
            if (operation.equals("DESCRIBE")) {
                return; // reported once, for the first operation
            }
            diagnostics.accept(new Diagnostic("AKK206", Severity.WARNING,
                    "channel '" + ch.name() + "' starts with a parameter, so no topic prefix limits its ACLs;"
                            + " none is generated for " + why,
                    "give the channel a fixed prefix ({tenant}.orders -> orders.{tenant}) or a topic binding,"
                            + " or grant its topics by hand", ch.location()));
            return;
        }
        add(out, new Entry("TOPIC", prefix, "PREFIXED", operation, why));
    }

    private static void add(Map<String, Entry> out, Entry e) {
        out.putIfAbsent(e.resourceType() + "\u0000" + e.name() + "\u0000" + e.patternType() + "\u0000" + e.operation(), e);
    }
}
