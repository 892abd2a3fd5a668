package io.asyncapikafka.maven;

import io.asyncapikafka.compat.CompatMode;
import io.asyncapikafka.compat.CompatOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Compares the contract with a baseline and fails the build on a breaking change nobody acknowledged. What this
 * project sends is judged FORWARD (consumers still hold the old contract), what it receives BACKWARD (old producers
 * and the topic's records follow the old one), a channel it does both on FULL; see COMPAT.md for every rule. Runnable
 * without a project: {@code mvn io.asyncapikafka:asyncapi-kafka-maven-plugin:compat -Dasyncapi.contract=orders.yaml
 * -Dasyncapi.compat.baseline=git:HEAD~1}.
 */
@Mojo(name = "compat", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public final class CompatMojo extends AbstractContractMojo {

    /**
     * The baseline: a contract file (relative to the project's base directory), {@code git:<revision>} (the same
     * contract, and the files it references, as they were at that revision, read with the machine's {@code git}), or
     * {@code groupId:artifactId:version}: a released version's contract, attached by the {@code attach-contract} goal.
     */
    @Parameter(property = "asyncapi.compat.baseline")
    private String baseline;

    /**
     * Several baselines, oldest first (files or {@code git:<revision>}); channels in a {@code _TRANSITIVE} mode are
     * checked against each, the others against the last. Used together with {@code baseline}, which comes last.
     */
    @Parameter(property = "asyncapi.compat.baselines")
    private List<String> baselines;

    /**
     * The mode for every channel: {@code BACKWARD}, {@code FORWARD}, {@code FULL} or {@code NONE}, each optionally
     * {@code _TRANSITIVE}. Unset: by direction (sent: FORWARD, received: BACKWARD, both: FULL), overridden per payload
     * by {@code x-compatibility}.
     */
    @Parameter(property = "asyncapi.compat.mode")
    private String compatMode;

    /**
     * Modes per channel ({@code channel=MODE}) or per message ({@code channel#message=MODE}), ahead of
     * {@code compatMode} and the contract's {@code x-compatibility}.
     */
    @Parameter(property = "asyncapi.compat.modes")
    private List<String> compatModes;

    /**
     * Deliberate breaking changes: {@code RULE_ID #/json/pointer} each, as the finding prints them. An acknowledged
     * finding is reported but does not fail the build.
     */
    @Parameter(property = "asyncapi.compat.acknowledgements")
    private List<String> acknowledgements;

    /** Skip this goal only. */
    @Parameter(property = "asyncapi.compat.skip", defaultValue = "false")
    private boolean compatSkip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || compatSkip) {
            getLog().info("asyncapi-kafka: compatibility check skipped");
            return;
        }
        List<String> specs = new ArrayList<>();
        if (baselines != null) {
            baselines.stream().filter(s -> s != null && !s.isBlank()).forEach(specs::add);
        }
        if (baseline != null && !baseline.isBlank()) {
            specs.add(baseline);
        }
        if (specs.isEmpty()) {
            getLog().info("asyncapi-kafka: no baseline set (<baseline> or -Dasyncapi.compat.baseline=git:<rev>):"
                    + " nothing to compare");
            return;
        }
        try {
            ContractSource.Resolved source = resolveContract();
            Path file = source.contract();
            CompatRun.Result result = CompatRun.run(file, readerOptions(source), specs,
                    compatOptions(compatMode, compatModes, specs.size() > 1), acknowledgements(acknowledgements),
                    this::resolveReleased, buildLog());
            getLog().info("asyncapi-kafka: " + file.getFileName() + " is compatible with " + String.join(", ", specs)
                    + " (" + ContractDiagnostics.count(result.findings().size(), "change") + ", "
                    + result.acknowledged() + " acknowledged)");
        } catch (InvalidParameterException | ContractFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (RuntimeException e) {
            throw new MojoExecutionException("asyncapi-kafka: internal error (please report it): " + e, e);
        }
    }

    /** The checker's options from the parameters; an unknown mode fails the build naming the accepted values. */
    static CompatOptions compatOptions(String mode, List<String> modes, boolean severalBaselines)
            throws InvalidParameterException {
        CompatOptions options = CompatOptions.defaults();
        if (mode != null && !mode.isBlank()) {
            options = options.withMode(parseMode(mode, "compatMode"));
        }
        Map<String, CompatMode> channels = new LinkedHashMap<>();
        Map<String, CompatMode> messages = new LinkedHashMap<>();
        for (String entry : modes == null ? List.<String>of() : modes) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterException("Invalid compatModes entry '" + entry + "': write channel=MODE or"
                        + " channel#message=MODE");
            }
            String where = entry.substring(0, eq).trim();
            CompatMode m = parseMode(entry.substring(eq + 1), "compatModes");
            (where.contains("#") ? messages : channels).put(where, m);
        }
        return options.withChannelModes(channels).withMessageModes(messages).withTransitive(severalBaselines);
    }

    private static CompatMode parseMode(String text, String parameter) throws InvalidParameterException {
        try {
            return CompatMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("Invalid " + parameter + ": " + e.getMessage());
        }
    }

    static List<CompatRun.Acknowledgement> acknowledgements(List<String> values) throws InvalidParameterException {
        List<CompatRun.Acknowledgement> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            out.add(CompatRun.Acknowledgement.parse(v));
        }
        return List.copyOf(out);
    }
}
