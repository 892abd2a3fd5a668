package io.asyncapikafka.codegen.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that turns contract names (channels, operationIds, servers, messages, titles) into Java names for the
 * Kafka API. Pure functions of their input, so output never depends on iteration order.
 *
 * <p>Words are split at any character that is not a letter or digit and at lower→upper case changes
 * ({@code publishOrderCreated} → publish, Order, Created; {@code orders.retry.v1} → orders, retry, v1), so an
 * operationId written in camelCase keeps its spelling as a method name.
 */
final class KafkaNaming {

    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
            "record", "yield", "sealed", "permits", "_");

    private KafkaNaming() {}

    /** {@code orders.retry.v1} → {@code OrdersRetryV1}; never empty, never starts with a digit. */
    static String typeName(String raw) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(raw)) {
            sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return legal(sb.toString(), "T");
    }

    /** {@code publishOrderCreated} stays; {@code Publish-order created} → {@code publishOrderCreated}. */
    static String methodName(String raw) {
        String name = decapitalize(typeName(raw));
        return RESERVED.contains(name) ? name + "_" : name;
    }

    /** {@code orders.retry.v1} → {@code ORDERS_RETRY_V1}. */
    static String constantName(String raw) {
        List<String> parts = words(raw);
        String joined = String.join("_", parts).toUpperCase(Locale.ROOT);
        return legal(joined, "C_");
    }

    /**
     * The upper-case token used in environment variable names: {@code prod-eu.1} → {@code PROD_EU_1}. Kept apart from
     * {@link #constantName} so a change in Java naming can never rename a documented environment variable.
     */
    static String envToken(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            sb.append(isAsciiLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /** The lower-case token used in system property names: {@code Prod EU} → {@code prod-eu}. */
    static String propertyToken(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            sb.append(isAsciiLetterOrDigit(c) || c == '.' || c == '-' ? Character.toLowerCase(c) : '-');
        }
        return sb.toString();
    }

    static String decapitalize(String s) {
        // A leading acronym (URLChanged) lowers as a unit: urlChanged, not uRLChanged.
        int i = 0;
        while (i < s.length() && Character.isUpperCase(s.charAt(i))) {
            i++;
        }
        if (i <= 1) {
            return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        int cut = i == s.length() ? i : i - 1;
        return s.substring(0, cut).toLowerCase(Locale.ROOT) + s.substring(cut);
    }

    private static List<String> words(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char prev = 0;
        for (char c : raw.toCharArray()) {
            if (!isAsciiLetterOrDigit(c)) {
                flush(cur, out);
            } else {
                if (Character.isUpperCase(c) && prev != 0 && (Character.isLowerCase(prev) || Character.isDigit(prev))
                        && cur.length() > 0) {
                    flush(cur, out);
                }
                cur.append(c);
            }
            prev = isAsciiLetterOrDigit(c) ? c : 0;
        }
        flush(cur, out);
        return out;
    }

    // All-caps words are lowered after their first letter (EDA → Eda) so "Orders EDA" gives OrdersEdaKafka and case
    // variants of one name give one Java name, as the payload types' naming does.
    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            String w = cur.toString();
            boolean allUpper = w.chars().noneMatch(Character::isLowerCase);
            out.add(allUpper && w.length() > 1 ? w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT) : w);
            cur.setLength(0);
        }
    }

    private static String legal(String s, String prefix) {
        if (s.isEmpty()) {
            return prefix + "Unnamed";
        }
        return Character.isDigit(s.charAt(0)) ? prefix + s : s;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
