package io.asyncapikafka.codegen.types;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that turns contract names into Java names: class names, member (field, accessor, builder method)
 * names and enum constants. Every conversion is a pure function of its input; collisions are resolved by the order of
 * the calls (document order), never by hash order.
 *
 * <p>Class names are allocated per package and compared ignoring case, because {@code OrderItem.java} and
 * {@code Orderitem.java} are the same file on case-insensitive file systems.
 */
public final class Naming {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "_", "var",
            "yield", "record", "sealed", "permits", "non-sealed");

    /**
     * Member names a generated record cannot use for a component: {@code Object} methods, and the members every
     * generated type declares itself ({@code validate}, {@code builder}, header conversion).
     */
    private static final Set<String> RESERVED_MEMBERS = Set.of(
            "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "equals",
            "validate", "builder", "build", "toKafkaHeaders", "writeTo", "fromKafkaHeaders", "value", "fromValue");

    /** Class names that would shadow what generated code refers to, or clash with the nested {@code Builder}. */
    private static final Set<String> RESERVED_CLASSES = Set.of(
            "Builder", "Object", "String", "Class", "Record", "Enum", "Integer", "Long", "Double", "Boolean",
            "Override", "Deprecated", "Math", "Iterable", "Character", "Number", "Void", "System");

    private final Set<String> takenLowerCase = new HashSet<>();

    private Naming() {}

    /** A fresh allocator for one package's class names. */
    public static Naming forPackage() {
        return new Naming();
    }

    /**
     * Takes the first candidate whose class name is still free; when all are taken (a genuine collision), the first
     * candidate with the smallest free number appended.
     */
    public String allocateClass(List<String> candidates) {
        List<String> names = new ArrayList<>();
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                String n = className(c);
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        if (names.isEmpty()) {
            names.add("Value");
        }
        for (String n : names) {
            if (takenLowerCase.add(n.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        String base = names.get(0);
        for (int i = 2; ; i++) {
            String n = base + i;
            if (takenLowerCase.add(n.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
    }

    /**
     * Makes names unique within one type (fields of a record, constants of an enum): the first keeps its name, later
     * duplicates (compared ignoring case) get the smallest free number, in the given order.
     */
    public static List<String> unique(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String candidate = n;
            for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
                candidate = n + i;
            }
            out.add(candidate);
        }
        return List.copyOf(out);
    }

    /** The contract extension that gives a channel, operation, message or schema its Java name. */
    public static final String JAVA_NAME = "x-java-name";

    /**
     * Whether {@code name}, an {@code x-java-name} value, can be used as written: a Java identifier that is not a
     * keyword (nor {@code var}, {@code record}, ...) and not a class name generated code relies on.
     */
    public static boolean isUsableJavaName(String name) {
        return name != null && javax.lang.model.SourceVersion.isIdentifier(name)
                && !javax.lang.model.SourceVersion.isKeyword(name) && !KEYWORDS.contains(name)
                && !RESERVED_CLASSES.contains(upperFirst(name)) && name.indexOf('$') < 0;
    }

    /** {@code javaName} (an {@code x-java-name}) when it is usable, else {@code fallback}. */
    public static String chosenOr(String javaName, String fallback) {
        return isUsableJavaName(javaName) ? javaName : fallback;
    }

    /** {@code turnOn} → {@code TurnOn}: an {@code x-java-name} as a class name, spelled as written otherwise. */
    public static String upperFirst(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code TurnOn} → {@code turnOn}: an {@code x-java-name} as a method name, spelled as written otherwise. */
    public static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Allocates {@code chosen} (an {@code x-java-name}, as a class name) exactly, or returns {@code null} when a class
     * of that name (ignoring case) is taken already: a chosen name is never numbered silently.
     */
    public String allocateExact(String chosen) {
        return takenLowerCase.add(chosen.toLowerCase(Locale.ROOT)) ? chosen : null;
    }

    /** {@code order created}, {@code order-created}, {@code orders.v1} → {@code OrderCreated}, {@code OrdersV1}. */
    public static String className(String raw) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(raw)) {
            sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        }
        String n = sb.length() == 0 ? "Value" : sb.toString();
        if (Character.isDigit(n.charAt(0))) {
            n = "_" + n;
        }
        return RESERVED_CLASSES.contains(n) ? n + "Type" : n;
    }

    /** {@code first-name}, {@code First Name}, {@code FIRST_NAME} → {@code firstName}; keywords get a {@code _}. */
    public static String memberName(String raw) {
        List<String> ws = words(raw);
        StringBuilder sb = new StringBuilder();
        for (String w : ws) {
            if (sb.length() == 0) {
                sb.append(lowerFirstWord(w));
            } else {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            }
        }
        String n = sb.length() == 0 ? "value" : sb.toString();
        if (Character.isDigit(n.charAt(0))) {
            n = "_" + n;
        }
        return KEYWORDS.contains(n) || RESERVED_MEMBERS.contains(n) ? n + "_" : n;
    }

    /** {@code in-progress}, {@code inProgress} → {@code IN_PROGRESS}; {@code 200} → {@code _200}. */
    public static String constantName(String raw) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(raw)) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(w.toUpperCase(Locale.ROOT));
        }
        String n = sb.length() == 0 ? "EMPTY" : sb.toString();
        return Character.isDigit(n.charAt(0)) ? "_" + n : n;
    }

    /** Array items are named in the singular: {@code items} → {@code item}, {@code categories} → {@code category}. */
    public static String singular(String raw) {
        String s = Objects.requireNonNull(raw);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ies") && s.length() > 3) {
            return s.substring(0, s.length() - 3) + (Character.isUpperCase(s.charAt(s.length() - 1)) ? "Y" : "y");
        }
        if (lower.endsWith("sses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes")) {
            return s.substring(0, s.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is")
                && s.length() > 1) {
            return s.substring(0, s.length() - 1);
        }
        return s + "Item";
    }

    /**
     * Splits on everything that is not a letter or digit, and on lower→upper case changes, so both {@code orderId}
     * and {@code order_id} give {@code [order, Id]} / {@code [order, id]}. All-caps words are lowered
     * ({@code ID} → {@code Id}) so case variants of one name map to one Java name, and collide visibly.
     */
    static List<String> words(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        StringBuilder w = new StringBuilder();
        int[] cps = raw.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean part = Character.isLetterOrDigit(c) && Character.isJavaIdentifierPart(c);
            if (!part) {
                flush(w, out);
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            if (w.length() > 0 && upper) {
                int prev = w.codePointBefore(w.length());
                boolean nextLower = i + 1 < cps.length && Character.isLowerCase(cps[i + 1]);
                if (!Character.isUpperCase(prev) || nextLower) {
                    flush(w, out); // orderId → order|Id, HTTPServer → HTTP|Server
                }
            }
            w.appendCodePoint(c);
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (w.length() == 0) {
            return;
        }
        String s = w.toString();
        // A plain loop, not codePoints().noneMatch(): this runs for every word of every generated name.
        boolean allUpper = true;
        for (int i = 0; i < s.length() && allUpper; ) {
            int c = s.codePointAt(i);
            allUpper = !Character.isLowerCase(c);
            i += Character.charCount(c);
        }
        out.add(allUpper && s.length() > 1 ? s.charAt(0) + s.substring(1).toLowerCase(Locale.ROOT) : s);
        w.setLength(0);
    }

    private static String lowerFirstWord(String w) {
        return w.toLowerCase(Locale.ROOT).charAt(0) + w.substring(1);
    }
}
