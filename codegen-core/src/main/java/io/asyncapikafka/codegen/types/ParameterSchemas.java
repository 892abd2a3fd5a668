package io.asyncapikafka.codegen.types;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JSON Schema of a channel parameter, for the run-time check of the values the runtime reads from a topic: the
 * same JSON the payload types carry ({@link RuntimeSchemas#json}), so a parameter is validated exactly as JSON Schema
 * means it. An AsyncAPI 3.x parameter has no schema, only {@code enum}/{@code default}: it is a string with that enum.
 */
public final class ParameterSchemas {

    private ParameterSchemas() {}

    /** The schema JSON of {@code schema}, or {@code null} when it asserts nothing a topic value could break. */
    public static String json(AsyncApiModel model, Schema schema, Consumer<Diagnostic> diagnostics) {
        Problems problems = Problems.create();
        RuntimeSchemas runtime = RuntimeSchemas.create(model, problems);
        Schema s = schema;
        if (RuntimeSchemas.sourceOf(s) == null) {
            // not read from a document (a 3.x parameter, or the 2.x default string): its type and enum only
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("type", "string");
            if (!s.meta().enumValues().isEmpty()) {
                source.put("enum", s.meta().enumValues());
            }
            if (source.size() == 1) {
                return null;
            }
            s = new Schema.StringSchema(s.meta().withSource(source), null, null, null, null, null);
        }
        if (RuntimeSchemas.sourceOf(s) instanceof Map<?, ?> m && m.keySet().equals(java.util.Set.of("type"))
                && m.get("type").equals(valueType(model, s))) {
            return null; // the type alone: the conversion from the topic text checks it
        }
        String json = runtime.json(s);
        problems.all().forEach(diagnostics);
        return json;
    }

    /** The JSON type a parameter value is read as: {@code integer}, {@code number}, {@code boolean} or {@code string}. */
    public static String valueType(AsyncApiModel model, Schema schema) {
        Schema s = model.resolve(schema);
        if (s instanceof Schema.NumberSchema n) {
            return n.integer() ? "integer" : "number";
        }
        return s instanceof Schema.BooleanSchema ? "boolean" : "string";
    }
}
