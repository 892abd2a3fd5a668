package io.asyncapikafka.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON Schema, as far as code generation needs it. Every variant carries {@link SchemaMeta} (title, description,
 * nullable, default, const, enum, extensions, location).
 *
 * <p>References to named schemas ({@code components/schemas} entries and schemas in other files) stay references
 * ({@link RefSchema}) so recursive schemas can be expressed; {@link AsyncApiModel#schemas()} holds the targets.
 * Composition is kept as written ({@link CompositeSchema}); merging {@code allOf} is the generator's job.
 *
 * <p>Literal values ({@code default}, {@code const}, {@code enum}, {@code example}) are plain Java values: {@link String},
 * {@link Boolean}, {@link BigDecimal} (every number), {@link List}, {@link Map} (ordered) and {@link JsonNull}.
 */
public sealed interface Schema
        permits Schema.ObjectSchema,
                Schema.ArraySchema,
                Schema.StringSchema,
                Schema.NumberSchema,
                Schema.BooleanSchema,
                Schema.NullSchema,
                Schema.AnySchema,
                Schema.RefSchema,
                Schema.CompositeSchema {

    /**
     * Extension on the root payload schema of an Avro message ({@code schemaFormat: application/vnd.apache.avro...}):
     * the Avro schema's full JSON text as Avro's parser gives it back. Its presence marks the message as Avro.
     */
    String AVRO_SCHEMA = "x-avro-schema";

    /**
     * Extension beside {@link #AVRO_SCHEMA}: the Kafka message binding's {@code schemaIdLocation} ({@code payload} or
     * {@code header}), where the registry framing puts the schema id; absent when the binding does not say.
     */
    String AVRO_SCHEMA_ID_LOCATION = "x-avro-schema-id-location";

    /**
     * Extension beside {@link #AVRO_SCHEMA}: the Kafka message binding's {@code schemaLookupStrategy} as written
     * (e.g. {@code TopicIdStrategy}, {@code RecordIdStrategy}); absent when the binding does not say.
     */
    String AVRO_SCHEMA_LOOKUP_STRATEGY = "x-avro-schema-lookup-strategy";

    /**
     * Extension beside {@link #AVRO_SCHEMA}: the framing the Kafka message binding's
     * {@code x-asyncapi-kafka-avro-framing} asks for ({@code single-object} or {@code registry}), overriding the one
     * the channel's servers would give; absent when the binding does not say.
     */
    String AVRO_FRAMING = "x-avro-framing";

    /**
     * Extension beside {@link #AVRO_SCHEMA}: the JSON texts (a {@code List<String>}) of the other versions of the
     * message's Avro schema the message binding's {@code x-asyncapi-kafka-avro-writers} lists, each one the schema can
     * read by Avro's rules; a single-object reader resolves a writer's fingerprint among them as well.
     */
    String AVRO_WRITER_SCHEMAS = "x-avro-writer-schemas";

    SchemaMeta meta();

    default SourceLocation location() {
        return meta().location();
    }

    /** JSON {@code null}, as a literal value. */
    enum JsonNull {
        INSTANCE
    }

    /**
     * What every schema has.
     *
     * @param nullable {@code nullable: true}, or {@code null} among the types ({@code type: [string, "null"]})
     * @param defaultValue {@code default}, or {@code null} when absent
     * @param constValue {@code const}, or {@code null} when absent
     * @param enumValues {@code enum} values in document order, empty when absent
     * @param extensions {@code x-*} keys with literal values, in document order (e.g. {@code x-event-id: true})
     * @param source the schema's assertion keywords as JSON Schema draft 7 literals (plain values as for
     *     {@code const}; nested schemas likewise, {@code true}/{@code false} schemas as booleans; a reference to a named
     *     schema as {@code {"$ref": "#/definitions/<name>"}}), annotations left out; {@code null} when the schema was
     *     not read from a document. The generator checks at run time what no Java type can hold from it.
     */
    record SchemaMeta(
            String title,
            String description,
            boolean nullable,
            Object defaultValue,
            Object constValue,
            List<Object> enumValues,
            boolean deprecated,
            Map<String, Object> extensions,
            SourceLocation location,
            Object source) {

        public SchemaMeta {
            enumValues = List.copyOf(enumValues);
            extensions = Collections2.copyOrdered(extensions);
            Objects.requireNonNull(location, "location");
        }

        /** Meta without a {@link #source()}. */
        public SchemaMeta(String title, String description, boolean nullable, Object defaultValue, Object constValue,
                List<Object> enumValues, boolean deprecated, Map<String, Object> extensions, SourceLocation location) {
            this(title, description, nullable, defaultValue, constValue, enumValues, deprecated, extensions, location,
                    null);
        }

        /** This meta with {@code source}. */
        public SchemaMeta withSource(Object newSource) {
            return new SchemaMeta(title, description, nullable, defaultValue, constValue, enumValues, deprecated,
                    extensions, location, newSource);
        }

        /** Meta with only a location. */
        public static SchemaMeta at(SourceLocation location) {
            return new SchemaMeta(null, null, false, null, null, List.of(), false, Map.of(), location);
        }

        public boolean hasEnum() {
            return !enumValues.isEmpty();
        }

        /** True when {@code x-<name>} is present and literally {@code true}. */
        public boolean flag(String extension) {
            return Boolean.TRUE.equals(extensions.get(extension));
        }
    }

    /** One property of an object schema, in document order. */
    record Property(String name, Schema schema, boolean required, SourceLocation location) {}

    /**
     * {@code type: object}.
     *
     * @param additionalProperties the schema of extra members: {@code null} when the keyword is absent or {@code true}
     *     with properties declared; an {@link AnySchema} for {@code true} / {@code {}}; a schema for a typed map
     * @param additionalPropertiesForbidden {@code additionalProperties: false}
     */
    record ObjectSchema(
            SchemaMeta meta,
            List<Property> properties,
            Schema additionalProperties,
            boolean additionalPropertiesForbidden,
            Integer minProperties,
            Integer maxProperties,
            Discriminator discriminator)
            implements Schema {
        public ObjectSchema {
            properties = List.copyOf(properties);
        }

        /** An object with no declared properties and a typed {@code additionalProperties}: a map. */
        public boolean isMap() {
            return properties.isEmpty() && additionalProperties != null;
        }
    }

    /** {@code type: array}; {@code items} is {@link AnySchema} when absent. */
    record ArraySchema(SchemaMeta meta, Schema items, Integer minItems, Integer maxItems, boolean uniqueItems)
            implements Schema {}

    /**
     * {@code type: string}.
     *
     * @param format {@code date-time}, {@code date}, {@code uuid}, {@code uri}, {@code byte}, ... or {@code null}
     * @param contentEncoding e.g. {@code base64}, or {@code null}
     */
    record StringSchema(
            SchemaMeta meta, String format, Integer minLength, Integer maxLength, String pattern, String contentEncoding)
            implements Schema {}

    /**
     * {@code type: integer} ({@code integer == true}) or {@code type: number}. Bounds are exact decimals; exclusive
     * bounds are normalised from both the draft-4 boolean and the draft-6+ number forms.
     */
    record NumberSchema(
            SchemaMeta meta,
            boolean integer,
            String format,
            BigDecimal minimum,
            boolean exclusiveMinimum,
            BigDecimal maximum,
            boolean exclusiveMaximum,
            BigDecimal multipleOf)
            implements Schema {}

    /** {@code type: boolean}. */
    record BooleanSchema(SchemaMeta meta) implements Schema {}

    /** {@code type: null}. */
    record NullSchema(SchemaMeta meta) implements Schema {}

    /** {@code {}} or a schema without {@code type}: any JSON value. */
    record AnySchema(SchemaMeta meta) implements Schema {}

    /**
     * A reference to a named schema, {@code AsyncApiModel.schemas().get(name)}. {@code meta} holds the location of the
     * {@code $ref} itself (and any sibling title/description).
     */
    record RefSchema(SchemaMeta meta, String name) implements Schema {}

    /** How a {@link CompositeSchema} combines its parts. */
    enum Composition {
        ALL_OF,
        ONE_OF,
        ANY_OF
    }

    /**
     * {@code allOf} / {@code oneOf} / {@code anyOf}. Sibling object keywords next to the composition keyword (e.g.
     * {@code properties} beside {@code oneOf}) are given as {@code base}, or {@code null}.
     */
    record CompositeSchema(
            SchemaMeta meta, Composition kind, List<Schema> parts, Discriminator discriminator, ObjectSchema base)
            implements Schema {
        public CompositeSchema {
            parts = List.copyOf(parts);
        }
    }

    /**
     * A discriminator: the property naming the concrete type, and an optional value → schema-name mapping (OpenAPI
     * style; the AsyncAPI 2 form is a bare property name with an empty mapping).
     */
    record Discriminator(String propertyName, Map<String, String> mapping) {
        public Discriminator {
            Objects.requireNonNull(propertyName, "propertyName");
            mapping = Collections2.copyOrdered(mapping);
        }
    }
}
