package io.asyncapikafka.maven;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Attaches the contract and every file it references as one zip (classifier {@code asyncapi}) to the project's
 * artifacts, so that {@code mvn install}/{@code deploy} publishes it and a later build can name the released version,
 * {@code groupId:artifactId:version}, as its {@code compat} baseline.
 */
@Mojo(name = "attach-contract", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class AttachContractMojo extends AbstractContractMojo {

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asyncapi-kafka: attach-contract skipped (asyncapi.skip)");
            return;
        }
        Path zip = Path.of(project.getBuild().getDirectory(), project.getArtifactId() + "-" + project.getVersion()
                + "-" + ContractArchive.CLASSIFIER + "." + ContractArchive.TYPE);
        try {
            ContractSource.Resolved source = resolveContract();
            Path file = source.contract();
            ContractReader reader = ContractReader.create(readerOptions(source));
            AsyncApiModel model = ContractDiagnostics.read(file, reader::read, buildLog()).model().orElseThrow();
            ContractArchive.pack(file, model.inputFiles(), zip);
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("asyncapi-kafka: cannot write " + zip + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, ContractArchive.TYPE, ContractArchive.CLASSIFIER, zip.toFile());
        getLog().info("asyncapi-kafka: attached " + zip.getFileName() + " (contract and referenced files)");
    }
}
