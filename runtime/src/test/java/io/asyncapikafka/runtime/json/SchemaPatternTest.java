package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * {@link SchemaPattern}: {@code $} is the end of the string as in ECMA-262, and the matcher-free path for anchored
 * sequences decides exactly as the regular expression does.
 */
class SchemaPatternTest {

    @Test
    void dollarIsTheEndOfTheStringNotBeforeAFinalNewline() {
        // Java's own $ accepts the trailing newline; the JSON Schema test suite's ECMA-262 case says it must not
        assertThat(Pattern.compile("^[A-Z]{3}$").matcher("USD\n").find()).isTrue();
        for (String p : List.of("^[A-Z]{3}$", "^(USD|EUR)$", "^[A-Z]{3}$|^X$", "[A-Z]$")) {
            assertThat(SchemaPattern.compile(p).find("USD\n")).as(p).isFalse();
            assertThat(SchemaPattern.compile(p).find("USD")).as(p).isTrue();
        }
    }

    @Test
    void dollarInAClassOrEscapedIsTheCharacter() {
        assertThat(SchemaPattern.compile("^[$]$").find("$")).isTrue();
        assertThat(SchemaPattern.compile("^a\\$$").find("a$")).isTrue();
        assertThat(SchemaPattern.compile("^a\\$$").find("a")).isFalse();
        assertThat(SchemaPattern.endOfInput("^[a$]\\$x$")).isEqualTo("^[a$]\\$x\\z");
        assertThat(SchemaPattern.endOfInput("\\Q$\\E")).isEqualTo("\\Q$\\E");
    }

    @Test
    void theContractsCommonShapesSkipTheMatcher() {
        for (String p : List.of("^ORD-[0-9]{8}$", "^[A-Z]{3}$", "^[a-z][a-z0-9-]*$", "^\\d{4}-\\d{2}-\\d{2}$",
                "^[A-Za-z_]\\w{0,31}$", "^v[0-9]+\\.[0-9]+$", "^[-a-z]+$")) {
            assertThat(SchemaPattern.compile(p).isSequence()).as(p).isTrue();
        }
        assertThat(SchemaPattern.compile("^ORD-[0-9]{8}$").find("ORD-12345678")).isTrue();
        assertThat(SchemaPattern.compile("^ORD-[0-9]{8}$").find("ORD-1234567")).isFalse();
        assertThat(SchemaPattern.compile("^ORD-[0-9]{8}$").find("ORD-123456789")).isFalse();
        // shapes whose result could need backtracking, or that the two dialects read differently, use the regex
        for (String p : List.of("^[a-z]*a$", "^a?a$", "[A-Z]{3}", "^[^a]$", "^a|b$", "^(ab)+$", "^.$", "^[a-z]*?$",
                "^\\s$", "^[a&&b]$", "^x{1,2}x$", "^é$", "^a*b?$")) {
            assertThat(SchemaPattern.compile(p).isSequence()).as(p).isFalse();
        }
    }

    @Test
    void invalidPatternsAreRefusedAsJavaRefusesThem() {
        assertThatThrownBy(() -> SchemaPattern.compile("^[a-$")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> SchemaPattern.compile("^x{2,1}$")).isInstanceOf(PatternSyntaxException.class);
    }

    /**
     * Random anchored sequences over a small alphabet (literals, escapes, classes with ranges, every quantifier) and
     * random strings over the same characters plus a newline, a non-ASCII letter and a surrogate pair: the fast path
     * and the regular expression agree on every one, and a good share of the patterns take the fast path and match.
     */
    @Test
    void theFastPathAgreesWithTheRegularExpression() {
        SplittableRandom random = new SplittableRandom(13);
        String[] atoms = {"a", "b", "-", "_", ".", "\\d", "\\w", "\\.", "\\-", "[ab]", "[a-c]", "[0-9]", "[a-z0-9-]",
            "[-b]", "[A-Z_]", "[\\d.]", "x", "1", " ", "[bx]"};
        String[] quantifiers = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "{3}", "{1,3}"};
        String[] alphabet = {"a", "b", "c", "x", "-", "_", ".", "1", "5", "A", "Z", " ", "\n", "é", "\uD83D\uDE00"};
        int fast = 0;
        int matched = 0;
        int cases = 0;
        for (int i = 0; i < 3_000; i++) {
            StringBuilder p = new StringBuilder("^");
            int n = 1 + random.nextInt(4);
            for (int k = 0; k < n; k++) {
                p.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            p.append('$');
            SchemaPattern sp = SchemaPattern.compile(p.toString());
            Pattern regex = Pattern.compile(SchemaPattern.endOfInput(p.toString()));
            if (sp.isSequence()) {
                fast++;
            }
            List<String> inputs = new ArrayList<>();
            for (int s = 0; s < 30; s++) {
                StringBuilder in = new StringBuilder();
                int len = random.nextInt(7);
                for (int c = 0; c < len; c++) {
                    in.append(alphabet[random.nextInt(alphabet.length)]);
                }
                inputs.add(in.toString());
            }
            inputs.add(sample(p.toString(), random)); // a string built to match, so that matches are common
            for (String in : inputs) {
                boolean expected = regex.matcher(in).find();
                assertThat(sp.find(in)).as("%s on \"%s\"", p, in).isEqualTo(expected);
                cases++;
                if (expected && sp.isSequence()) {
                    matched++;
                }
            }
        }
        assertThat(fast).as("patterns on the fast path").isGreaterThan(1_000);
        assertThat(matched).as("fast-path matches among %d cases", cases).isGreaterThan(1_000);
    }

    /** A string that the random pattern's parts would accept, taking each part its least count plus maybe one. */
    private static String sample(String pattern, SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < pattern.length() - 1) {
            String atom;
            if (pattern.charAt(i) == '\\') {
                atom = pattern.substring(i, i + 2);
            } else if (pattern.charAt(i) == '[') {
                atom = pattern.substring(i, pattern.indexOf(']', i) + 1);
            } else {
                atom = pattern.substring(i, i + 1);
            }
            i += atom.length();
            int min = 1;
            int extra = 0;
            if (i < pattern.length() - 1) {
                char q = pattern.charAt(i);
                if (q == '?' || q == '*' || q == '+') {
                    min = q == '+' ? 1 : 0;
                    extra = random.nextInt(2);
                    i++;
                } else if (q == '{') {
                    int close = pattern.indexOf('}', i);
                    String[] b = pattern.substring(i + 1, close).split(",", -1);
                    min = Integer.parseInt(b[0]);
                    extra = b.length == 1 ? 0 : random.nextInt(2);
                    i = close + 1;
                }
            }
            Pattern one = Pattern.compile(atom);
            for (int k = 0; k < min + extra; k++) {
                for (char c = ' '; c < 0x7f; c++) {
                    if (one.matcher(String.valueOf(c)).matches() && random.nextInt(3) == 0) {
                        out.append(c);
                        break;
                    }
                }
            }
        }
        return out.toString();
    }
}
