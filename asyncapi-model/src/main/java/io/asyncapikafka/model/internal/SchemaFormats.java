package io.asyncapikafka.model.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which payload {@code schemaFormat}s are read, and how (shared by AsyncAPI 2.x messages and the 3.x multi-format
 * schema object): JSON Schema / the AsyncAPI Schema Object as JSON Schema; OpenAPI 3.0 Schema Objects
 * ({@code application/vnd.oai.openapi}, {@code +json}, {@code +yaml}, {@code ;version=3.0.x}) as the JSON Schema
 * dialect they are; Avro 1.x schemas ({@code application/vnd.apache.avro}, {@code +json}, {@code +yaml},
 * {@code ;version=1.x.y}) through Avro's own parser (AvroSchemaReader). Anything else is refused (AKM030) with a hint naming the format seen.
 */
public final class SchemaFormats {

    private static final Set<String> JSON_SCHEMA = Set.of("application/schema+json", "application/schema+yaml",
            "application/vnd.aai.asyncapi", "application/vnd.aai.asyncapi+json", "application/vnd.aai.asyncapi+yaml");
    private static final Set<String> OPENAPI = Set.of("application/vnd.oai.openapi",
            "application/vnd.oai.openapi+json", "application/vnd.oai.openapi+yaml");
    private static final Set<String> AVRO = Set.of("application/vnd.apache.avro",
            "application/vnd.apache.avro+json", "application/vnd.apache.avro+yaml");
    private static final Pattern VERSION = Pattern.compile("(?i)(?:^|;)\\s*version\\s*=\\s*\"?([^;\"\\s]*)\"?");

    private SchemaFormats() {}

    /**
     * The dialect to read a payload of {@code format} in (null {@code format}: the document's default, JSON Schema),
     * or null when it is not read: then AKM030 is reported at {@code site}.
     */
    public static SchemaReader.Dialect dialect(String messageName, String format, Node site, Diagnostics diags) {
        if (format == null) {
            return SchemaReader.Dialect.JSON_SCHEMA;
        }
        String[] parts = format.split(";", 2);
        String base = parts[0].strip().toLowerCase(Locale.ROOT);
        String params = parts.length > 1 ? parts[1] : "";
        if (JSON_SCHEMA.contains(base)) {
            return SchemaReader.Dialect.JSON_SCHEMA;
        }
        String what = "message '" + messageName + "' uses schemaFormat '" + format + "'";
        if (OPENAPI.contains(base)) {
            Matcher v = VERSION.matcher(params);
            String version = v.find() ? v.group(1) : null;
            if (version != null && version.matches("3\\.0(\\.\\d+)?")) {
                return SchemaReader.Dialect.OPENAPI_3_0;
            }
            diags.report(Code.SCHEMA_FORMAT, what + " (OpenAPI Schema Object, " + (version == null ? "no version"
                    : "version " + version) + "); only OpenAPI 3.0 Schema Objects are read",
                    "Write the format as application/vnd.oai.openapi;version=3.0.0 (OpenAPI 3.0 Schema Objects are"
                            + " read as JSON Schema), or describe the payload with JSON Schema.", site);
            return null;
        }
        if (AVRO.contains(base)) {
            Matcher v = VERSION.matcher(params);
            String version = v.find() ? v.group(1) : null;
            if (version == null || version.matches("1(\\.\\d+){0,2}")) {
                return SchemaReader.Dialect.AVRO;
            }
            diags.report(Code.SCHEMA_FORMAT, what + " (Avro, version " + version + "); only Avro 1.x schemas are read",
                    "Write the format as application/vnd.apache.avro;version=1.9.0 (or another 1.x version).", site);
            return null;
        }
        String name = base.contains("protobuf") ? "Protobuf" : base.contains("raml") ? "RAML" : null;
        diags.report(Code.SCHEMA_FORMAT, what + (name == null ? "" : " (" + name + ")") + ", which is not supported",
                "'" + base + "' is not read: describe the payload with JSON Schema (application/schema+json) or an"
                        + " OpenAPI 3.0 Schema Object (application/vnd.oai.openapi;version=3.0.0).", site);
        return null;
    }
}
