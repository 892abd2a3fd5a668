package io.asyncapikafka.compat;

import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Schema;
import java.util.stream.Collectors;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Avro payloads (both sides carry {@link Schema#AVRO_SCHEMA}) are judged by Avro's own schema resolution rules
 * ({@link SchemaCompatibility}), not by the JSON Schema rules: a field added with a default reads both ways in Avro,
 * where the JSON view would see a new required member. BACKWARD: the new schema reads what the old one wrote;
 * FORWARD: the old schema reads what the new one writes.
 */
final class AvroCompat {

    private AvroCompat() {}

    /** Whether both payloads are Avro (then {@link #compare} judges them, instead of the schema diff). */
    static boolean bothAvro(Message a, Message b) {
        return text(a) != null && text(b) != null;
    }

    static void compare(Message a, Message b, String scope, Judge judge) {
        org.apache.avro.Schema old = new org.apache.avro.Schema.Parser().parse(text(a));
        org.apache.avro.Schema now = new org.apache.avro.Schema.Parser().parse(text(b));
        if (old.equals(now)) {
            return;
        }
        SchemaPairCompatibility backward = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
        SchemaPairCompatibility forward = SchemaCompatibility.checkReaderWriterCompatibility(old, now);
        boolean b1 = backward.getType() == SchemaCompatibilityType.INCOMPATIBLE;
        boolean f1 = forward.getType() == SchemaCompatibilityType.INCOMPATIBLE;
        StringBuilder what = new StringBuilder(scope).append("Avro schema ").append(now.getFullName())
                .append(" changed");
        if (!b1 && !f1) {
            what.append(", readable both ways by Avro's resolution rules");
        }
        if (b1) {
            what.append("; the new schema cannot read records of the old one: ").append(reasons(backward));
        }
        if (f1) {
            what.append("; the old schema cannot read records of the new one: ").append(reasons(forward));
        }
        judge.directional(Rule.AVRO_SCHEMA_CHANGED, Breaks.of(b1, f1), what.toString(), a.payload().location(),
                b.payload().location());
    }

    private static String reasons(SchemaPairCompatibility c) {
        return c.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + (i.getMessage() == null || i.getMessage().isEmpty()
                        ? "" : " (" + i.getMessage() + ")"))
                .collect(Collectors.joining(", "));
    }

    private static String text(Message m) {
        Object t = m.payload().meta().extensions().get(Schema.AVRO_SCHEMA);
        return t instanceof String s ? s : null;
    }
}
