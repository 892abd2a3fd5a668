package io.asyncapikafka.avro;

import io.asyncapikafka.runtime.PayloadCodec;
import io.asyncapikafka.runtime.PayloadCodecProvider;
import io.asyncapikafka.runtime.PayloadFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Gives generated Avro messages their {@link AvroCodec} (service-loaded by the runtime). Settings the generated code
 * passes from the contract:
 *
 * <ul>
 *   <li>{@code framing}: {@code single-object} (no registry) or {@code registry};
 *   <li>{@code writerSchema.1}, {@code writerSchema.2}, ...: other versions of the schema (older ones) whose
 *       single-object records the reader resolves by fingerprint;
 *   <li>{@code schemaRegistryUrl}: the Kafka server binding's; the environment variable
 *       {@value #URL_ENV} overrides it, {@value #USER_ENV} / {@value #PASSWORD_ENV} give basic credentials;
 *   <li>{@code schemaIdLocation}: {@code payload} (default) or {@code header} (the Kafka message binding's);
 *   <li>{@code schemaLookupStrategy}: the registry subject (the message binding's; {@link AvroCodec.Subject#of});
 *   <li>{@code autoRegister}: {@code true} to register a schema the registry does not know; off by default, and
 *       {@value #AUTO_REGISTER_ENV} can switch it on for a run.
 * </ul>
 *
 * One registry client per URL is shared by all messages, so their caches are one.
 */
public final class AvroCodecProvider implements PayloadCodecProvider {

    public static final String URL_ENV = "ASYNCAPI_SCHEMA_REGISTRY_URL";
    public static final String USER_ENV = "ASYNCAPI_SCHEMA_REGISTRY_USERNAME";
    public static final String PASSWORD_ENV = "ASYNCAPI_SCHEMA_REGISTRY_PASSWORD";
    public static final String AUTO_REGISTER_ENV = "ASYNCAPI_SCHEMA_REGISTRY_AUTO_REGISTER";

    private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private final Map<String, String> env;

    /** The service-loaded provider, configured by the process environment. */
    public AvroCodecProvider() {
        this(System.getenv());
    }

    AvroCodecProvider(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public boolean supports(PayloadFormat format) {
        return PayloadFormat.AVRO.equals(format.mediaType());
    }

    @Override
    public <V> PayloadCodec<V> codec(String messageName, PayloadFormat format, Class<V> payloadType) {
        Schema schema = new Schema.Parser().parse(format.schema());
        String framing = format.setting("framing", "single-object");
        if ("single-object".equals(framing)) {
            // other versions (writerSchema.1, ...): each parsed alone, as they share their full names
            List<Schema> others = new ArrayList<>();
            format.settings().forEach((k, v) -> {
                if (k.startsWith("writerSchema.")) {
                    others.add(new Schema.Parser().parse(v));
                }
            });
            return AvroCodec.singleObject(payloadType, schema, others);
        }
        if (!"registry".equals(framing)) {
            throw new IllegalArgumentException("message " + messageName + ": unknown Avro framing '" + framing
                    + "' (single-object or registry)");
        }
        String url = env.getOrDefault(URL_ENV, format.setting("schemaRegistryUrl", null));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("message " + messageName + " uses the registry framing but no registry"
                    + " URL is known: set the server binding's schemaRegistryUrl or " + URL_ENV);
        }
        boolean autoRegister = Boolean.parseBoolean(env.getOrDefault(AUTO_REGISTER_ENV,
                format.setting("autoRegister", "false")));
        String user = env.get(USER_ENV);
        String key = url + "\n" + user + "\n" + autoRegister;
        SchemaRegistryClient client = CLIENTS.computeIfAbsent(key, k -> SchemaRegistryClient.of(url)
                .withBasicAuth(user, env.get(PASSWORD_ENV)).withAutoRegister(autoRegister));
        String strategy = format.setting("schemaLookupStrategy", null);
        AvroCodec.Subject subject = AvroCodec.Subject.of(strategy).orElseThrow(() -> new IllegalArgumentException(
                "message " + messageName + ": unknown schemaLookupStrategy '" + strategy + "'"));
        return AvroCodec.registry(payloadType, schema, client,
                "header".equals(format.setting("schemaIdLocation", "payload")),
                AvroCodec.defaultMapping(payloadType, schema), subject);
    }
}
