package io.asyncapikafka.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Like {@code generate}, but into the <em>test</em> sources: the output folder is added to the test compile source
 * roots, so the classes are compiled into {@code target/test-classes} and never into the project's jar.
 *
 * <p>Meant for the other side of a contract in a service's tests: with {@code <role>client</role>} a service that
 * receives messages gets, for its tests only, the producers that send them (and the handlers for what it sends).
 * Use a package of its own, e.g. {@code com.acme.orders.client}, so the test-side types never shadow the service's.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public final class GenerateTestMojo extends AbstractGenerateMojo {

    /** Where the generated test sources go. Added to the project's test compile source roots. */
    @Parameter(
            property = "asyncapi.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/asyncapi",
            required = true)
    private File outputDirectory;

    /** Skip this goal only (for example with {@code -DskipTests}-like switches of a build). */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean testSkip;

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    boolean skipped() {
        return testSkip;
    }

    @Override
    void addSourceRoot(String folder) {
        project.addTestCompileSourceRoot(folder);
    }
}
