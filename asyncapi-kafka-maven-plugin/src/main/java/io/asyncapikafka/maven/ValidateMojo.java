package io.asyncapikafka.maven;

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
 * Reads and checks the contract and every file it references, prints each diagnostic as a clickable
 * {@code file:line:col} line, and fails the build when there are errors. Generates nothing: meant for CI checks of
 * contract repositories, and runnable without a project:
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
        Path file = contract.toPath().toAbsolutePath().normalize();
        ReadResult result;
        try {
            ReaderOptions options = readerOptions();
            Function<Path, ReadResult> reader = path -> ContractReader.create(options).read(path);
            result = ContractDiagnostics.read(file, reader, buildLog());
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
        AsyncApiModel model = result.model().orElseThrow();
        getLog().info("asyncapi-kafka: " + file.getFileName() + " is valid: AsyncAPI " + model.asyncapiVersion()
                + ", " + ContractDiagnostics.count(model.channels().size(), "channel")
                + ", " + ContractDiagnostics.count(model.operations().size(), "operation")
                + ", " + ContractDiagnostics.count(model.inputFiles().size(), "file")
                + ", " + ContractDiagnostics.count(result.warnings().size(), "warning"));
    }
}
