package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** JSON values as JSON Schema sees them: numbers compare by value ({@code 1.0} equals {@code 1}), objects unordered. */
final class JsonValues {

    private JsonValues() {}

    static boolean equal(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** No two items equal by {@link #equal}; hashing a canonical form keeps it linear for the common case. */
    static boolean unique(JsonNode array) {
        Set<Object> seen = new HashSet<>();
        for (JsonNode item : array) {
            if (!seen.add(canonical(item))) {
                return false;
            }
        }
        return true;
    }

    /** A value whose equals/hashCode agree with {@link #equal}. */
    static Object canonical(JsonNode v) {
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v.isArray()) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            v.forEach(i -> out.add(canonical(i)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new java.util.HashMap<>();
            v.fields().forEachRemaining(e -> out.put(e.getKey(), canonical(e.getValue())));
            return out;
        }
        return v;
    }

    static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> isInteger(v);
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> false;
        };
    }

    /** Any number with a zero fractional part, {@code 1.0} and {@code 1e2} included (draft 7 core, section 4.2.2). */
    static boolean isInteger(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        if (!v.isNumber()) {
            return false;
        }
        if (v.isDouble() || v.isFloat()) {
            double d = v.doubleValue();
            return !Double.isInfinite(d) && d == Math.rint(d);
        }
        BigDecimal d = v.decimalValue();
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    static String typeOf(JsonNode v) {
        if (v.isIntegralNumber() || isInteger(v)) {
            return "integer";
        }
        return switch (v.getNodeType()) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The value as short text for a message (long strings and containers cut). */
    static String brief(JsonNode v) {
        String s = v.isContainerNode() ? (v.isArray() ? "[...]" : "{...}") : v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    static String quote(String s) {
        String q = com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
        return q.length() > 60 ? q.substring(0, 57) + "..." : q;
    }

    /** {@code $.a} for a plain name, {@code $['a b']} otherwise. */
    static String member(String path, String name) {
        boolean plain = !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().allMatch(Character::isJavaIdentifierPart);
        return plain ? path + "." + name : path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
