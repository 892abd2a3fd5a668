package io.asyncapikafka.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A payload format other than JSON, as the contract declares it: the media type (e.g. {@code application/vnd.apache.avro}),
 * the schema text in that format's own language, and the contract's settings for it (e.g. {@code framing},
 * {@code schemaRegistryUrl}, {@code schemaIdLocation}). Generated code passes one to
 * {@link MessageType#withPayloadFormat}; a {@link PayloadCodecProvider} on the class path turns it into a
 * {@link PayloadCodec}, so generated code depends on the runtime only.
 *
 * @param mediaType the format's media type, without parameters; also the {@code content-type} header's value
 * @param schema the schema text (for Avro its JSON)
 * @param settings format-specific settings in the contract's order
 */
public record PayloadFormat(String mediaType, String schema, Map<String, String> settings) {

    /** Avro's media type (AsyncAPI's {@code schemaFormat} without the version). */
    public static final String AVRO = "application/vnd.apache.avro";

    public PayloadFormat {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(schema, "schema");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** An Avro payload with the schema's JSON text and settings given as name/value pairs. */
    public static PayloadFormat avro(String schema, String... settings) {
        if (settings.length % 2 != 0) {
            throw new IllegalArgumentException("settings come in name/value pairs");
        }
        Map<String, String> s = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            s.put(settings[i], settings[i + 1]);
        }
        return new PayloadFormat(AVRO, schema, s);
    }

    /** A setting, or {@code fallback}. */
    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }
}
