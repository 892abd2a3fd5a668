package io.asyncapikafka.codegen;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.kafka.KafkaApiGenerator;
import io.asyncapikafka.codegen.types.TypesGenerator;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Diagnostic;
import java.util.ArrayList;
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

    /**
     * Payload, enum, union, headers and key types (see {@link TypesGenerator}), then the Kafka API on top of them (see
     * {@link KafkaApiGenerator}): topics, servers, producers, handlers, entry point.
     */
    public GenerationResult generate(AsyncApiModel model) {
        Objects.requireNonNull(model, "model");
        TypesGenerator.Result types = TypesGenerator.create(options).generate(model);
        KafkaApiGenerator.Result kafka = KafkaApiGenerator.create(options).generate(model, types.types());
        List<JavaFile> files = new ArrayList<>(types.files());
        files.addAll(kafka.files());
        List<Diagnostic> diagnostics = new ArrayList<>(types.diagnostics());
        diagnostics.addAll(kafka.diagnostics());
        return new GenerationResult(files, diagnostics, kafka.summary());
    }
}
