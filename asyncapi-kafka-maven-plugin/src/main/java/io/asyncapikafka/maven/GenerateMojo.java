package io.asyncapikafka.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates Java sources (payload records, headers, topics, producers, consumer handlers, server configs) from an
 * AsyncAPI 2.0–2.6, 3.0 or 3.1 contract and adds them to the compile source roots.
 *
 * <p>Incremental: when the contract, every file it references, the options and the plugin are unchanged and the
 * output is still there, nothing is read or written. Otherwise everything is generated in memory first; only then
 * are changed files replaced, unchanged files left untouched and files no longer generated deleted. Files of an
 * execution that was removed from the pom are deleted on the next build.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractGenerateMojo {

    /** Where the generated sources go. Added to the project's compile source roots. */
    @Parameter(
            property = "asyncapi.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/asyncapi",
            required = true)
    private File outputDirectory;

    @Override
    File outputDirectory() {
        return outputDirectory;
    }

    @Override
    void addSourceRoot(String folder) {
        project.addCompileSourceRoot(folder);
    }
}
