package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a CI step registers in the schema registry before a release (auto-registration is off at run time): one
 * entry per Avro message in the registry framing and fixed topic, with the framing the generated code uses (the same
 * {@link AvroPayloads} decision).
 */
public final class AvroRegistrations {

    /**
     * One schema to register.
     *
     * @param lookupStrategy the message binding's {@code schemaLookupStrategy}, or {@code null} for the default
     * @param registryUrl the contract's {@code schemaRegistryUrl} for the channel, or {@code null}
     */
    public record Registration(String message, String channel, String topic, String schema, String lookupStrategy,
            String registryUrl) {}

    /**
     * The registrations, and the registry-framed messages left out (a parameterised channel has no single topic to
     * derive a subject from), one sentence each.
     */
    public record Plan(List<Registration> registrations, List<String> skipped) {
        public Plan {
            registrations = List.copyOf(registrations);
            skipped = List.copyOf(skipped);
        }
    }

    private AvroRegistrations() {}

    public static Plan of(AsyncApiModel model, GeneratorOptions options) {
        AvroPayloads payloads = AvroPayloads.of(model, options.avroBaselineSchemas(), d -> {});
        Set<Registration> out = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (Channel ch : model.channels()) {
            if (!options.includes(ch.name())) {
                continue;
            }
            for (Operation op : ch.operations()) {
                List<Message> messages = new ArrayList<>(op.messages());
                if (op.reply() != null) {
                    messages.addAll(op.reply().messages());
                }
                for (Message m : messages) {
                    AvroPayloads.Framing f = payloads.framing(m);
                    if (f == null || !f.registry()) {
                        continue;
                    }
                    if (ch.isParameterised()) {
                        skipped.add("message '" + m.name() + "' on channel '" + ch.name() + "': its topic "
                                + ch.topicName() + " has parameters; register its subject by hand");
                        continue;
                    }
                    Object strategy = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA_LOOKUP_STRATEGY);
                    out.add(new Registration(m.name(), ch.name(), ch.topicName(),
                            (String) m.payload().meta().extensions().get(Schema.AVRO_SCHEMA),
                            strategy == null ? null : strategy.toString(), f.url()));
                }
            }
        }
        return new Plan(new ArrayList<>(out), skipped);
    }
}
