package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Parameters shared by {@code generate} and {@code validate}: which contract, and how to read it. */
abstract class AbstractContractMojo extends AbstractMojo {

    /**
     * The AsyncAPI 2.0–2.6, 3.0 or 3.1 contract (YAML or JSON): a file, relative to the project's base directory (files
     * it references through {@code $ref} are found relative to it); or a Maven artifact holding it,
     * {@code groupId:artifactId:version[:classifier]}, resolved from the build's repositories: the zip the
     * {@code attach-contract} goal attaches (no classifier, or {@code asyncapi}), or with {@code contractPath} any jar
     * that holds the contract at that path. Its {@code $ref}s are read inside the artifact.
     */
    @Parameter(property = "asyncapi.contract", required = true)
    protected String contract;

    /**
     * With an artifact as {@code contract}: the contract's path inside its jar, e.g. {@code asyncapi/orders.yaml}.
     * Not needed for the zip {@code attach-contract} attaches, which names its contract.
     */
    @Parameter(property = "asyncapi.contractPath")
    protected String contractPath;

    @Component
    protected RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    protected RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    protected List<RemoteRepository> remoteRepositories;

    /**
     * Which side of the contract this project is: {@code application} (default; the contract describes this
     * service, so {@code subscribe} operations are sent and {@code publish} operations are received) or
     * {@code client} (the other side, and the reading for contracts written as "publish means I publish").
     * Case-insensitive.
     */
    @Parameter(property = "asyncapi.role", defaultValue = "application")
    protected String role;

    /** Treat every contract warning as an error. */
    @Parameter(property = "asyncapi.strict", defaultValue = "false")
    protected boolean strict;

    /**
     * Allow {@code $ref} to files outside the project's base directory (off by default: a build reads nothing beyond
     * its project). Inside it, {@code ../common/messages.yaml} needs no switch. The {@code validate} goal run without
     * a project takes the current directory as the base (and the contract's own folder is always allowed).
     */
    @Parameter(property = "asyncapi.allowRefsOutsideRoot", defaultValue = "false")
    protected boolean allowRefsOutsideRoot;

    /**
     * Allow {@code $ref} to {@code http(s)} URLs (off by default: builds stay offline and reproducible). Contracts
     * with remote references are read again on every build.
     */
    @Parameter(property = "asyncapi.allowRemoteRefs", defaultValue = "false")
    protected boolean allowRemoteRefs;

    /** Skip this goal. */
    @Parameter(property = "asyncapi.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    // What to generate: generate-only in effect, but validate runs the same generator in memory (see ContractCheck),
    // so it reads them too and reports exactly what generate would.

    /** The package every generated type goes under, e.g. {@code com.acme.orders.api}. */
    @Parameter(property = "asyncapi.packageName")
    protected String packageName;

    /**
     * The Java type for JSON Schema {@code number}: {@code bigdecimal} (default; lossless) or {@code double}.
     * Case-insensitive.
     */
    @Parameter(property = "asyncapi.numberType", defaultValue = "bigdecimal")
    protected String numberType;

    /**
     * Channel names to generate; empty means all. On the command line a comma-separated list. Every name must be a
     * channel of the contract.
     */
    @Parameter(property = "asyncapi.includeChannels")
    protected List<String> includeChannels;

    /** Channel names to leave out. On the command line a comma-separated list. */
    @Parameter(property = "asyncapi.excludeChannels")
    protected List<String> excludeChannels;

    /**
     * Retry topics chosen per channel, ahead of the contract's {@code x-retry-channel} and naming conventions:
     * {@code channel=topic} entries; on the command line comma-separated. Every channel must be in the contract.
     */
    @Parameter(property = "asyncapi.retryTopics")
    protected List<String> retryTopics;

    /** Dead-letter topics chosen per channel, likewise ({@code channel=topic}). */
    @Parameter(property = "asyncapi.deadLetterTopics")
    protected List<String> deadLetterTopics;


    /**
     * The reading options every goal uses, from the parameters above; a contract from an artifact may reference only
     * files inside that artifact (unless {@code allowRefsOutsideRoot}).
     */
    protected final ReaderOptions readerOptions(ContractSource.Resolved source) throws InvalidParameterException {
        return ReaderOptions.defaults()
                .withRole(Parameters.role(role))
                .withStrict(strict)
                .withAllowRefsOutsideRoot(allowRefsOutsideRoot)
                .withAllowRemoteRefs(allowRemoteRefs)
                .withRootDirectory(source.refRoot() != null ? source.refRoot() : rootDirectory(project));
    }

    /** The {@code contract} parameter as a file to read: the file itself, or the artifact's unpacked contract. */
    protected final ContractSource.Resolved resolveContract() throws ContractFailure {
        Path base = rootDirectory(project);
        Path unpackRoot;
        if (project != null && project.getFile() != null && project.getBuild() != null) {
            unpackRoot = Path.of(project.getBuild().getDirectory(), "asyncapi-kafka", "contracts");
        } else {
            try {
                unpackRoot = Files.createTempDirectory("asyncapi-kafka-contracts");
            } catch (IOException e) {
                throw new ContractFailure("Cannot create a folder to unpack the contract into: " + e.getMessage());
            }
        }
        ContractSource.Resolved resolved =
                ContractSource.resolve(contract, contractPath, base, unpackRoot, this::resolveArtifact);
        if (resolved.artifact() != null) {
            getLog().info("asyncapi-kafka: contract " + resolved.artifact() + " read from "
                    + unpackRoot.relativize(resolved.contract()).toString().replace('\\', '/') + " inside it");
        }
        return resolved;
    }

    /** A released version's contract archive (attached by {@code attach-contract}), from the Maven repositories. */
    protected final Path resolveReleased(String groupId, String artifactId, String version) throws ContractFailure {
        String gav = groupId + ":" + artifactId + ":" + version;
        if (project != null && project.getFile() != null && groupId.equals(project.getGroupId())
                && artifactId.equals(project.getArtifactId()) && version.equals(project.getVersion())) {
            // The reactor would hand back the archive this very build just attached: a comparison with itself.
            throw new ContractFailure("Baseline " + gav + " is the version being built; name the released version to"
                    + " compare with");
        }
        try {
            return resolveArtifact(groupId, artifactId, ContractArchive.CLASSIFIER, ContractArchive.TYPE, version);
        } catch (ContractFailure e) {
            throw new ContractFailure("Baseline " + gav + ": " + e.getMessage() + " (the released version must have"
                    + " been built with the attach-contract goal, which attaches the contract with classifier "
                    + ContractArchive.CLASSIFIER + ")");
        }
    }

    /** One artifact file from the project's repositories (the reactor first, then local, then remote). */
    protected final Path resolveArtifact(String groupId, String artifactId, String classifier, String extension,
            String version) throws ContractFailure {
        String gav = groupId + ":" + artifactId + ":" + extension + (classifier == null ? "" : ":" + classifier) + ":"
                + version;
        if (repositorySystem == null || repositorySession == null) {
            throw new ContractFailure(gav + ": no Maven repository session to resolve it from");
        }
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact(groupId, artifactId, classifier, extension, version),
                remoteRepositories == null ? List.of() : remoteRepositories, null);
        try {
            return repositorySystem.resolveArtifact(repositorySession, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new ContractFailure("Artifact " + gav + " cannot be resolved: " + e.getMessage());
        }
    }

    /**
     * How far {@code $ref}s may reach: the project's base directory; without a project (the {@code validate} goal run
     * anywhere, where Maven passes a stub project without a pom) the current directory.
     */
    static java.nio.file.Path rootDirectory(MavenProject project) {
        if (project == null || project.getFile() == null || project.getBasedir() == null) {
            return java.nio.file.Path.of("").toAbsolutePath().normalize();
        }
        return project.getBasedir().toPath().toAbsolutePath().normalize();
    }

    /**
     * The generator options from the parameters above; {@code validate} without a {@code packageName} generates (in
     * memory) under a placeholder package, which no diagnostic depends on.
     */
    protected final GeneratorOptions generatorOptions(boolean packageRequired) throws InvalidParameterException {
        String pkg = packageRequired || (packageName != null && !packageName.isBlank())
                ? Parameters.packageName(packageName) : "asyncapi.validate";
        return new GeneratorOptions(
                pkg,
                Parameters.numberType(numberType),
                Parameters.channels(includeChannels),
                Parameters.channels(excludeChannels),
                plugin.getVersion(),
                Parameters.topicsByChannel(retryTopics, "retryTopics"),
                Parameters.topicsByChannel(deadLetterTopics, "deadLetterTopics"));
    }

    /** Maven's log behind the small interface the plain classes use. */
    protected final BuildLog buildLog() {
        Log log = getLog();
        return new BuildLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }

            @Override
            public void error(String line) {
                log.error(line);
            }
        };
    }
}
