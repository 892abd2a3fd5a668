package io.asyncapikafka.runtime.json;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JSON Schema {@code pattern}: a regular expression that must be found somewhere in the string (draft 7, section
 * 6.3.3), with ECMA-262's meaning of {@code $}, the end of the string. Java's {@code $} also matches before a final
 * line terminator, so {@code ^[A-Z]{3}$} would accept {@code "USD\n"}; here every {@code $} outside a character
 * class is compiled as {@code \z}. Otherwise the pattern is a Java regular expression, and one that Java cannot
 * compile is refused with {@link PatternSyntaxException}, as by {@link Pattern#compile}.
 *
 * <p>The common shape of contract patterns, anchored at both ends with a sequence of ASCII characters, {@code \d},
 * {@code \w} and ASCII classes, each once or with a quantifier ({@code ^ORD-[0-9]{8}$}, {@code ^[A-Z]{3}$},
 * {@code ^[a-z][a-z0-9-]*$}), is matched without a {@link java.util.regex.Matcher}: one pass over the characters,
 * no allocation. That path is taken only when the result cannot differ from the regular expression's: no class is
 * negated, and a part of variable length is last or followed by a required part that shares no character with it,
 * so its greedy length is the only one that can match. Any other pattern uses the compiled regular expression.
 * Immutable and thread-safe.
 */
public final class SchemaPattern {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final String pattern;
    private final Pattern regex;
    /** The anchored sequence, or {@code null} when the regular expression decides. */
    private final Part[] parts;

    private SchemaPattern(String pattern, Pattern regex, Part[] parts) {
        this.pattern = pattern;
        this.regex = regex;
        this.parts = parts;
    }

    /**
     * The compiled {@code pattern}.
     *
     * @throws PatternSyntaxException if it is not a valid Java regular expression
     */
    public static SchemaPattern compile(String pattern) {
        Pattern regex = Pattern.compile(endOfInput(pattern));
        return new SchemaPattern(pattern, regex, sequence(pattern));
    }

    /** Whether the pattern is found in {@code s}. */
    public boolean find(CharSequence s) {
        Part[] ps = parts;
        if (ps == null) {
            return regex.matcher(s).find();
        }
        int at = 0;
        int n = s.length();
        for (Part p : ps) {
            int taken = 0;
            while (taken < p.max && at < n && p.has(s.charAt(at))) {
                at++;
                taken++;
            }
            if (taken < p.min) {
                return false;
            }
        }
        return at == n;
    }

    /** The pattern as the contract wrote it. */
    public String pattern() {
        return pattern;
    }

    /** Whether {@link #find} runs without the regular expression (for tests). */
    boolean isSequence() {
        return parts != null;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /** {@code pattern} with each {@code $} outside a character class (and not escaped) written {@code \z}; a pattern with Java's
     * {@code \Q} quoting is left as it is. */
    static String endOfInput(String pattern) {
        if (pattern.contains("\\Q")) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i)); // the escaped character, whatever it is
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '$') {
                out.append("\\z");
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The parts of {@code ^...$} in the simple shape (see the class comment), or {@code null}. */
    private static Part[] sequence(String p) {
        int end = p.length() - 1;
        if (p.length() < 2 || p.charAt(0) != '^' || p.charAt(end) != '$' || escaped(p, end)) {
            return null;
        }
        Parts reader = new Parts(p, end);
        List<Part> parts = new ArrayList<>();
        while (reader.at < end) {
            long[] set = reader.atom();
            int[] range = set == null ? null : reader.quantifier();
            if (range == null) {
                return null;
            }
            parts.add(new Part(set[0], set[1], range[0], range[1]));
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            Part here = parts.get(i);
            Part next = parts.get(i + 1);
            if (here.min != here.max && (next.min == 0 || here.overlaps(next))) {
                return null; // its length would depend on what follows: backtracking, which the regex does
            }
        }
        return parts.isEmpty() ? null : parts.toArray(new Part[0]);
    }

    private static boolean escaped(String p, int i) {
        int backslashes = 0;
        while (i - 1 - backslashes >= 0 && p.charAt(i - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** Reads the parts between {@code ^} and the final {@code $}; each read returns {@code null} for another shape. */
    private static final class Parts {
        private final String p;
        private final int end;
        int at = 1;

        Parts(String p, int end) {
            this.p = p;
            this.end = end;
        }

        /** One character, escape or class as a 128-bit ASCII set, moving past it. */
        long[] atom() {
            int i = at;
            char c = p.charAt(i);
            long[] set = new long[2];
            if (c == '\\') {
                if (i + 1 >= end || !escape(p.charAt(i + 1), set)) {
                    return null;
                }
                at = i + 2;
                return set;
            }
            if (c != '[') {
                if (c < 0x20 || c >= 0x7f || "^$.|?*+(){}[]".indexOf(c) >= 0) {
                    return null;
                }
                add(set, c);
                at = i + 1;
                return set;
            }
            i++;
            if (i < end && p.charAt(i) == '^') {
                return null;
            }
            boolean any = false;
            while (i < end && p.charAt(i) != ']') {
                char from = p.charAt(i);
                if (from == '\\') {
                    if (i + 1 >= end || !escape(p.charAt(i + 1), set)) {
                        return null;
                    }
                    // a class escape cannot start a range; an escaped punctuation character could, but is rare
                    if (i + 2 < end && p.charAt(i + 2) == '-' && i + 3 < end && p.charAt(i + 3) != ']') {
                        return null;
                    }
                    i += 2;
                } else if (from == '-' && (!any || p.charAt(i + 1) == ']')) {
                    add(set, from); // first or last: the character itself in both dialects
                    i++;
                } else if (!literalInClass(from)) {
                    return null;
                } else if (i + 2 < end && p.charAt(i + 1) == '-' && p.charAt(i + 2) != ']') {
                    char to = p.charAt(i + 2);
                    if (!literalInClass(to) || to < from) {
                        return null;
                    }
                    for (char x = from; x <= to; x++) {
                        add(set, x);
                    }
                    i += 3;
                } else {
                    add(set, from);
                    i++;
                }
                any = true;
            }
            if (i >= end || !any) {
                return null;
            }
            at = i + 1;
            return set;
        }

        /** The quantifier as {min, max} (once when there is none), moving past it. */
        int[] quantifier() {
            int i = at;
            if (i >= end) {
                return new int[] {1, 1};
            }
            char c = p.charAt(i);
            int[] range;
            if (c == '?' || c == '*' || c == '+') {
                range = new int[] {c == '+' ? 1 : 0, c == '?' ? 1 : Integer.MAX_VALUE};
                i++;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0 || close >= end) {
                    return null;
                }
                range = bounds(p.substring(i + 1, close));
                if (range == null) {
                    return null;
                }
                i = close + 1;
            } else {
                return new int[] {1, 1};
            }
            if (i < end && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                return null; // lazy or possessive: left to the regex
            }
            at = i;
            return range;
        }

        /** {@code n}, {@code n,} or {@code n,m} as {min, max}. */
        private static int[] bounds(String text) {
            String[] b = text.split(",", -1);
            try {
                int min = Integer.parseInt(b[0]);
                int max = b.length == 1 ? min : b[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(b[1]);
                return b.length > 2 || min < 0 || min > max ? null : new int[] {min, max};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** {@code \d}, {@code \w} or an escaped ASCII punctuation character, added to {@code set}. */
    private static boolean escape(char e, long[] set) {
        if (e == 'd' || e == 'w') {
            for (char x = '0'; x <= '9'; x++) {
                add(set, x);
            }
            if (e == 'w') {
                for (char x = 'a'; x <= 'z'; x++) {
                    add(set, x);
                    add(set, Character.toUpperCase(x));
                }
                add(set, '_');
            }
            return true;
        }
        if (PUNCTUATION.indexOf(e) >= 0) {
            add(set, e);
            return true;
        }
        return false;
    }

    /** A printable ASCII character that means itself in a class in both ECMA-262 and Java. */
    private static boolean literalInClass(char c) {
        return c >= 0x20 && c < 0x7f && "\\[]&^-".indexOf(c) < 0;
    }

    private static void add(long[] set, char c) {
        set[c >> 6] |= 1L << (c & 63);
    }

    /** One part of the sequence: a set of ASCII characters, taken between {@code min} and {@code max} times. */
    private record Part(long low, long high, int min, int max) {

        boolean has(char c) {
            return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << (c - 64))) != 0;
        }

        boolean overlaps(Part o) {
            return (low & o.low) != 0 || (high & o.high) != 0;
        }
    }
}
