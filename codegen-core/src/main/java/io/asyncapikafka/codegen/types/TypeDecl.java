package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.Schema.SchemaMeta;
import java.util.List;
import java.util.Objects;

/**
 * One Java type to generate, decided by {@link TypePlanner} before any code is written: the plan is complete (every
 * name allocated, every reference resolved) when the generators run, so generators never allocate names.
 */
sealed interface TypeDecl permits TypeDecl.RecordDecl, TypeDecl.EnumDecl, TypeDecl.UnionDecl, TypeDecl.ValueDecl {

    ClassName name();

    SchemaMeta meta();

    /** What a record is for; headers records also convert from and to Kafka headers. */
    enum RecordKind {
        PAYLOAD,
        HEADERS
    }

    /**
     * One record component.
     *
     * @param wireName the JSON property (or Kafka header) name
     * @param javaName the component name, a legal and unique Java identifier
     * @param schema the property schema as written (may be a reference; validation resolves it)
     * @param type the Java type, boxed when optional or nullable
     * @param required listed in {@code required}
     * @param nullable {@code null} is an allowed value
     * @param defaultValue the literal default applied by the builder (or the {@code const}), or {@code null}
     */
    record Field(
            String wireName,
            String javaName,
            Schema schema,
            TypeName type,
            boolean required,
            boolean nullable,
            Object defaultValue) {
        public Field {
            Objects.requireNonNull(wireName, "wireName");
            Objects.requireNonNull(javaName, "javaName");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(type, "type");
        }

        /** A required, non-nullable member: checked in the compact constructor. */
        boolean mandatory() {
            return required && !nullable;
        }
    }

    /** A record: a payload object, a merged {@code allOf}, a union variant, a key object or a headers object. */
    record RecordDecl(
            ClassName name, SchemaMeta meta, RecordKind kind, List<Field> fields, List<ClassName> interfaces)
            implements TypeDecl {
        public RecordDecl {
            fields = List.copyOf(fields);
            interfaces = List.copyOf(interfaces);
        }

        RecordDecl withInterfaces(List<ClassName> ifaces) {
            return new RecordDecl(name, meta, kind, fields, ifaces);
        }
    }

    /** A string enum with its wire values in document order. */
    record EnumDecl(ClassName name, SchemaMeta meta, List<String> values) implements TypeDecl {
        public EnumDecl {
            values = List.copyOf(values);
        }

        /** The constant names, parallel to {@link #values()}, unique in document order. */
        List<String> constants() {
            return Naming.unique(values.stream().map(Naming::constantName).toList());
        }
    }

    /**
     * A {@code oneOf}/{@code anyOf}: a sealed interface.
     *
     * @param discriminator the property naming the variant, or {@code null} for deduction by members
     * @param existingProperty the variants declare the discriminator property themselves
     */
    record UnionDecl(
            ClassName name, SchemaMeta meta, List<Variant> variants, String discriminator, boolean existingProperty)
            implements TypeDecl {
        public UnionDecl {
            variants = List.copyOf(variants);
        }
    }

    /** A union member and its type id (the discriminator value), {@code null} without a discriminator. */
    record Variant(ClassName type, String typeId) {}

    /**
     * A message payload that is no record (a string, a number, an array, a map, any JSON) with constraints: one value,
     * written and read bare, and checked against the contract schema by the runtime on both paths.
     *
     * @param message the message it is the payload of
     * @param valueType the Java type of the value
     */
    record ValueDecl(ClassName name, SchemaMeta meta, String message, TypeName valueType) implements TypeDecl {}
}
