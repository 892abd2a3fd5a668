package io.asyncapikafka.model.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies message and operation traits: each trait, in order, is a JSON Merge Patch (RFC 7386) over the object, as
 * AsyncAPI 2.x specifies (3.x: {@link #applyUnder}). Merged nodes keep the locations of the parts they came from.
 */
final class Traits {

    private final Documents docs;
    private final Diagnostics diags;

    private Traits(Documents docs, Diagnostics diags) {
        this.docs = docs;
        this.diags = diags;
    }

    static Traits create(Documents docs, Diagnostics diags) {
        return new Traits(docs, diags);
    }

    /** {@code object} with its {@code traits} applied (and the {@code traits} key removed). */
    Node.MapNode apply(Node.MapNode object) {
        Node traits = object.get("traits");
        if (traits == null) {
            return object;
        }
        Node.MapNode result = withoutTraits(object);
        for (Node.MapNode trait : traitList(traits)) {
            result = (Node.MapNode) merge(result, trait);
        }
        return result;
    }

    /**
     * AsyncAPI 3.x: the traits are merged in order, and "a property on a trait MUST NOT override the same property on
     * the target object" (3.0.0, Traits Merge Mechanism), so the object itself is the last patch.
     */
    Node.MapNode applyUnder(Node.MapNode object) {
        Node traits = object.get("traits");
        if (traits == null) {
            return object;
        }
        Node.MapNode result = new Node.MapNode(object.origin(), object.line(), object.column(), object.pointer(),
                Map.of());
        for (Node.MapNode trait : traitList(traits)) {
            result = (Node.MapNode) merge(result, trait);
        }
        return (Node.MapNode) merge(result, withoutTraits(object));
    }

    /**
     * The {@code components/messageTraits} key of the one trait of {@code object} that declares {@code headers} (so
     * the merged object's headers are that trait's), or {@code null} (none, several, or an inline one).
     */
    String headersTrait(Node.MapNode object) {
        Node traits = docs.resolve(object.get("traits"));
        String found = null;
        int declaring = 0;
        if (traits instanceof Node.ListNode l) {
            for (Node item : l.items()) {
                Documents.Target t = docs.deref(item);
                if (t != null && t.node() instanceof Node.MapNode tm && tm.has("headers")) {
                    declaring++;
                    java.util.List<String> seg = t == null ? null : t.segments();
                    found = seg != null && seg.size() == 3 && seg.get(0).equals("components")
                            && seg.get(1).equals("messageTraits") ? seg.get(2) : null;
                }
            }
        }
        return declaring == 1 ? found : null;
    }

    private static Node.MapNode withoutTraits(Node.MapNode object) {
        Map<String, Node> base = new LinkedHashMap<>(object.members());
        base.remove("traits");
        return new Node.MapNode(object.origin(), object.line(), object.column(), object.pointer(), base);
    }

    private java.util.List<Node.MapNode> traitList(Node traits) {
        Node list = docs.resolve(traits);
        if (!(list instanceof Node.ListNode l)) {
            if (list != null) {
                diags.report(Code.WRONG_TYPE, "'traits' must be a list, found " + Node.kind(list), list);
            }
            return java.util.List.of();
        }
        java.util.List<Node.MapNode> out = new java.util.ArrayList<>();
        for (Node item : l.items()) {
            Node trait = docs.resolve(item);
            if (trait == null) {
                continue;
            }
            if (!(trait instanceof Node.MapNode tm)) {
                diags.report(Code.WRONG_TYPE, "a trait must be a map, found " + Node.kind(trait), item);
                continue;
            }
            out.add(tm);
        }
        return out;
    }

    private Node merge(Node target, Node patch) {
        if (!(patch instanceof Node.MapNode pm) || pm.isRef()) {
            return patch;
        }
        Node t = target instanceof Node.MapNode tm && tm.isRef() ? docs.resolve(tm) : target;
        Map<String, Node> members = new LinkedHashMap<>();
        if (t instanceof Node.MapNode tm) {
            members.putAll(tm.members());
        }
        for (Map.Entry<String, Node> e : pm.members().entrySet()) {
            Node v = e.getValue();
            if (v instanceof Node.ScalarNode s && s.isNull()) {
                members.remove(e.getKey());
            } else {
                Node existing = members.get(e.getKey());
                Node patchValue = existing instanceof Node.MapNode && v instanceof Node.MapNode vm && vm.isRef()
                        ? docs.resolve(v) : v;
                if (patchValue == null) {
                    continue; // broken reference, already reported
                }
                members.put(e.getKey(), existing == null ? patchValue : merge(existing, patchValue));
            }
        }
        Node where = t instanceof Node.MapNode ? t : pm;
        return new Node.MapNode(where.origin(), where.line(), where.column(), where.pointer(), members);
    }
}
