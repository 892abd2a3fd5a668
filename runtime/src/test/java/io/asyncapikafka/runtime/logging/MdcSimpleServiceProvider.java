package io.asyncapikafka.runtime.logging;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * slf4j-simple with a working MDC, for the runtime's tests: slf4j-simple's own MDC adapter drops every value (the
 * backends services run on, Logback or Log4j 2, keep them), so without this an MDC test could not fail. Selected by
 * the {@code slf4j.provider} system property in the runtime's surefire configuration.
 */
public final class MdcSimpleServiceProvider extends SimpleServiceProvider {

    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
