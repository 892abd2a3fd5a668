package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratorOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code generate} and {@code generate-test} share: the parameters become one typed request, the generation
 * runs (or is skipped as up to date), executions no longer in the project are cleaned up, and the output folder is
 * added to the source roots the subclass names.
 */
abstract class AbstractGenerateMojo extends AbstractContractMojo {

    /** This goal's output folder (its own parameter, so each goal has its own default and property). */
    abstract File outputDirectory();

    /** Adds the output folder to the main or the test compile source roots. */
    abstract void addSourceRoot(String folder);

    /** A goal-specific reason to skip, besides {@code asyncapi.skip}. */
    boolean skipped() {
        return false;
    }

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution mojoExecution;

    /**
     * The {@code compat} goal's baseline (same name and property, so a plugin-level setting serves both): the Avro
     * schemas it knows are resolved by the generated single-object readers too, so records an earlier version wrote
     * are read by Avro's rules (a version the current schema cannot read is warning AKG024).
     */
    @Parameter(property = "asyncapi.compat.baseline")
    private String baseline;

    /** The {@code compat} goal's baselines, likewise (files, {@code git:<revision>}, {@code groupId:artifactId:version}). */
    @Parameter(property = "asyncapi.compat.baselines")
    private List<String> baselines;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        if (skip || skipped()) {
            getLog().info("asyncapi-kafka: generation skipped (" + (skip ? "asyncapi.skip" : "maven.test.skip") + ")");
            return;
        }
        GenerateRequest request;
        try {
            request = request();
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        }
        try {
            StaleExecutions.clean(request.stateFile().getParent(), liveExecutionIds(), buildLog());
            ContractGeneration.of(request).run(buildLog(), start);
        } catch (ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("asyncapi-kafka: cannot write generated sources: " + e, e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
        // Also after an up-to-date skip: the sources from the last run must still be compiled.
        addSourceRoot(request.outputDirectory().toString());
    }

    /**
     * The ids of this plugin's executions in the project as it is built now (profiles applied), and the running one
     * and the command line's ({@code default-cli}). Any other state file is a removed execution's.
     */
    private Set<String> liveExecutionIds() {
        Set<String> ids = new TreeSet<>();
        ids.add(mojoExecution.getExecutionId());
        // A command-line run is not in the pom, yet it may run in this very session (`...:generate compile`) before
        // the pom's executions: never taken for removed.
        ids.add("default-cli");
        for (Plugin p : project.getBuildPlugins()) {
            if (p.getKey().equals(plugin.getPluginLookupKey())) {
                for (PluginExecution e : p.getExecutions()) {
                    ids.add(e.getId());
                }
            }
        }
        return ids;
    }

    /** The one place parameters become typed options; every invalid value fails here with its own message. */
    private GenerateRequest request() throws InvalidParameterException, ContractFailure {
        ContractSource.Resolved source = resolveContract();
        GeneratorOptions generatorOptions = generatorOptions(true);
        List<String> specs = new ArrayList<>();
        if (baselines != null) {
            baselines.stream().filter(s -> s != null && !s.isBlank()).forEach(specs::add);
        }
        if (baseline != null && !baseline.isBlank()) {
            specs.add(baseline);
        }
        if (!specs.isEmpty()) {
            List<String> schemas = CompatRun.avroSchemasOf(source.contract(), readerOptions(source), specs,
                    this::resolveReleased, buildLog());
            generatorOptions = generatorOptions.withAvroBaselineSchemas(schemas);
            if (!schemas.isEmpty()) {
                getLog().info("asyncapi-kafka: " + schemas.size() + " Avro schema(s) of " + String.join(", ", specs)
                        + " offered to the single-object readers");
            }
        }
        Path basedir = project.getBasedir().toPath();
        Path stateFile = Path.of(project.getBuild().getDirectory(), "asyncapi-kafka", stateFileName());
        return new GenerateRequest(
                basedir,
                source.contract(),
                outputDirectory().toPath(),
                stateFile,
                readerOptions(source),
                generatorOptions,
                pluginBuild());
    }

    /** One state per execution, so several executions (contracts, roles) in one project never share a manifest. */
    private String stateFileName() {
        return StaleExecutions.fileId(mojoExecution.getExecutionId()) + IncrementalBuild.SUFFIX;
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
