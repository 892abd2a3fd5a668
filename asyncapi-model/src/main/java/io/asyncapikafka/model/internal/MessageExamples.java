package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.MessageExample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Message Example Objects: their shape as the AsyncAPI JSON schemas (github.com/asyncapi/spec-json-schemas) require
 * it, and the examples of a merged message for the generator, which checks each payload and headers value against
 * the message's schemas.
 *
 * <p>The shape, per version: {@code examples} is a list of objects everywhere. A message's example may hold only
 * {@code headers} (an object) and {@code payload} in 2.0.0; from 2.1.0 also {@code name} and {@code summary} (strings),
 * and it must have {@code payload} or {@code headers}. A message trait's examples follow the same rule in 2.1.0,
 * 2.6.0 and 3.x; the schemas of 2.0.0 and 2.2.0 to 2.5.0 only ask that each be an object. None of them allows
 * {@code x-} fields in an example.
 */
final class MessageExamples {

    private static final Set<String> FIELDS_2_0 = Set.of("headers", "payload");
    private static final Set<String> FIELDS = Set.of("headers", "payload", "name", "summary");

    private final Documents docs;
    private final Diagnostics diags;
    private final String version;
    /** Pointers of the examples lists already checked: a component trait used by many messages is reported once. */
    private final Set<String> checked = new HashSet<>();

    private MessageExamples(Documents docs, Diagnostics diags, String version) {
        this.docs = docs;
        this.diags = diags;
        this.version = version;
    }

    static MessageExamples create(Documents docs, Diagnostics diags, String version) {
        return new MessageExamples(docs, diags, version);
    }

    /** Checks the shape of the examples of {@code message} (before traits are merged) and of each of its traits. */
    void checkShape(Node.MapNode message) {
        check(message.get("examples"), false);
        if (docs.resolve(message.get("traits")) instanceof Node.ListNode traits) {
            for (Node t : traits.items()) {
                if (docs.resolve(t) instanceof Node.MapNode trait) {
                    check(trait.get("examples"), true);
                }
            }
        }
    }

    /** The examples of a merged message, in order; those whose shape is wrong are left out (already reported). */
    List<MessageExample> of(Node.MapNode merged) {
        List<MessageExample> out = new ArrayList<>();
        if (!(docs.resolve(merged.get("examples")) instanceof Node.ListNode list)) {
            return out;
        }
        for (int i = 0; i < list.items().size(); i++) {
            if (!(docs.resolve(list.items().get(i)) instanceof Node.MapNode e)) {
                continue;
            }
            Node payload = e.get("payload");
            Node headers = e.get("headers");
            if (headers != null && !(headers instanceof Node.MapNode)) {
                headers = null;
            }
            if (payload == null && headers == null) {
                continue;
            }
            out.add(new MessageExample(Literals.string(e.get("name")), payload == null ? null : Literals.of(payload),
                    headers == null ? null : Literals.of(headers), i,
                    (payload == null ? e : payload).location(), (headers == null ? e : headers).location()));
        }
        return out;
    }

    private void check(Node raw, boolean trait) {
        if (raw == null) {
            return;
        }
        Node examples = docs.resolve(raw);
        if (examples == null || !checked.add(examples.origin().displayName() + "#" + examples.pointer())) {
            return;
        }
        if (!(examples instanceof Node.ListNode list)) {
            diags.report(Code.EXAMPLE_SHAPE, "'examples' must be a list of Message Example Objects, found "
                    + Node.kind(examples), "Write examples as a list: examples: [{payload: ...}, {headers: ...}].",
                    examples);
            return;
        }
        boolean strict = !trait || strictTraits();
        for (Node item : list.items()) {
            Node e = docs.resolve(item);
            if (e == null) {
                continue;
            }
            if (!(e instanceof Node.MapNode m)) {
                diags.report(Code.EXAMPLE_SHAPE, "a message example must be an object, found " + Node.kind(e),
                        "Write each example as an object with payload and/or headers.", e);
                continue;
            }
            if (strict) {
                checkExample(m);
            }
        }
    }

    private void checkExample(Node.MapNode m) {
        boolean v20 = version.equals("2.0.0");
        Set<String> fields = v20 ? FIELDS_2_0 : FIELDS;
        for (var member : m.members().entrySet()) {
            if (!fields.contains(member.getKey())) {
                diags.report(Code.EXAMPLE_SHAPE, "a message example has '" + member.getKey() + "', which AsyncAPI "
                        + version + " does not define (an example holds " + String.join(", ", sorted(fields)) + ")",
                        "Remove the field, or move it into the example's payload or headers.", member.getValue());
            }
        }
        if (m.has("headers") && !(m.get("headers") instanceof Node.MapNode)) {
            diags.report(Code.EXAMPLE_SHAPE, "a message example's 'headers' must be an object, found "
                    + Node.kind(m.get("headers")), "Write the example headers as a map of header names to values.",
                    m.get("headers"));
        }
        for (String text : List.of("name", "summary")) {
            Node n = m.get(text);
            if (!v20 && n != null && Literals.string(n) == null) {
                diags.report(Code.EXAMPLE_SHAPE, "a message example's '" + text + "' must be a string, found "
                        + Node.kind(n), "Quote the " + text + ".", n);
            }
        }
        if (!v20 && !m.has("payload") && !m.has("headers")) {
            diags.report(Code.EXAMPLE_SHAPE, "a message example has neither 'payload' nor 'headers'",
                    "Give the example a payload (or headers), or remove it.", m);
        }
    }

    /** The message trait schemas that check examples as the message's do: 2.1.0, 2.6.0 and every 3.x. */
    private boolean strictTraits() {
        return version.startsWith("3.") || version.equals("2.1.0") || version.equals("2.6.0");
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
