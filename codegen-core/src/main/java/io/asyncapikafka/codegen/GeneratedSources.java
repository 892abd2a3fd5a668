package io.asyncapikafka.codegen;

import io.asyncapikafka.model.Diagnostic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The generated sources as text ({@link CodeGenerator#generateSources}), in the same stable order as
 * {@link GenerationResult#files()}, with the same diagnostics and build summary.
 */
public record GeneratedSources(List<SourceFiles.Source> sources, List<Diagnostic> diagnostics, List<String> summary) {
    public GeneratedSources {
        sources = List.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
        summary = List.copyOf(summary);
        Set<String> paths = new HashSet<>();
        for (SourceFiles.Source s : sources) {
            if (!paths.add(s.path())) {
                throw new IllegalStateException("the generator produced " + s.path() + " twice");
            }
        }
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
