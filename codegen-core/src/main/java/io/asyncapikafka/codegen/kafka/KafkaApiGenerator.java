package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.types.GeneratedTypes;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Generates the Kafka API of a contract (topics, server configs, producer facades, handler interfaces, the entry
 * point) into {@code <basePackage>.kafka}, on top of the payload, header and key types the types generator made.
 */
public final class KafkaApiGenerator {

    /** The sources, diagnostics and build-summary lines of the Kafka API. */
    public record Result(List<JavaFile> files, List<Diagnostic> diagnostics, List<String> summary) {
        public Result {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
            summary = List.copyOf(summary);
        }
    }

    /** Below this many files, handing work to other threads costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final GeneratorOptions options;

    private KafkaApiGenerator(GeneratorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static KafkaApiGenerator create(GeneratorOptions options) {
        return new KafkaApiGenerator(options);
    }

    /** With payloads typed as {@code JsonNode}: for contracts whose types are not generated (and for tests). */
    public Result generate(AsyncApiModel model) {
        return generate(model, TypeLookup.untyped(model));
    }

    /** On the payload, header and key types of {@code generated} (the types generator's registry). */
    public Result generate(AsyncApiModel model, GeneratedTypes generated) {
        return generate(model, TypeLookup.of(generated, model));
    }

    /**
     * As {@link #generate(AsyncApiModel, GeneratedTypes)}, with each file handed to {@code finish} (in parallel for
     * large contracts; {@code finish} must be thread-safe); the files keep their order.
     *
     * @param <F> what a file becomes, e.g. its rendered text
     */
    public <F> Output<F> generate(AsyncApiModel model, GeneratedTypes generated, Function<JavaFile, F> finish) {
        return generate(model, TypeLookup.of(generated, model), finish);
    }

    /** What {@link #generate(AsyncApiModel, GeneratedTypes, Function)} gives. */
    public record Output<F>(List<F> files, List<Diagnostic> diagnostics, List<String> summary) {
        public Output {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
            summary = List.copyOf(summary);
        }
    }

    Result generate(AsyncApiModel model, TypeLookup types) {
        Output<JavaFile> out = generate(model, types, Function.identity());
        return new Result(out.files(), out.diagnostics(), out.summary());
    }

    private <F> Output<F> generate(AsyncApiModel model, TypeLookup types, Function<JavaFile, F> finish) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        KafkaApiPlan plan = KafkaApiPlan.of(model, options,
                new RetryDlqResolver.Overrides(options.retryTopics(), options.deadLetterTopics()), diagnostics::add);
        KafkaSources sources = new KafkaSources(model.contractFile(), options.generatorVersion());
        List<TypeSpec> types2 = new ArrayList<>();
        types2.add(new TopicsGenerator(sources, plan).generate());
        if (!plan.messageConstants().isEmpty()) {
            types2.add(new MessagesGenerator(sources, plan, types).generate());
        }
        ProducerGenerator producers = new ProducerGenerator(sources, plan, types);
        InMemoryProducerGenerator inMemory = new InMemoryProducerGenerator(sources, plan, types);
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            if (c.producerClass() != null) {
                types2.add(producers.generate(c));
                types2.add(inMemory.generate(c));
            }
        }
        ParametersGenerator parameters = new ParametersGenerator(sources, plan, diagnostics::add);
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            if (c.parametersClass() != null) {
                types2.add(parameters.generate(c));
            }
        }
        HandlerGenerator handlers = new HandlerGenerator(sources, types, plan);
        ConsumerGenerator consumers = new ConsumerGenerator(sources, plan);
        for (KafkaApiPlan.ReceivePlan r : plan.receives()) {
            types2.add(handlers.generate(r));
            types2.add(consumers.generate(r));
        }
        ReplyGenerator replies = new ReplyGenerator(sources, plan, types);
        plan.replies().forEach(r -> types2.add(replies.generate(r)));
        if (!plan.servers().isEmpty()) {
            types2.add(ServerSettingsGenerator.generate(sources));
            ServerConfigGenerator servers = new ServerConfigGenerator(sources, plan.packageName());
            plan.servers().forEach(s -> types2.add(servers.generate(s)));
        }
        AclPlan acls = AclPlan.of(plan, diagnostics::add);
        types2.add(new AclsGenerator(sources, plan, acls).generate());
        types2.add(new EntryPointGenerator(sources, plan).generate());
        // Files are independent once built; ordered, so the result does not depend on scheduling.
        Stream<TypeSpec> specs = types2.size() >= PARALLEL_THRESHOLD ? types2.parallelStream() : types2.stream();
        List<F> files = specs.map(t -> finish.apply(sources.file(plan.packageName(), t))).toList();
        List<String> summary = new ArrayList<>(KafkaSummary.lines(plan));
        summary.add(acls.summaryLine());
        return new Output<>(files, diagnostics, summary);
    }
}
