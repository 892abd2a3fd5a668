package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.SourceLocation;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML/JSON value that remembers where it was written. Jackson's own tree forgets locations, so the parser
 * builds this one straight from the token stream.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {

    Origin origin();

    int line();

    int column();

    String pointer();

    default SourceLocation location() {
        return new SourceLocation(origin().displayName(), line(), column(), pointer());
    }

    /** A JSON object; members keep document order. */
    record MapNode(Origin origin, int line, int column, String pointer, Map<String, Node> members) implements Node {
        public MapNode {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Node get(String key) {
            return members.get(key);
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        /** The {@code $ref} string when this map is a reference, else null. */
        public String ref() {
            Node r = members.get("$ref");
            return r instanceof ScalarNode s && s.value() instanceof String str ? str : null;
        }

        public boolean isRef() {
            return members.containsKey("$ref");
        }
    }

    /** A JSON array. */
    record ListNode(Origin origin, int line, int column, String pointer, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: {@code value} is a {@link String}, {@link Boolean}, {@link BigDecimal} or {@code null}; {@code text} is
     * how it was written (used when a number must be kept as a string, e.g. {@code retention.ms}).
     */
    record ScalarNode(Origin origin, int line, int column, String pointer, Object value, String text)
            implements Node {

        public boolean isString() {
            return value instanceof String;
        }

        public boolean isNull() {
            return value == null;
        }
    }

    /** Which file a node was read from. */
    record Origin(String key, String displayName) {}

    /** Escapes one JSON pointer segment (RFC 6901). */
    static String escape(String segment) {
        if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
            return segment;
        }
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Human name of a node's kind, for "expected a map, found a number" messages. */
    static String kind(Node n) {
        if (n == null) {
            return "nothing";
        }
        if (n instanceof MapNode) {
            return "a map";
        }
        if (n instanceof ListNode) {
            return "a list";
        }
        Object v = ((ScalarNode) n).value();
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof BigDecimal) {
            return "a number";
        }
        return "a string";
    }
}
