package io.asyncapikafka.codegen;

import io.asyncapikafka.codegen.types.TypesGenerator;
import io.asyncapikafka.model.AsyncApiModel;
import java.util.List;
import java.util.Objects;

/** Model + options → Java sources in memory. Pure: touches no disk and knows nothing of Maven. */
public final class CodeGenerator {

    private final GeneratorOptions options;

    private CodeGenerator(GeneratorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static CodeGenerator create(GeneratorOptions options) {
        return new CodeGenerator(options);
    }

    /** Payload, enum, union, headers and key types (see {@link TypesGenerator}); Kafka API types come next. */
    public GenerationResult generate(AsyncApiModel model) {
        Objects.requireNonNull(model, "model");
        TypesGenerator.Result types = TypesGenerator.create(options).generate(model);
        return new GenerationResult(types.files(), types.diagnostics(), List.of());
    }
}
