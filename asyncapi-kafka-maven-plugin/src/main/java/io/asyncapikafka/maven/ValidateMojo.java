package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratedSources;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Reads and checks the contract and every file it references, runs the generator in memory with the same options
 * {@code generate} takes, prints each diagnostic of both as a clickable {@code file:line:col} line, and fails the
 * build when there are errors ({@code strict}: also on warnings). Writes nothing: meant for CI checks of contract
 * repositories, and runnable without a project:
 * {@code mvn io.asyncapikafka:asyncapi-kafka-maven-plugin:validate -Dasyncapi.contract=orders.yaml}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true, requiresProject = false)
public final class ValidateMojo extends AbstractContractMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asyncapi-kafka: validation skipped (asyncapi.skip)");
            return;
        }
        Path file;
        ContractCheck.Checked checked;
        try {
            ContractSource.Resolved source = resolveContract();
            file = source.contract();
            ReaderOptions options = readerOptions(source);
            GeneratorOptions generatorOptions = generatorOptions(false);
            checked = validate(file, options, generatorOptions, buildLog());
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
        AsyncApiModel model = checked.model();
        getLog().info("asyncapi-kafka: " + file.getFileName() + " is valid: AsyncAPI " + model.asyncapiVersion()
                + ", " + ContractDiagnostics.count(model.channels().size(), "channel")
                + ", " + ContractDiagnostics.count(model.operations().size(), "operation")
                + ", " + ContractDiagnostics.count(model.inputFiles().size(), "file")
                + ", " + ContractDiagnostics.count(checked.warnings(), "warning"));
    }

    /** The validate goal without Maven: the real reader and generator, nothing written. */
    static ContractCheck.Checked validate(Path contract, ReaderOptions options, GeneratorOptions generatorOptions,
            BuildLog log) throws ContractFailure {
        Function<Path, ReadResult> reader = path -> ContractReader.create(options).read(path);
        Function<AsyncApiModel, GeneratedSources> generator =
                model -> CodeGenerator.create(generatorOptions).generateSources(model);
        ContractCheck.Checked checked = ContractCheck.run(contract, generatorOptions, options.strict(), reader,
                generator, log);
        checked.generated().summary().forEach(line -> log.info("  " + line));
        return checked;
    }
}
