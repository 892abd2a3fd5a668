package io.asyncapikafka.codegen;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.model.Diagnostic;
import java.util.List;

/**
 * The generated sources, in memory and in a stable order, with diagnostics (unsupported schema shapes, ...) and the
 * build summary: one line per operation (channel, operationId, send/receive, generated type) and per resolved
 * retry/DLQ topic.
 */
public record GenerationResult(List<JavaFile> files, List<Diagnostic> diagnostics, List<String> summary) {
    public GenerationResult {
        files = List.copyOf(files);
        diagnostics = List.copyOf(diagnostics);
        summary = List.copyOf(summary);
    }

    /** The files as UTF-8 source text with their relative paths, in {@link #files()} order; see {@link SourceFiles}. */
    public List<SourceFiles.Source> render() {
        return SourceFiles.render(files);
    }

    /** The same, rendered (see {@link #render()}). */
    public GeneratedSources toSources() {
        return new GeneratedSources(render(), diagnostics, summary);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
