package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.ContractViolationException;

/**
 * Reads the parameters of a parameterised channel ({@code smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured})
 * from the topic a record was first published to, typed and validated by the contract's parameter schemas. Generated
 * code supplies one per parameterised channel (its {@code Parameters} record's {@code fromTopic}); the runtime calls it
 * before the handler and hands the result over as {@link ReceivedMessage#parameters(Class)}. For a record that came
 * through the retry topic it is given the original topic, so a retried record keeps its parameters.
 *
 * @param <P> the parameters record
 */
@FunctionalInterface
public interface TopicParameters<P> {

    /**
     * The parameters of {@code topic}.
     *
     * @throws ContractViolationException when the topic does not match the channel or a value breaks its schema; the
     *     record is then dead-lettered as a contract violation, never retried
     */
    P fromTopic(String topic);
}
