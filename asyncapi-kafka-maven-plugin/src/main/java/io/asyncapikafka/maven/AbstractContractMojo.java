package io.asyncapikafka.maven;

import io.asyncapikafka.model.ReaderOptions;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Parameters shared by {@code generate} and {@code validate}: which contract, and how to read it. */
abstract class AbstractContractMojo extends AbstractMojo {

    /**
     * The AsyncAPI 2.x contract (YAML or JSON). Files it references through {@code $ref} are found relative to it.
     */
    @Parameter(property = "asyncapi.contract", required = true)
    protected File contract;

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

    /** Allow {@code $ref} to files outside the contract's folder (off by default: a contract stays self-contained). */
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

    /** The reading options both goals use, from the parameters above. */
    protected final ReaderOptions readerOptions() throws InvalidParameterException {
        return ReaderOptions.defaults()
                .withRole(Parameters.role(role))
                .withStrict(strict)
                .withAllowRefsOutsideRoot(allowRefsOutsideRoot)
                .withAllowRemoteRefs(allowRemoteRefs);
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
