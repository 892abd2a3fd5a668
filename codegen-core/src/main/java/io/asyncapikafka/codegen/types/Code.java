package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A code fragment written like {@link CodeBlock#of} ({@code $L}, {@code $N}, {@code $S}, {@code $T}, {@code $$}) that
 * becomes a {@link CodeBlock} with as few parts as possible: names, literals and string literals are written into
 * the text at once, and runs of text (nested fragments included) are joined, so only type references remain
 * separate. The emitted source is the same character for character.
 *
 * <p>Why: JavaPoet emits every part of a block separately, twice per file (once to collect imports), and each emit
 * splits its text on line breaks with a regular expression. In validation and builder code most parts are a few
 * characters long, so that per-part cost was most of the time spent turning generated files into text. Public for
 * the Kafka API generators; not an API for anyone else.
 */
public final class Code {

    /** Text ({@link String}), a type reference ({@link TypeName}) or a block kept as it is ({@link CodeBlock}). */
    private final List<Object> segments;

    private Code(List<Object> segments) {
        this.segments = segments;
    }

    /**
     * A fragment from a {@link CodeBlock}-style format. {@code $L} takes a {@link Code}, a {@link CodeBlock} or any
     * value (written with {@link String#valueOf}); {@code $N} a name or a spec; {@code $S} a string or {@code null};
     * {@code $T} a {@link TypeName} or a {@link Class}. Positional, named and control codes are not supported: use
     * {@link CodeBlock} for those.
     */
    public static Code of(String format, Object... args) {
        Segments out = new Segments();
        int next = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            int dollar = format.indexOf('$', i);
            if (dollar < 0) {
                out.text(format.substring(i));
                break;
            }
            if (dollar > i) {
                out.text(format.substring(i, dollar));
            }
            if (dollar + 1 >= n) {
                throw new IllegalArgumentException("dangling $ at the end of '" + format + "'");
            }
            char c = format.charAt(dollar + 1);
            if (c == '$') {
                out.text("$");
            } else {
                if (next >= args.length) {
                    throw new IllegalArgumentException("too few arguments for '" + format + "'");
                }
                Object arg = args[next++];
                switch (c) {
                    case 'L' -> out.literal(arg);
                    case 'N' -> out.text(name(arg));
                    case 'S' -> out.string(arg);
                    case 'T' -> out.type(arg);
                    default -> throw new IllegalArgumentException(
                            "$" + c + " is not supported by Code (use CodeBlock): '" + format + "'");
                }
            }
            i = dollar + 2;
        }
        if (next != args.length) {
            throw new IllegalArgumentException("too many arguments for '" + format + "'");
        }
        return new Code(out.done());
    }

    /** The fragments with {@code separator} between them. */
    public static Code join(List<Code> parts, String separator) {
        Segments out = new Segments();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.text(separator);
            }
            out.literal(parts.get(i));
        }
        return new Code(out.done());
    }

    /** Adds a statement: the fragment, a semicolon and a line break, as {@link CodeBlock.Builder#addStatement}. */
    public static void statement(CodeBlock.Builder b, String format, Object... args) {
        b.add("$[$L$]", of(format + ";\n", args).block());
    }

    /** As {@link #statement(CodeBlock.Builder, String, Object...)}, in a method body. */
    public static void statement(MethodSpec.Builder m, String format, Object... args) {
        m.addCode("$[$L$]", of(format + ";\n", args).block());
    }

    /** Opens a block, as {@link CodeBlock.Builder#beginControlFlow}: the fragment, {@code " {"}, one indent more. */
    public static void open(CodeBlock.Builder b, String format, Object... args) {
        b.add("$L", of(format + " {\n", args).block()).indent();
    }

    /** Closes a block opened with {@link #open}, as {@link CodeBlock.Builder#endControlFlow()}. */
    public static void close(CodeBlock.Builder b) {
        b.endControlFlow();
    }

    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** The fragment as a block: one part per run of text, one per type reference. */
    public CodeBlock block() {
        CodeBlock.Builder b = CodeBlock.builder();
        for (Object s : segments) {
            if (s instanceof TypeName t) {
                b.add("$T", t);
            } else {
                b.add("$L", s); // a String or a CodeBlock: either is one part, emitted as is
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return block().toString();
    }

    private static String name(Object arg) {
        if (arg instanceof CharSequence s) {
            return s.toString();
        }
        if (arg instanceof ParameterSpec p) {
            return p.name();
        }
        if (arg instanceof FieldSpec f) {
            return f.name();
        }
        if (arg instanceof MethodSpec m) {
            return m.name();
        }
        if (arg instanceof TypeSpec t) {
            return t.name();
        }
        throw new IllegalArgumentException("expected a name for $N but got " + arg);
    }

    /**
     * The Java string literal JavaPoet writes for {@code $S} when the value has no line feed (with one, JavaPoet
     * breaks the literal into concatenated lines, so such values stay {@code $S} parts).
     */
    static String stringLiteral(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Builds the segment list, joining adjacent text. */
    private static final class Segments {
        private final List<Object> list = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        void text(String s) {
            text.append(s);
        }

        /** The segments, with the text written last. */
        List<Object> done() {
            flush();
            return List.copyOf(list);
        }

        void literal(Object arg) {
            if (arg instanceof Code code) {
                for (Object s : code.segments) {
                    if (s instanceof String t) {
                        text(t);
                    } else {
                        add(s);
                    }
                }
            } else if (arg instanceof CodeBlock block) {
                if (!block.isEmpty()) {
                    add(block);
                }
            } else if (arg instanceof TypeSpec || arg instanceof com.palantir.javapoet.AnnotationSpec) {
                add(CodeBlock.of("$L", arg)); // emitted by JavaPoet as a declaration, not as text
            } else {
                text(String.valueOf(arg));
            }
        }

        void string(Object arg) {
            if (arg == null) {
                text("null");
            } else {
                String s = arg.toString();
                if (s.indexOf('\n') >= 0) {
                    add(CodeBlock.of("$S", s));
                } else {
                    text(stringLiteral(s));
                }
            }
        }

        void type(Object arg) {
            if (arg instanceof TypeName t) {
                add(t);
            } else if (arg instanceof Class<?> c) {
                add(TypeName.get(c));
            } else {
                throw new IllegalArgumentException("expected a type for $T but got " + arg);
            }
        }

        private void add(Object segment) {
            flush();
            list.add(segment);
        }

        private void flush() {
            if (!text.isEmpty()) {
                list.add(text.toString());
                text.setLength(0);
            }
        }
    }
}
