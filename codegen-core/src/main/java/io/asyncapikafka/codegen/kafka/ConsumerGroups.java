package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Severity;
import java.util.function.Consumer;

/**
 * The consumer group of each receive operation, by one rule that a rename which reads like documentation cannot
 * change: the operation binding's {@code groupId}; else {@code <contract title>.<topic>} (title as a lower-case token,
 * the channel's topic, or its name when the topic is parameterised). The operationId is not part of it: renaming an
 * operation must not start a new group that replays the whole topic ({@code auto.offset.reset=earliest}). Only when
 * several receive operations of one channel have no {@code groupId} does the operationId tell them apart, with a
 * warning ({@code AKK102}) to pin them.
 */
final class ConsumerGroups {

    static final String BINDING = "the operation binding groupId";
    static final String DEFAULT = "the contract title and topic (no groupId binding)";
    static final String DEFAULT_SHARED = "the contract title, topic and operationId (no groupId binding; the channel"
            + " has several receive operations)";

    /** A group id and the rule that gave it, as the build log and the generated constant's javadoc say it. */
    record Group(String id, String rule) {}

    private final AsyncApiModel model;
    private final Consumer<Diagnostic> diagnostics;

    private ConsumerGroups(AsyncApiModel model, Consumer<Diagnostic> diagnostics) {
        this.model = model;
        this.diagnostics = diagnostics;
    }

    static ConsumerGroups of(AsyncApiModel model, Consumer<Diagnostic> diagnostics) {
        return new ConsumerGroups(model, diagnostics);
    }

    Group of(Channel channel, Operation op) {
        if (op.groupId() != null) {
            return new Group(op.groupId(), BINDING);
        }
        String title = model.info().title() == null || model.info().title().isBlank() ? "contract" : model.info().title();
        String base = KafkaNaming.propertyToken(title.strip()) + "." + (channel.isParameterised()
                ? channel.name() : channel.topicName());
        long unpinned = channel.operations().stream()
                .filter(o -> o.direction() == Direction.RECEIVE && o.groupId() == null).count();
        if (unpinned <= 1) {
            return new Group(base, DEFAULT);
        }
        String id = base + "." + op.operationId();
        diagnostics.accept(new Diagnostic("AKK102", Severity.WARNING,
                "channel " + channel.name() + " has " + unpinned + " receive operations without a groupId; operation "
                        + op.operationId() + " defaults to group " + id + ", which changes if the operation is renamed",
                "set bindings.kafka.groupId on each receive operation of the channel", op.location()));
        return new Group(id, DEFAULT_SHARED);
    }
}
