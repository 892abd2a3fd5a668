package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts nodes to the plain Java literal values the model uses ({@code default}, {@code const}, {@code enum}...). */
final class Literals {
    private Literals() {}

    /** {@link String}, {@link Boolean}, {@link BigDecimal}, {@link List}, ordered {@link Map} or {@link Schema.JsonNull}. */
    static Object of(Node n) {
        if (n instanceof Node.ScalarNode s) {
            return s.value() == null ? Schema.JsonNull.INSTANCE : s.value();
        }
        if (n instanceof Node.ListNode l) {
            List<Object> out = new ArrayList<>(l.items().size());
            for (Node item : l.items()) {
                out.add(of(item));
            }
            return Collections.unmodifiableList(out);
        }
        Node.MapNode m = (Node.MapNode) n;
        Map<String, Object> out = new LinkedHashMap<>();
        m.members().forEach((k, v) -> out.put(k, of(v)));
        return Collections.unmodifiableMap(out);
    }

    /** A scalar as text (numbers as written), or null when {@code n} is not a scalar. */
    static String text(Node n) {
        if (n instanceof Node.ScalarNode s && s.value() != null) {
            return s.value() instanceof BigDecimal ? s.text() : String.valueOf(s.value());
        }
        return null;
    }

    /** A string value, or null when {@code n} is absent or not a string. */
    static String string(Node n) {
        return n instanceof Node.ScalarNode s && s.value() instanceof String str ? str : null;
    }

    static BigDecimal number(Node n) {
        return n instanceof Node.ScalarNode s && s.value() instanceof BigDecimal d ? d : null;
    }

    /** An int value, or null when absent, not a number, fractional or out of range. */
    static Integer integer(Node n) {
        BigDecimal d = number(n);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
