package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratedSources;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.SourceFiles;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code generate} goal without Maven: skip when up to date, else read, generate everything in memory, and only
 * when both succeeded replace the output. A failure at any step leaves the previous output and state as they were.
 */
final class ContractGeneration {

    /**
     * What happened.
     *
     * @param upToDate nothing was read or written
     * @param sync what was written, kept and deleted (empty lists when up to date)
     * @param elapsedMillis the plugin's own time, from the mojo's start
     */
    record Outcome(boolean upToDate, OutputSync.Result sync, long elapsedMillis) {}

    private final GenerateRequest request;
    private final Function<Path, ReadResult> reader;
    private final Function<AsyncApiModel, GeneratedSources> generator;

    private ContractGeneration(
            GenerateRequest request,
            Function<Path, ReadResult> reader,
            Function<AsyncApiModel, GeneratedSources> generator) {
        this.request = Objects.requireNonNull(request, "request");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    /**
     * With the real reader and generator; they are only loaded when the contract actually has to be read. Anonymous
     * classes rather than lambdas: a lambda's first creation is bootstrapped through invokedynamic, which would be
     * paid on the up-to-date path too.
     */
    static ContractGeneration of(GenerateRequest request) {
        ReaderOptions readerOptions = request.readerOptions();
        GeneratorOptions generatorOptions = request.generatorOptions();
        return new ContractGeneration(
                request,
                new Function<Path, ReadResult>() {
                    @Override
                    public ReadResult apply(Path contract) {
                        return ContractReader.create(readerOptions).read(contract);
                    }
                },
                new Function<AsyncApiModel, GeneratedSources>() {
                    @Override
                    public GeneratedSources apply(AsyncApiModel model) {
                        return CodeGenerator.create(generatorOptions).generateSources(model);
                    }
                });
    }

    /** With substitutes, for tests. */
    static ContractGeneration of(
            GenerateRequest request,
            Function<Path, ReadResult> reader,
            Function<AsyncApiModel, GeneratedSources> generator) {
        return new ContractGeneration(request, reader, generator);
    }

    Outcome run(BuildLog log, long startNanos) throws ContractFailure, IOException {
        Path contract = request.contract();
        ContractDiagnostics.requireContract(contract);
        IncrementalBuild build = IncrementalBuild.at(request.stateFile());
        if (build.isUpToDate(request.contractDir(), request.settings())) {
            long millis = millisSince(startNanos);
            log.info("asyncapi-kafka: " + request.display(contract) + " is up to date (fingerprint unchanged),"
                    + " generation skipped in " + millis + " ms");
            return new Outcome(true, new OutputSync.Result(List.of(), List.of(), List.of()), millis);
        }

        ContractCheck.Checked checked = ContractCheck.run(contract, request.generatorOptions(),
                request.readerOptions().strict(), reader, generator, log);
        AsyncApiModel model = checked.model();
        GeneratedSources generated = checked.generated();
        Map<String, byte[]> files = sources(generated);

        OutputSync.Result sync = build.commit(
                request.contractDir(), model.inputFiles(), request.settings(), request.outputDirectory(), files);
        generated.summary().forEach(line -> log.info("  " + line));
        long millis = millisSince(startNanos);
        log.info("asyncapi-kafka: generated " + ContractDiagnostics.count(sync.total(), "file") + " from "
                + request.display(contract) + " into " + request.display(request.outputDirectory()) + ": "
                + sync.written().size() + " written, " + sync.unchanged().size() + " unchanged, "
                + sync.deleted().size() + " deleted (" + millis + " ms)");
        return new Outcome(false, sync, millis);
    }

    /** {@code <package path>/<Name>.java} → UTF-8 bytes, in the generator's order. */
    static Map<String, byte[]> sources(GeneratedSources generated) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (SourceFiles.Source source : generated.sources()) {
            files.put(source.path(), source.bytes());
        }
        return files;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
