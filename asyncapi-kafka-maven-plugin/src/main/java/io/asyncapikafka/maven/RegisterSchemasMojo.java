package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.kafka.AvroRegistrations;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Registers the schema of every Avro message in the registry framing under the subject the generated code looks it
 * up by (auto-registration is off at run time, so a release's CI registers first). Bound to no phase: run it on CI,
 * e.g. {@code mvn io.asyncapikafka:asyncapi-kafka-maven-plugin:register-schemas -Dasyncapi.contract=orders.yaml
 * -Dasyncapi.schemaRegistry.url=https://registry:8081}; credentials from {@code ASYNCAPI_SCHEMA_REGISTRY_USERNAME} /
 * {@code ASYNCAPI_SCHEMA_REGISTRY_PASSWORD}, as at run time. A channel with topic parameters is left out (warned).
 */
@Mojo(name = "register-schemas", threadSafe = true, requiresProject = false)
public final class RegisterSchemasMojo extends AbstractContractMojo {

    /** The registry URL, ahead of {@code ASYNCAPI_SCHEMA_REGISTRY_URL} and the contract's {@code schemaRegistryUrl}. */
    @Parameter(property = "asyncapi.schemaRegistry.url")
    private String schemaRegistryUrl;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("asyncapi-kafka: schema registration skipped (asyncapi.skip)");
            return;
        }
        try {
            ContractSource.Resolved source = resolveContract();
            ReaderOptions options = readerOptions(source);
            AsyncApiModel model = ContractDiagnostics.read(source.contract(),
                    p -> ContractReader.create(options).read(p), buildLog()).model().orElseThrow();
            AvroRegistrations.Plan plan = AvroRegistrations.of(model, generatorOptions(false));
            List<SchemaRegistration.Registered> done = SchemaRegistration.register(plan, schemaRegistryUrl,
                    System.getenv(), buildLog());
            getLog().info("asyncapi-kafka: " + ContractDiagnostics.count(done.size(), "schema") + " registered"
                    + (done.isEmpty() ? " (no Avro message of " + source.contract().getFileName()
                            + " uses the registry framing)" : ""));
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
    }
}
