package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the retry and dead-letter topics of a receive operation, in the order DESIGN.md gives: configuration
 * override, then {@code x-retry-channel}/{@code x-dlq-channel} on the operation, then on the channel, then the
 * contract's own channels by naming convention, then {@code <topic>.dlq} (and no retry topic).
 *
 * <p>Done at generation time so the build summary can say which rule won; the generated registration still lets the
 * application override both topics at run time.
 */
final class RetryDlqResolver {

    /** Which rule gave a topic; its {@link #label} is what the summary prints. */
    enum Rule {
        CONFIGURATION("plugin configuration"),
        OPERATION_EXTENSION("operation x-%s-channel"),
        CHANNEL_EXTENSION("channel x-%s-channel"),
        CONVENTION("convention, contract channel %s"),
        DEFAULT("default <topic>.dlq"),
        PARAMETERISED_DEFAULT("default <channel name without its parameters>.dlq, one for all its topics"),
        NONE("no retry channel in the contract");

        private final String label;

        Rule(String label) {
            this.label = label;
        }
    }

    /** The resolution for one operation. {@code retryTopic} is {@code null} when records go straight to the DLQ. */
    record Resolution(String retryTopic, String retryRule, String dlqTopic, String dlqRule) {
        Resolution {
            Objects.requireNonNull(dlqTopic, "dlqTopic");
        }
    }

    /** Per-channel overrides, e.g. from plugin configuration; keys are channel names. */
    record Overrides(Map<String, String> retryTopics, Map<String, String> dlqTopics) {
        static final Overrides NONE = new Overrides(Map.of(), Map.of());

        Overrides {
            retryTopics = Map.copyOf(retryTopics);
            dlqTopics = Map.copyOf(dlqTopics);
        }
    }

    // Splits "orders.v1" into base "orders" and version suffix ".v1"; a topic without a version has an empty suffix.
    private static final Pattern VERSIONED = Pattern.compile("^(.*?)([._-]v\\d+)$");

    private final AsyncApiModel model;
    private final Overrides overrides;
    private final Consumer<Diagnostic> diagnostics;

    RetryDlqResolver(AsyncApiModel model, Overrides overrides, Consumer<Diagnostic> diagnostics) {
        this.model = Objects.requireNonNull(model, "model");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    Resolution resolve(Channel channel, Operation operation) {
        // A parameterised channel has one topic per parameter value; its retry and dead-letter topics are fixed names,
        // so they are derived from the topic template without the parameters (tenant.{id}.events -> tenant.events).
        String topic = fixedTopic(channel);
        Convention convention = Convention.of(topic);

        String retry;
        String retryRule;
        if (overrides.retryTopics().containsKey(channel.name())) {
            retry = overrides.retryTopics().get(channel.name());
            retryRule = Rule.CONFIGURATION.label;
        } else if (operation.retryChannel() != null) {
            retry = topicOf(operation.retryChannel(), "retry", operation);
            retryRule = Rule.OPERATION_EXTENSION.label.formatted("retry");
        } else if (channel.retryChannel() != null) {
            retry = topicOf(channel.retryChannel(), "retry", operation);
            retryRule = Rule.CHANNEL_EXTENSION.label.formatted("retry");
        } else {
            Optional<Channel> byConvention =
                    convention.isRetryStage() ? Optional.empty() : contractChannel(convention.retryTopic());
            retry = byConvention.map(Channel::topicName).orElse(null);
            retryRule = byConvention
                    .map(c -> Rule.CONVENTION.label.formatted(c.name()))
                    .orElse(convention.isRetryStage() ? "channel is itself a retry stage" : Rule.NONE.label);
        }

        String dlq;
        String dlqRule;
        if (overrides.dlqTopics().containsKey(channel.name())) {
            dlq = overrides.dlqTopics().get(channel.name());
            dlqRule = Rule.CONFIGURATION.label;
        } else if (operation.dlqChannel() != null) {
            dlq = topicOf(operation.dlqChannel(), "dlq", operation);
            dlqRule = Rule.OPERATION_EXTENSION.label.formatted("dlq");
        } else if (channel.dlqChannel() != null) {
            dlq = topicOf(channel.dlqChannel(), "dlq", operation);
            dlqRule = Rule.CHANNEL_EXTENSION.label.formatted("dlq");
        } else {
            Optional<Channel> byConvention = contractChannel(convention.dlqTopic());
            dlq = byConvention.map(Channel::topicName).orElse(topic + ".dlq");
            dlqRule = byConvention
                    .map(c -> Rule.CONVENTION.label.formatted(c.name()))
                    .orElse(channel.isParameterised() ? Rule.PARAMETERISED_DEFAULT.label : Rule.DEFAULT.label);
        }
        return new Resolution(retry, retryRule, dlq, dlqRule);
    }

    /** The topic of the channel an extension names; a name that is no channel is taken as a topic, with a warning. */
    private String topicOf(String channelName, String kind, Operation operation) {
        for (Channel c : model.channels()) {
            if (c.name().equals(channelName)) {
                return fixedTopic(c);
            }
        }
        diagnostics.accept(new Diagnostic(
                "AKK101",
                Severity.WARNING,
                "x-" + kind + "-channel '" + channelName + "' of operation " + operation.operationId()
                        + " names no channel of the contract; it is used as a topic name",
                "declare the channel in the contract or name an existing one",
                operation.location()));
        return channelName;
    }

    /**
     * The channel's topic; for a parameterised channel, which has no single topic, its topic template without the
     * {@code {param}} parts and the separators they leave doubled or dangling.
     */
    static String fixedTopic(Channel channel) {
        if (!channel.isParameterised()) {
            return channel.topicName();
        }
        String fixed = channel.topicName().replaceAll("\\{[^}]*}", "")
                .replaceAll("([._-])[._-]+", "$1")
                .replaceAll("^[._-]+|[._-]+$", "");
        return fixed.isEmpty() ? "channel" : fixed;
    }

    private Optional<Channel> contractChannel(String topic) {
        return model.channels().stream()
                .filter(c -> !c.isParameterised() && c.topicName().equals(topic))
                .findFirst();
    }

    /**
     * The naming convention: {@code orders.v1} ↔ {@code orders.retry.v1} / {@code orders.dlq.v1}, {@code orders} ↔
     * {@code orders.retry} / {@code orders.dlq}. A retry topic's own base is found by removing {@code .retry}, so the
     * consumer of {@code orders.retry.v1} dead-letters to {@code orders.dlq.v1}.
     */
    private record Convention(String base, String version, boolean isRetryStage) {

        static Convention of(String topic) {
            Matcher m = VERSIONED.matcher(topic);
            String base = m.matches() ? m.group(1) : topic;
            String version = m.matches() ? m.group(2) : "";
            for (String sep : List.of(".", "-", "_")) {
                if (base.endsWith(sep + "retry")) {
                    return new Convention(base.substring(0, base.length() - 6), version, true);
                }
            }
            return new Convention(base, version, false);
        }

        String retryTopic() {
            return base + ".retry" + version;
        }

        String dlqTopic() {
            return base + ".dlq" + version;
        }
    }
}
