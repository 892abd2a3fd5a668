package io.asyncapikafka.model.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * The YAML 1.2 core schema (YAML 1.2.2, section 10.3): what a plain scalar means. {@code null}, {@code Null},
 * {@code NULL}, {@code ~} and the empty scalar are null; {@code true}/{@code false} in three spellings are booleans;
 * decimal, {@code 0o} octal and {@code 0x} hexadecimal integers and decimal floats are numbers; {@code .inf},
 * {@code -.inf}, {@code .nan} are kept as written (they have no JSON value); everything else, {@code on}, {@code off},
 * {@code yes}, {@code no}, {@code y}, {@code 1_000}, {@code 0b1}, {@code 012:30} included, is a string. Quoted and
 * block scalars are always strings; an explicit tag ({@code !!str 12}, {@code !!int "12"}) decides for itself.
 */
final class Yaml12Scalars {

    private static final String TAG_PREFIX = "tag:yaml.org,2002:";
    private static final Pattern INT10 = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern INT8 = Pattern.compile("0o[0-7]+");
    private static final Pattern INT16 = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INF_NAN = Pattern.compile("[-+]?(\\.inf|\\.Inf|\\.INF)|\\.nan|\\.NaN|\\.NAN");

    private Yaml12Scalars() {}

    /** The value of a scalar event: a String, Boolean, BigDecimal or null (see the class comment). */
    static Object value(ScalarEvent e) {
        String text = e.getValue();
        Optional<String> tag = e.getTag();
        if (tag.isPresent() && !"!".equals(tag.get())) {
            return tagged(tag.get(), text);
        }
        if (!e.isPlain() || tag.isPresent()) {
            return text; // quoted, literal, folded, or the non-specific tag "!": a string
        }
        return plain(text);
    }

    /** The core schema's reading of an untagged plain scalar. */
    static Object plain(String text) {
        if (text.isEmpty()) {
            return null;
        }
        char c = text.charAt(0);
        // most plain scalars are words: settle them on the first character
        if (!(c == '-' || c == '+' || c == '.' || c == '~' || (c >= '0' && c <= '9')
                || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F')) {
            return text;
        }
        switch (text) {
            case "null", "Null", "NULL", "~" -> {
                return null;
            }
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> {
                return number(text);
            }
        }
    }

    private static Object number(String text) {
        if (INT10.matcher(text).matches()) {
            return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }
        if (INT8.matcher(text).matches()) {
            return new BigDecimal(new BigInteger(text.substring(2), 8));
        }
        if (INT16.matcher(text).matches()) {
            return new BigDecimal(new BigInteger(text.substring(2), 16));
        }
        if (FLOAT.matcher(text).matches()) {
            return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }
        return text; // .inf / .nan (no JSON value, kept as written) and everything else: strings
    }

    private static Object tagged(String tag, String text) {
        String t = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : tag;
        return switch (t) {
            case "str" -> text;
            case "null", "bool", "int", "float" -> {
                Object v = plain(text);
                boolean fits = switch (t) {
                    case "null" -> v == null;
                    case "bool" -> v instanceof Boolean;
                    default -> v instanceof BigDecimal || INF_NAN.matcher(text).matches();
                };
                yield fits ? v : text;
            }
            default -> text; // a local tag (!foo): the text as written
        };
    }
}
