package io.asyncapikafka.codegen.types;

import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Severity;
import io.asyncapikafka.model.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The generator's diagnostics, collected in the order found. Codes are stable and listed in
 * {@code codegen-core/DIAGNOSTICS.md}; a shape that cannot be typed is reported here and falls back to
 * {@code JsonNode} visibly, never silently to {@code Object}.
 */
final class Problems {

    static final String COMPOSITION_NOT_MERGEABLE = "AKG001";
    static final String UNION_VARIANT_NOT_OBJECT = "AKG002";
    static final String EXTRA_PROPERTIES_DROPPED = "AKG003";
    static final String PATTERN_NOT_JAVA = "AKG004";
    static final String LITERAL_NOT_CONVERTIBLE = "AKG005";
    static final String ENUM_NOT_STRING = "AKG006";
    static final String NULL_TYPE = "AKG007";
    static final String ALLOF_CONFLICT = "AKG008";
    static final String DISCRIMINATOR_UNMAPPED = "AKG009";
    static final String HEADERS_NOT_OBJECT = "AKG010";
    static final String KEY_NOT_CHECKED = "AKG011";
    static final String ALLOF_NOT_RECORD = "AKG012";
    static final String UNION_INDISTINCT = "AKG013";
    static final String INTEGER_NARROWED = "AKG014";
    static final String OBJECT_WITHOUT_TYPE = "AKG015";
    static final String EXAMPLE_INVALID = "AKG020";
    /** Errors: an {@code x-java-name} that is not a usable Java name, or that another type already has. */
    static final String JAVA_NAME_INVALID = "AKG016";
    static final String JAVA_NAME_CLASH = "AKG017";

    private final List<Diagnostic> found = new ArrayList<>();

    private Problems() {}

    static Problems create() {
        return new Problems();
    }

    void warn(String code, String message, String hint, SourceLocation at) {
        found.add(new Diagnostic(code, Severity.WARNING, message, hint, at == null ? SourceLocation.UNKNOWN : at));
    }

    /** A problem that fails the build (an example that breaks its schema, a name the contract chose that cannot be given). */
    void error(String code, String message, String hint, SourceLocation at) {
        found.add(new Diagnostic(code, Severity.ERROR, message, hint, at == null ? SourceLocation.UNKNOWN : at));
    }

    /** Adds what {@code other} found, after what this one found (merging per-task findings in a fixed order). */
    void addAll(Problems other) {
        found.addAll(other.found);
    }

    /** In document order (file, line, column), whatever order the generators found them in; stable for ties. */
    List<Diagnostic> all() {
        return found.stream().sorted(Comparator.comparing((Diagnostic d) -> d.location().file())
                .thenComparingInt(d -> d.location().line())
                .thenComparingInt(d -> d.location().column())).toList();
    }
}
