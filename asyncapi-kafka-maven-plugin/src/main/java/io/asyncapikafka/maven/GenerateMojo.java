package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratorOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates Java sources (payload records, headers, topics, producers, consumer handlers, server configs) from an
 * AsyncAPI 2.0–2.6, 3.0 or 3.1 contract and adds them to the compile source roots.
 *
 * <p>Incremental: when the contract, every file it references, the options and the plugin are unchanged and the
 * output is still there, nothing is read or written. Otherwise everything is generated in memory first; only then
 * are changed files replaced, unchanged files left untouched and files no longer generated deleted.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractContractMojo {

    /** Where the generated sources go. Added to the project's compile source roots. */
    @Parameter(
            property = "asyncapi.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/asyncapi",
            required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        if (skip) {
            getLog().info("asyncapi-kafka: generation skipped (asyncapi.skip)");
            return;
        }
        GenerateRequest request;
        try {
            request = request();
        } catch (InvalidParameterException e) {
            throw new MojoFailureException(e.getMessage());
        }
        try {
            ContractGeneration.of(request).run(buildLog(), start);
        } catch (ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("asyncapi-kafka: cannot write generated sources: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
        // Also after an up-to-date skip: the sources from the last run must still be compiled.
        project.addCompileSourceRoot(request.outputDirectory().toString());
    }

    /** The one place parameters become typed options; every invalid value fails here with its own message. */
    private GenerateRequest request() throws InvalidParameterException {
        GeneratorOptions generatorOptions = generatorOptions(true);
        Path basedir = project.getBasedir().toPath();
        Path stateFile = Path.of(project.getBuild().getDirectory(), "asyncapi-kafka", stateFileName());
        return new GenerateRequest(
                basedir,
                contract.toPath(),
                outputDirectory.toPath(),
                stateFile,
                readerOptions(),
                generatorOptions,
                pluginBuild());
    }

    /** One state per execution, so several executions (contracts, roles) in one project never share a manifest. */
    private String stateFileName() {
        return mojoExecution.getExecutionId().replaceAll("[^A-Za-z0-9._-]", "_") + IncrementalBuild.SUFFIX;
    }

    /**
     * The version, and for snapshots the size and time of our own jars: a rebuilt snapshot generator keeps its
     * version, and must still regenerate. (Checking a few file attributes costs microseconds, hashing jars would not.)
     */
    private String pluginBuild() {
        String version = plugin.getVersion();
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        List<Artifact> artifacts = new ArrayList<>();
        if (plugin.getPluginArtifact() != null) {
            artifacts.add(plugin.getPluginArtifact());
        }
        if (plugin.getArtifacts() != null) {
            artifacts.addAll(plugin.getArtifacts());
        }
        SortedSet<String> stamps = new TreeSet<>();
        for (Artifact artifact : artifacts) {
            File file = artifact.getFile();
            if (plugin.getGroupId().equals(artifact.getGroupId()) && file != null) {
                stamps.add(artifact.getArtifactId() + ":" + file.length() + ":" + file.lastModified());
            }
        }
        return version + " " + String.join(" ", stamps);
    }
}
