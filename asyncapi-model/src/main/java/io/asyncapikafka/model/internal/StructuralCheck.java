package io.asyncapikafka.model.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Binds the resolved document skeleton with asyncapi-core as a typed structural view: what the library rejects (an
 * unknown field, a wrong shape) becomes a warning with a location.
 *
 * <p>Schemas and bindings are left out of the view on purpose: asyncapi-core rejects {@code example}/{@code nullable}
 * in schemas and silently drops Kafka bindings it does not like, and both are read by our own lenient readers. A
 * failure of the library itself must never fail the read, so everything it throws is caught.
 */
final class StructuralCheck {

    /** Keys whose values are schemas or bindings, read elsewhere. */
    private static final Set<String> LEFT_OUT = Set.of("bindings", "payload", "headers", "schema", "schemas",
            "serverBindings", "channelBindings", "operationBindings", "messageBindings", "examples");
    private static final int NODE_BUDGET = 500_000;

    private final Documents docs;
    private final Deque<Node> stack = new ArrayDeque<>();
    private int nodes;

    private StructuralCheck(Documents docs) {
        this.docs = docs;
    }

    /** Binds {@code root}; returns the typed view, or null when it could not be bound (a warning says why). */
    static Object run(Node.MapNode root, String version, Documents docs, Diagnostics diags) {
        StructuralCheck check = new StructuralCheck(docs);
        JsonNode tree;
        try {
            tree = check.convert(root);
        } catch (BudgetExceeded e) {
            return null; // a huge, heavily shared document: the structural view is a nicety, skip it
        }
        Class<?> type = "2.0.0".equals(version) ? com.asyncapi.v2._0_0.model.AsyncAPI.class
                : com.asyncapi.v2._6_0.model.AsyncAPI.class;
        try {
            return new ObjectMapper().treeToValue(tree, type);
        } catch (JsonMappingException e) {
            Node at = check.locate(root, e);
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            diags.report(Code.STRUCTURE, "asyncapi-core: " + msg.strip().replaceAll("\\s+", " "), at);
        } catch (Exception | StackOverflowError | LinkageError e) {
            diags.report(Code.STRUCTURE, "asyncapi-core could not bind the document: " + e, root);
        }
        return null;
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private JsonNode convert(Node n) {
        if (++nodes > NODE_BUDGET) {
            throw new BudgetExceeded();
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (n instanceof Node.MapNode m && m.isRef()) {
            Node target = stack.contains(m) ? null : docs.resolve(m);
            if (target == null || stack.contains(target)) {
                ObjectNode ref = f.objectNode();
                ref.put("$ref", String.valueOf(m.ref()));
                return ref;
            }
            stack.push(m);
            try {
                return convert(target);
            } finally {
                stack.pop();
            }
        }
        if (n instanceof Node.MapNode m) {
            stack.push(m);
            try {
                ObjectNode o = f.objectNode();
                for (Map.Entry<String, Node> e : m.members().entrySet()) {
                    if (!LEFT_OUT.contains(e.getKey())) {
                        o.set(e.getKey(), convert(e.getValue()));
                    }
                }
                return o;
            } finally {
                stack.pop();
            }
        }
        if (n instanceof Node.ListNode l) {
            ArrayNode a = f.arrayNode();
            for (Node item : l.items()) {
                a.add(convert(item));
            }
            return a;
        }
        Object v = ((Node.ScalarNode) n).value();
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof BigDecimal d) {
            return f.numberNode(d);
        }
        return f.textNode((String) v);
    }

    /** The node the mapping failure's path leads to, following references like {@link #convert} did. */
    private Node locate(Node.MapNode root, JsonMappingException e) {
        Node n = root;
        for (JsonMappingException.Reference r : e.getPath()) {
            Node next = docs.resolve(n);
            if (r.getFieldName() != null && next instanceof Node.MapNode m && m.get(r.getFieldName()) != null) {
                n = m.get(r.getFieldName());
            } else if (r.getIndex() >= 0 && next instanceof Node.ListNode l && r.getIndex() < l.items().size()) {
                n = l.items().get(r.getIndex());
            } else {
                break;
            }
        }
        return n;
    }
}
