package io.asyncapikafka.codegen.types;

import io.asyncapikafka.model.Schema.SchemaMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns contract text into javadoc that cannot end the comment or smuggle code: {@code *}{@code /} is broken up,
 * backslashes become entities (javac decodes {@code \}{@code u002a} before it sees comments), HTML and
 * {@code @} are escaped. The result is always passed to JavaPoet as a {@code $L} argument, never as a format.
 */
public final class Javadocs {

    private Javadocs() {}

    /** {@code text} escaped for a javadoc comment; empty for {@code null}. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\' -> sb.append("&#92;");
                case '@' -> sb.append("&#64;");
                case '/' -> sb.append(i > 0 && s.charAt(i - 1) == '*' ? "&#47;" : "/");
                default -> sb.append(Character.isISOControl(c) && c != '\n' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** Title, then description, each escaped; empty when the schema has neither. */
    static String of(SchemaMeta meta) {
        List<String> parts = new ArrayList<>();
        if (meta.title() != null && !meta.title().isBlank()) {
            parts.add(escape(meta.title()));
        }
        if (meta.description() != null && !meta.description().isBlank()) {
            parts.add(escape(meta.description()));
        }
        return String.join("\n\n", parts);
    }

    /** One line for a {@code @param} tag: description, else title. */
    static String summary(SchemaMeta meta) {
        String s = meta.description() != null && !meta.description().isBlank() ? meta.description() : meta.title();
        return s == null || s.isBlank() ? "" : escape(s).replace('\n', ' ');
    }
}
