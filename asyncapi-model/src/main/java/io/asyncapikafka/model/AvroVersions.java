package io.asyncapikafka.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaCompatibility;

/**
 * Other versions of a message's Avro schema, as the contract's baselines (earlier releases of it) hold them: which of
 * them the current schema reads by Avro's rules, so that a single-object reader generated from the current contract
 * resolves records the earlier versions wrote. Parsing and the compatibility rules are Avro's own.
 */
public final class AvroVersions {

    /**
     * The versions of one schema found in the baselines.
     *
     * @param readable the versions the schema reads (JSON text, Avro's canonical form), in baseline order
     * @param unreadable one sentence per version it cannot read, naming the first incompatibility
     */
    public record Versions(List<String> readable, List<String> unreadable) {
        public Versions {
            readable = List.copyOf(readable);
            unreadable = List.copyOf(unreadable);
        }
    }

    private AvroVersions() {}

    /**
     * Every Avro schema text of {@code model}'s messages: each payload's schema and the other versions it lists
     * ({@link Schema#AVRO_WRITER_SCHEMAS}), in document order, without repeats.
     */
    public static List<String> schemasOf(AsyncApiModel model) {
        Set<String> out = new LinkedHashSet<>();
        for (Operation op : model.operations()) {
            List<Message> messages = new ArrayList<>(op.messages());
            if (op.reply() != null) {
                messages.addAll(op.reply().messages());
            }
            for (Message m : messages) {
                if (m.payload() != null && m.payload().meta().extensions().get(Schema.AVRO_SCHEMA) instanceof String s) {
                    out.add(s);
                    if (m.payload().meta().extensions().get(Schema.AVRO_WRITER_SCHEMAS) instanceof List<?> writers) {
                        writers.forEach(w -> out.add(String.valueOf(w)));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Among {@code candidates}, the versions of {@code reader}'s named type (same full name, other content) and
     * whether {@code reader} reads each; candidates of other types, unnamed ones and unparsable texts are skipped.
     */
    public static Versions of(String reader, Collection<String> candidates) {
        org.apache.avro.Schema r = parse(reader);
        List<String> readable = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (r == null || !isNamed(r)) {
            return new Versions(readable, unreadable);
        }
        Set<org.apache.avro.Schema> seen = new LinkedHashSet<>();
        seen.add(r);
        for (String text : candidates) {
            org.apache.avro.Schema w = parse(text);
            if (w == null || !isNamed(w) || !w.getFullName().equals(r.getFullName()) || !seen.add(w)) {
                continue;
            }
            var result = SchemaCompatibility.checkReaderWriterCompatibility(r, w).getResult();
            if (result.getCompatibility() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                readable.add(w.toString());
            } else {
                var first = result.getIncompatibilities().get(0);
                unreadable.add(first.getType() + " at " + first.getLocation() + " (" + first.getMessage() + ")");
            }
        }
        return new Versions(readable, unreadable);
    }

    private static boolean isNamed(org.apache.avro.Schema s) {
        return switch (s.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static org.apache.avro.Schema parse(String text) {
        try {
            return new org.apache.avro.Schema.Parser().parse(text);
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            return null; // not a standalone schema (the reader reported it where it was read)
        }
    }
}
