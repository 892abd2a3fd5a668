package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.AvroVersions;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Decides, once per Avro message (its payload schema carries {@link Schema#AVRO_SCHEMA}), how it goes on the wire,
 * from the channels it is on:
 *
 * <ol>
 *   <li>the message's Kafka binding {@code x-asyncapi-kafka-avro-framing} ({@code single-object} or
 *       {@code registry}) when it says;
 *   <li>else the registry framing when a server the channel is on (the channel's {@code servers}, or every server
 *       when it lists none) has a Kafka binding naming a {@code schemaRegistryUrl} (the first such server in document
 *       order gives the URL), or when the message binding names a {@code schemaIdLocation} or
 *       {@code schemaLookupStrategy} (fields of the registry framing; the URL then comes from the environment at run
 *       time, AKG021 says so);
 *   <li>else Avro single-object encoding.
 * </ol>
 *
 * A single-object message also carries the other versions of its schema the message binding's
 * {@code x-asyncapi-kafka-avro-writers} lists ({@code writerSchema.1}, ...), and the versions of its type in the
 * contract's baselines that its schema reads (the plugin's {@code baseline}/{@code baselines}; AKG024 for one it cannot
 * read): its reader resolves their fingerprints.
 * The schema id goes in the payload unless the message binding's {@code schemaIdLocation} says {@code header}; its
 * {@code schemaLookupStrategy} names the registry subject (AKG023 for a name the avro module does not implement). One
 * message constant carries one framing: a message on two channels whose framings differ is AKG022. The generated
 * constant then carries {@code .withPayloadFormat(PayloadFormat.avro(schema, settings...))}; the avro module's codec
 * reads the settings.
 */
final class AvroPayloads {

    static final ClassName PAYLOAD_FORMAT = ClassName.get("io.asyncapikafka.runtime", "PayloadFormat");
    static final String REGISTRY_WITHOUT_URL = "AKG021";
    static final String FRAMINGS_DIFFER = "AKG022";
    static final String LOOKUP_STRATEGY_UNKNOWN = "AKG023";
    static final String BASELINE_VERSION_UNREADABLE = "AKG024";
    /** The registry subject strategies the avro module implements (Confluent's and Apicurio's names). */
    static final java.util.Set<String> LOOKUP_STRATEGIES = java.util.Set.of("TopicNameStrategy", "TopicIdStrategy",
            "RecordNameStrategy", "RecordIdStrategy", "TopicRecordNameStrategy", "TopicRecordIdStrategy",
            "SimpleTopicIdStrategy");

    /** The framing of one message: {@code url} null for single-object, or for a registry known at run time only. */
    record Framing(boolean registry, String url, String why) {}

    private final Map<Message, Framing> framings;
    /** Per single-object message: the versions of its type in the baselines that its schema reads. */
    private final Map<Message, List<String>> baselineWriters;

    private AvroPayloads(Map<Message, Framing> framings, Map<Message, List<String>> baselineWriters) {
        this.framings = framings;
        this.baselineWriters = baselineWriters;
    }

    static AvroPayloads of(AsyncApiModel model, Consumer<Diagnostic> diagnostics) {
        return of(model, List.of(), diagnostics);
    }

    /**
     * @param baselineSchemas the Avro schemas of the contract's baselines ({@code GeneratorOptions#avroBaselineSchemas})
     */
    static AvroPayloads of(AsyncApiModel model, List<String> baselineSchemas, Consumer<Diagnostic> diagnostics) {
        Map<Message, Framing> out = new HashMap<>();
        Map<Message, List<String>> writers = new HashMap<>();
        Map<Message, String> firstChannel = new HashMap<>();
        for (Channel ch : model.channels()) {
            for (Operation op : ch.operations()) {
                List<Message> messages = new ArrayList<>(op.messages());
                if (op.reply() != null) {
                    messages.addAll(op.reply().messages());
                }
                for (Message m : messages) {
                    if (!(m.payload().meta().extensions().get(Schema.AVRO_SCHEMA) instanceof String)) {
                        continue;
                    }
                    Framing f = framing(model, ch, m);
                    Framing before = out.putIfAbsent(m, f);
                    if (before == null) {
                        firstChannel.put(m, ch.name());
                        if (!f.registry() && !baselineSchemas.isEmpty()) {
                            writers.put(m, baselineVersions(m, baselineSchemas, diagnostics));
                        }
                        Object strategy = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA_LOOKUP_STRATEGY);
                        if (f.registry() && strategy != null && !LOOKUP_STRATEGIES.contains(strategy)) {
                            diagnostics.accept(new Diagnostic(LOOKUP_STRATEGY_UNKNOWN, Severity.WARNING, "Avro message '"
                                    + m.name() + "' names schemaLookupStrategy '" + strategy + "', which the avro"
                                    + " module does not implement; its subject is <topic>-value",
                                    "Use one of " + new java.util.TreeSet<>(LOOKUP_STRATEGIES) + ", or leave it out"
                                            + " for <topic>-value.", m.location()));
                        }
                        if (f.registry() && f.url() == null) {
                            diagnostics.accept(new Diagnostic(REGISTRY_WITHOUT_URL, Severity.WARNING, "Avro message '"
                                    + m.name() + "' uses the registry framing (" + f.why() + ") but no server of"
                                    + " channel '" + ch.name() + "' names a schemaRegistryUrl",
                                    "Give a server of the channel a Kafka binding with schemaRegistryUrl, or set "
                                            + "ASYNCAPI_SCHEMA_REGISTRY_URL where the service runs.", m.location()));
                        }
                    } else if (before.registry() != f.registry() || !Objects.equals(before.url(), f.url())) {
                        diagnostics.accept(new Diagnostic(FRAMINGS_DIFFER, Severity.ERROR, "Avro message '" + m.name()
                                + "' is on channel '" + firstChannel.get(m) + "' (" + describe(before) + ") and on"
                                + " channel '" + ch.name() + "' (" + describe(f) + "); one message has one framing",
                                "Use a message per framing, or put both channels on servers with the same registry,"
                                        + " or choose one with the message binding's x-asyncapi-kafka-avro-framing.",
                                m.location()));
                    }
                }
            }
        }
        return new AvroPayloads(out, writers);
    }

    /**
     * The versions of {@code m}'s Avro type in the baselines that its schema reads, beyond those its binding lists;
     * AKG024 for each it cannot read (a record such a version wrote would be dead-lettered).
     */
    private static List<String> baselineVersions(Message m, List<String> baselineSchemas,
            Consumer<Diagnostic> diagnostics) {
        String text = (String) m.payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        AvroVersions.Versions v = AvroVersions.of(text, baselineSchemas);
        for (String why : v.unreadable()) {
            diagnostics.accept(new Diagnostic(BASELINE_VERSION_UNREADABLE, Severity.WARNING, "Avro message '"
                    + m.name() + "': its schema cannot read a version of its type in the baselines: " + why
                    + "; a record that version wrote would be dead-lettered",
                    "Make the change readable by Avro's rules (a default for a new field, a promotion), or keep the"
                            + " old consumers until no such record is left; the compat goal names the break.",
                    m.location()));
        }
        List<String> listed = m.payload().meta().extensions().get(Schema.AVRO_WRITER_SCHEMAS) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of();
        AvroVersions.Versions known = AvroVersions.of(text, listed);
        List<String> out = new ArrayList<>(v.readable());
        out.removeAll(known.readable());
        return List.copyOf(out);
    }

    private static Framing framing(AsyncApiModel model, Channel ch, Message m) {
        Map<String, Object> ext = m.payload().meta().extensions();
        Object chosen = ext.get(Schema.AVRO_FRAMING);
        String url = null;
        for (Server s : model.servers()) {
            if (ch.servers().isEmpty() || ch.servers().contains(s.name())) {
                String u = s.kafkaBinding().get("schemaRegistryUrl");
                if (u != null && !u.isBlank()) {
                    url = u;
                    break;
                }
            }
        }
        if ("single-object".equals(chosen)) {
            return new Framing(false, null, "x-asyncapi-kafka-avro-framing");
        }
        if ("registry".equals(chosen)) {
            return new Framing(true, url, "x-asyncapi-kafka-avro-framing");
        }
        if (url != null) {
            return new Framing(true, url, "schemaRegistryUrl");
        }
        if (ext.containsKey(Schema.AVRO_SCHEMA_ID_LOCATION)) {
            return new Framing(true, null, "the message binding's schemaIdLocation");
        }
        if (ext.containsKey(Schema.AVRO_SCHEMA_LOOKUP_STRATEGY)) {
            return new Framing(true, null, "the message binding's schemaLookupStrategy");
        }
        return new Framing(false, null, "no schema registry");
    }

    private static String describe(Framing f) {
        return f.registry() ? "registry framing" + (f.url() == null ? "" : " with " + f.url()) : "single-object";
    }

    /** The framing planned for {@code m}, or null for a message that is not Avro. */
    Framing framing(Message m) {
        return framings.get(m);
    }

    /** {@code .withPayloadFormat(...)} for an Avro message, else an empty block. */
    CodeBlock withPayloadFormat(Message m) {
        Object schema = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        if (!(schema instanceof String text)) {
            return CodeBlock.of("");
        }
        Framing f = framings.getOrDefault(m, new Framing(false, null, "no channel"));
        List<CodeBlock> args = new ArrayList<>();
        args.add(CodeBlock.of("$S", text));
        if (!f.registry()) {
            args.add(CodeBlock.of("$S, $S", "framing", "single-object"));
            // other versions the reader resolves by fingerprint (the message binding's x-asyncapi-kafka-avro-writers)
            List<Object> writers = new ArrayList<>();
            if (m.payload().meta().extensions().get(Schema.AVRO_WRITER_SCHEMAS) instanceof List<?> listed) {
                writers.addAll(listed);
            }
            writers.addAll(baselineWriters.getOrDefault(m, List.of())); // the baselines' versions it reads
            for (int i = 0; i < writers.size(); i++) {
                args.add(CodeBlock.of("$S, $S", "writerSchema." + (i + 1), writers.get(i)));
            }
        } else {
            args.add(CodeBlock.of("$S, $S", "framing", "registry"));
            if (f.url() != null) {
                args.add(CodeBlock.of("$S, $S", "schemaRegistryUrl", f.url()));
            }
            Object where = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA_ID_LOCATION);
            args.add(CodeBlock.of("$S, $S", "schemaIdLocation", where == null ? "payload" : where));
            Object strategy = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA_LOOKUP_STRATEGY);
            if (strategy != null && LOOKUP_STRATEGIES.contains(strategy)) {
                args.add(CodeBlock.of("$S, $S", "schemaLookupStrategy", strategy));
            }
        }
        return CodeBlock.of("\n.withPayloadFormat($T.avro($L))", PAYLOAD_FORMAT, CodeBlock.join(args, ",\n"));
    }
}
