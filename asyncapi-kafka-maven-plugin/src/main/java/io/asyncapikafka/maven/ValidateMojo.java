package io.asyncapikafka.maven;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Reads and checks the contract and every file it references, prints each diagnostic as a clickable
 * {@code file:line:col} line, and fails the build when there are errors. Generates nothing: meant for CI checks of
 * contract repositories.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public final class ValidateMojo extends AbstractContractMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asyncapi-kafka: validation skipped (asyncapi.skip)");
            return;
        }
        Path file = contract.toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new MojoFailureException("Contract file not found: " + file
                    + " (set <contract> or -Dasyncapi.contract=path/to/asyncapi.yaml)");
        }
        ReadResult result;
        try {
            result = ContractReader.create(readerOptions()).read(file);
        } catch (InvalidParameterException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
        List<String> errors = ContractDiagnostics.report(result.diagnostics(), file, buildLog());
        if (!errors.isEmpty() || result.model().isEmpty()) {
            throw new MojoFailureException(ContractDiagnostics.failure("Reading contract", file, errors).getMessage());
        }
        AsyncApiModel model = result.model().get();
        getLog().info("asyncapi-kafka: " + file.getFileName() + " is valid: AsyncAPI " + model.asyncapiVersion()
                + ", " + model.channels().size() + " channels, " + model.operations().size() + " operations, "
                + model.inputFiles().size() + " files, " + result.warnings().size() + " warnings");
    }
}
