package io.asyncapikafka.model.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lenient readers for the Kafka bindings (server, channel, operation, message). asyncapi-core drops what it does not
 * like; here every deviation is kept and reported as a warning with its location.
 */
final class KafkaBindings {

    static final Set<String> SERVER_KEYS = Set.of("schemaRegistryUrl", "schemaRegistryVendor", "bindingVersion");
    static final Set<String> CHANNEL_KEYS = Set.of("topic", "partitions", "replicas", "topicConfiguration",
            "bindingVersion");
    static final Set<String> OPERATION_KEYS = Set.of("groupId", "clientId", "bindingVersion");
    static final Set<String> MESSAGE_KEYS = Set.of("key", "schemaIdLocation", "schemaIdPayloadEncoding",
            "schemaLookupStrategy", "bindingVersion");
    static final Set<String> TOPIC_CONFIG_KEYS = Set.of("cleanup.policy", "retention.ms", "retention.bytes",
            "delete.retention.ms", "max.message.bytes", "confluent.key.schema.validation",
            "confluent.key.subject.name.strategy", "confluent.value.schema.validation",
            "confluent.value.subject.name.strategy");
    /** Topic configuration values the binding schema types as a 32-bit integer. */
    static final Set<String> INT_CONFIG_KEYS = Set.of("retention.ms", "retention.bytes", "delete.retention.ms",
            "max.message.bytes");

    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);

    private final Documents docs;
    private final Diagnostics diags;

    private KafkaBindings(Documents docs, Diagnostics diags) {
        this.docs = docs;
        this.diags = diags;
    }

    static KafkaBindings create(Documents docs, Diagnostics diags) {
        return new KafkaBindings(docs, diags);
    }

    /** The {@code bindings.kafka} map of {@code owner}, or null when absent or broken. */
    Node.MapNode kafka(Node.MapNode owner) {
        Node b = owner.get("bindings");
        if (b == null) {
            return null;
        }
        Node bindings = docs.resolve(b);
        if (bindings == null) {
            return null;
        }
        if (!(bindings instanceof Node.MapNode bm)) {
            diags.report(Code.WRONG_TYPE, "'bindings' must be a map, found " + Node.kind(bindings), b);
            return null;
        }
        Node k = bm.get("kafka");
        if (k == null) {
            return null;
        }
        Node kafka = docs.resolve(k);
        if (kafka == null) {
            return null;
        }
        if (!(kafka instanceof Node.MapNode km)) {
            diags.report(Code.WRONG_TYPE, "'bindings.kafka' must be a map, found " + Node.kind(kafka), k);
            return null;
        }
        return km;
    }

    void checkKeys(Node.MapNode binding, Set<String> known, String what) {
        for (Map.Entry<String, Node> e : binding.members().entrySet()) {
            if (!known.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                diags.report(Code.BINDING_UNKNOWN_KEY,
                        "'" + e.getKey() + "' is not a field of the Kafka " + what + " binding; kept", e.getValue());
            }
        }
    }

    /** Server binding values as strings (scalars only), in document order. */
    Map<String, String> server(Node.MapNode binding) {
        checkKeys(binding, SERVER_KEYS, "server");
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : binding.members().entrySet()) {
            String text = Literals.text(e.getValue());
            if (text == null) {
                diags.report(Code.BINDING_BAD_VALUE, "server binding '" + e.getKey() + "' must be a plain value",
                        e.getValue());
            } else {
                out.put(e.getKey(), text);
            }
        }
        return out;
    }

    /** A positive int binding field, or null (absent, or invalid with an error). */
    Integer positiveInt(Node.MapNode binding, String key) {
        Node n = binding.get(key);
        if (n == null) {
            return null;
        }
        Integer i = Literals.integer(n);
        if (i == null || i < 1) {
            diags.report(Code.BINDING_BAD_VALUE, "'" + key + "' must be a positive integer, found "
                    + (Literals.text(n) != null ? "'" + Literals.text(n) + "'" : Node.kind(n)), n);
            return null;
        }
        return i;
    }

    String string(Node.MapNode binding, String key) {
        Node n = binding.get(key);
        if (n == null) {
            return null;
        }
        String s = Literals.string(n);
        if (s == null) {
            diags.report(Code.BINDING_BAD_VALUE, "'" + key + "' must be a string, found " + Node.kind(n), n);
        }
        return s;
    }

    /** {@code topicConfiguration}: values as strings, lists joined with commas. */
    Map<String, String> topicConfiguration(Node.MapNode binding) {
        Node raw = binding.get("topicConfiguration");
        if (raw == null) {
            return Map.of();
        }
        Node n = docs.resolve(raw);
        if (!(n instanceof Node.MapNode cfg)) {
            if (n != null) {
                diags.report(Code.BINDING_BAD_VALUE, "'topicConfiguration' must be a map, found " + Node.kind(n), raw);
            }
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : cfg.members().entrySet()) {
            String key = e.getKey();
            Node v = e.getValue();
            if (!TOPIC_CONFIG_KEYS.contains(key)) {
                diags.report(Code.BINDING_UNKNOWN_KEY,
                        "'" + key + "' is not in the Kafka binding's topicConfiguration; passed on as a topic config",
                        v);
            }
            String text;
            if (v instanceof Node.ListNode l) {
                List<String> parts = new ArrayList<>();
                for (Node item : l.items()) {
                    String t = Literals.text(item);
                    if (t != null) {
                        parts.add(t);
                    }
                }
                text = String.join(",", parts);
            } else {
                text = Literals.text(v);
            }
            if (text == null) {
                diags.report(Code.BINDING_BAD_VALUE, "topic configuration '" + key + "' must be a value or a list", v);
                continue;
            }
            BigDecimal num = Literals.number(v);
            if (INT_CONFIG_KEYS.contains(key) && num != null && (num.compareTo(INT_MAX) > 0
                    || num.compareTo(INT_MIN) < 0)) {
                diags.report(Code.BINDING_INT_RANGE,
                        "'" + key + "' = " + text + " is beyond the binding's int range; kept as written", v);
            }
            out.put(key, text);
        }
        return out;
    }

    /** {@code groupId}/{@code clientId}: a schema with {@code const} or a single {@code enum}, or a bare string. */
    String fixedValue(Node.MapNode binding, String key) {
        Node raw = binding.get(key);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Node.ScalarNode s && s.value() != null && !(s.value() instanceof Boolean)) {
            String text = Literals.text(s);
            diags.report(Code.BINDING_BARE_STRING,
                    "'" + key + "' is a bare value, the Kafka binding expects a schema; accepted", raw);
            return text;
        }
        Node n = docs.resolve(raw);
        if (!(n instanceof Node.MapNode schema)) {
            if (n != null) {
                diags.report(Code.BINDING_BAD_VALUE, "'" + key + "' must be a schema or a string", raw);
            }
            return null;
        }
        if (schema.has("const")) {
            return Literals.text(schema.get("const"));
        }
        if (schema.get("enum") instanceof Node.ListNode l && !l.items().isEmpty()) {
            if (l.items().size() > 1) {
                diags.report(Code.BINDING_NOT_FIXED,
                        "'" + key + "' lists several values; the first, '" + Literals.text(l.items().get(0))
                                + "', is used", l);
            }
            return Literals.text(l.items().get(0));
        }
        diags.report(Code.BINDING_NOT_FIXED, "'" + key + "' has no const or enum value; none is set", raw);
        return null;
    }
}
