package io.asyncapikafka.runtime.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.SchemaCheck;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a generated {@code Parameters} record's {@code fromTopic} calls: match the topic against the channel's pattern,
 * convert each captured value to its parameter's type and check it against the parameter's schema (JSON Schema, as the
 * payloads are checked). Every problem is collected as a {@link Violation} at {@code parameters.<name>}; the generated
 * code throws them together ({@link #throwIfAny}), so the runtime dead-letters the record as a contract violation.
 */
public final class TopicParameterValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TopicParameterValues() {}

    /** The match of {@code topic} against the channel's pattern; a topic that does not match is a violation. */
    public static Matcher match(Pattern pattern, String topic, String channel) {
        Objects.requireNonNull(topic, "topic");
        Matcher m = pattern.matcher(topic);
        if (!m.matches()) {
            throw new ContractViolationException("topic '" + topic + "'", List.of(new Violation("topic",
                    "does not match channel '" + channel + "' (" + pattern.pattern() + ")")));
        }
        return m;
    }

    /** A string parameter, checked against {@code schema} (JSON type {@code string}, or {@code number} read as text). */
    public static String string(String raw, String name, String jsonType, SchemaCheck schema, List<Violation> out) {
        JsonNode node;
        if (jsonType.equals("number")) {
            try {
                node = NODES.numberNode(new BigDecimal(raw));
            } catch (NumberFormatException e) {
                out.add(new Violation("parameters." + name, "'" + raw + "' is not a number"));
                return raw;
            }
        } else {
            node = NODES.textNode(raw);
        }
        check(schema, node, name, out);
        return raw;
    }

    /** An integer parameter ({@code long}); 0 with a violation when the text is not one. */
    public static long integer(String raw, String name, SchemaCheck schema, List<Violation> out) {
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            out.add(new Violation("parameters." + name, "'" + raw + "' is not an integer"));
            return 0;
        }
        check(schema, NODES.numberNode(v), name, out);
        return v;
    }

    /** A boolean parameter: exactly {@code true} or {@code false}. */
    public static boolean bool(String raw, String name, SchemaCheck schema, List<Violation> out) {
        if (!raw.equals("true") && !raw.equals("false")) {
            out.add(new Violation("parameters." + name, "'" + raw + "' is not true or false"));
            return false;
        }
        boolean v = raw.equals("true");
        check(schema, NODES.booleanNode(v), name, out);
        return v;
    }

    /** A parameter written twice in the topic ({@code {id}.x.{id}}) must have one value. */
    public static void same(String first, String again, String name, List<Violation> out) {
        if (!first.equals(again)) {
            out.add(new Violation("parameters." + name, "appears twice in the topic with different values '" + first
                    + "' and '" + again + "'"));
        }
    }

    /** Throws the collected violations of {@code topic}, if any. */
    public static void throwIfAny(String topic, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ContractViolationException("parameters of topic '" + topic + "'", violations);
        }
    }

    private static void check(SchemaCheck schema, JsonNode value, String name, List<Violation> out) {
        if (schema != null) {
            schema.check(value, "parameters." + name, out);
        }
    }
}
