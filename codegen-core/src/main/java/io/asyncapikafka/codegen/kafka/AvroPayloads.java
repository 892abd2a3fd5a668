package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides how an Avro message (its payload schema carries {@link Schema#AVRO_SCHEMA}) goes on the wire, once for the
 * contract: the registry framing when a server's Kafka binding names a {@code schemaRegistryUrl} (the first such
 * server in document order), else Avro single-object encoding; the schema id in the payload unless the message
 * binding's {@code schemaIdLocation} says {@code header}. The generated constant then carries
 * {@code .withPayloadFormat(PayloadFormat.avro(schema, settings...))}; the avro module's codec reads the settings.
 */
final class AvroPayloads {

    static final ClassName PAYLOAD_FORMAT = ClassName.get("io.asyncapikafka.runtime", "PayloadFormat");

    private final String registryUrl;

    private AvroPayloads(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    static AvroPayloads of(AsyncApiModel model) {
        for (Server s : model.servers()) {
            String url = s.kafkaBinding().get("schemaRegistryUrl");
            if (url != null && !url.isBlank()) {
                return new AvroPayloads(url);
            }
        }
        return new AvroPayloads(null);
    }

    /** {@code .withPayloadFormat(...)} for an Avro message, else an empty block. */
    CodeBlock withPayloadFormat(Message m) {
        Object schema = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        if (!(schema instanceof String text)) {
            return CodeBlock.of("");
        }
        List<CodeBlock> args = new ArrayList<>();
        args.add(CodeBlock.of("$S", text));
        if (registryUrl == null) {
            args.add(CodeBlock.of("$S, $S", "framing", "single-object"));
        } else {
            args.add(CodeBlock.of("$S, $S", "framing", "registry"));
            args.add(CodeBlock.of("$S, $S", "schemaRegistryUrl", registryUrl));
            Object where = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA_ID_LOCATION);
            args.add(CodeBlock.of("$S, $S", "schemaIdLocation", where == null ? "payload" : where));
        }
        return CodeBlock.of("\n.withPayloadFormat($T.avro($L))", PAYLOAD_FORMAT, CodeBlock.join(args, ",\n"));
    }
}
