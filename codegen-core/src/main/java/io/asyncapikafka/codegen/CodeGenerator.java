package io.asyncapikafka.codegen;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.kafka.KafkaApiGenerator;
import io.asyncapikafka.codegen.types.GeneratedTypes;
import io.asyncapikafka.codegen.types.MessageTypes;
import io.asyncapikafka.codegen.types.TypesGenerator;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

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
        Parts<JavaFile> p = run(model, Function.identity());
        return new GenerationResult(p.files(), p.diagnostics(), p.summary());
    }

    /**
     * As {@link #generate}, rendered: each file becomes its source text as soon as it is built, on the thread that
     * built it, so the JavaPoet trees of a large contract (several times the size of their text) are never all held
     * at once. What the Maven plugin runs.
     */
    public GeneratedSources generateSources(AsyncApiModel model) {
        Parts<SourceFiles.Source> p = run(model, SourceFiles::render);
        return new GeneratedSources(p.files(), p.diagnostics(), p.summary());
    }

    private record Parts<F>(List<F> files, List<Diagnostic> diagnostics, List<String> summary) {}

    private <F> Parts<F> run(AsyncApiModel model, Function<JavaFile, F> finish) {
        Objects.requireNonNull(model, "model");
        TypesGenerator.Output<F> types = TypesGenerator.create(options).generate(model, finish);
        KafkaApiGenerator.Output<F> kafka = KafkaApiGenerator.create(options).generate(model, types.types(), finish);
        List<F> files = new ArrayList<>(types.files());
        files.addAll(kafka.files());
        List<Diagnostic> diagnostics = new ArrayList<>(types.diagnostics());
        diagnostics.addAll(kafka.diagnostics());
        // The types' lines first (payload/key/headers per message), then the Kafka API's (generated producer or
        // handler per operation, parameterised channels, retry/DLQ topics and the rule that chose them, servers).
        List<String> summary = new ArrayList<>(summary(model, types.types()));
        summary.addAll(kafka.summary());
        return new Parts<>(files, diagnostics, summary);
    }

    /** One line per (operation, message): channel, operationId, send/receive, and the payload/key/headers types. */
    private List<String> summary(AsyncApiModel model, GeneratedTypes types) {
        List<String> lines = new ArrayList<>();
        for (Channel c : model.channels()) {
            if (!options.includes(c.name())) {
                continue;
            }
            for (Operation o : c.operations()) {
                for (Message m : o.messages()) {
                    MessageTypes t = types.of(m);
                    lines.add(c.name() + " " + o.operationId() + " " + o.direction().name().toLowerCase(Locale.ROOT)
                            + " " + m.name() + ": payload " + t.payload()
                            + (t.key().isPresent() ? ", key " + t.key().type() + " (" + t.key().encoding() + ")" : "")
                            + (t.headers() != null ? ", headers " + t.headers() : ""));
                }
            }
        }
        return lines;
    }
}
