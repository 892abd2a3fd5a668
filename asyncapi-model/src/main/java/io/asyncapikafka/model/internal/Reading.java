package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.SourceLocation;
import java.nio.file.Path;
import java.util.Optional;

/** One read of one contract: parse, resolve, build, check. Not thread-safe; a new instance per read. */
public final class Reading {
    private Reading() {}

    /** Reads {@code contract}; problems in the input never escape as exceptions. */
    public static ReadResult read(Path contract, ReaderOptions options) {
        Diagnostics diags = Diagnostics.create(options.strict());
        Path file = contract.toAbsolutePath().normalize();
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            Documents docs = Documents.create(file, options, diags);
            Node root = docs.load(Documents.keyOf(file), null);
            if (root == null) {
                return new ReadResult(Optional.empty(), diags.all());
            }
            if (!(root instanceof Node.MapNode map)) {
                diags.report(Code.ROOT_NOT_MAP, "the document must be a map, found " + Node.kind(root), root);
                return new ReadResult(Optional.empty(), diags.all());
            }
            AsyncApiModel model = ModelBuilderV3.reads(map)
                    ? ModelBuilderV3.create(options, docs, diags).build(map, fileName)
                    : ModelBuilder.create(options, docs, diags).build(map, fileName);
            // asyncapi-core's 3.0 view expects unresolved references: the 3.x reader checks the fields itself
            if (model != null && !diags.hasErrors() && !ModelBuilderV3.reads(map)) {
                // after errors, asyncapi-core would only restate them less precisely
                StructuralCheck.run(map, model.asyncapiVersion(), docs, diags);
            }
            boolean ok = model != null && !diags.hasErrors();
            return new ReadResult(ok ? Optional.of(model) : Optional.empty(), diags.all());
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not a problem of the contract: still a diagnostic, so a build log shows it next to the others.
            StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            diags.report(Code.INTERNAL, "internal error " + e + (top == null ? "" : " at " + top),
                    new SourceLocation(fileName, 0, 0, ""));
            return new ReadResult(Optional.empty(), diags.all());
        }
    }
}
