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
    private final boolean v200;
    private final Deque<Node> stack = new ArrayDeque<>();
    /** 2.0.0 {@code message: {oneOf: [...]}} items, bound one by one (asyncapi-core's 2.0.0 model lacks oneOf). */
    private final java.util.List<Node> oneOfMessages = new java.util.ArrayList<>();
    private int nodes;

    private StructuralCheck(Documents docs, boolean v200) {
        this.docs = docs;
        this.v200 = v200;
    }

    /** Binds {@code root}; returns the typed view, or null when it could not be bound (a warning says why). */
    static Object run(Node.MapNode root, String version, Documents docs, Diagnostics diags) {
        boolean v200 = "2.0.0".equals(version);
        StructuralCheck check = new StructuralCheck(docs, v200);
        JsonNode tree;
        try {
            tree = check.convert(root);
        } catch (BudgetExceeded e) {
            return null; // a huge, heavily shared document: the structural view is a nicety, skip it
        }
        Class<?> type = v200 ? com.asyncapi.v2._0_0.model.AsyncAPI.class
                : com.asyncapi.v2._6_0.model.AsyncAPI.class;
        Object view = check.bind(tree, type, root, diags);
        for (Node item : check.oneOfMessages) {
            JsonNode itemTree;
            try {
                itemTree = check.convert(item);
            } catch (BudgetExceeded e) {
                break;
            }
            check.bind(itemTree, com.asyncapi.v2._0_0.model.channel.message.Message.class, item, diags);
        }
        return view;
    }

    private Object bind(JsonNode tree, Class<?> type, Node at, Diagnostics diags) {
        try {
            return new ObjectMapper().treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            diags.report(Code.STRUCTURE, "asyncapi-core: " + msg.strip().replaceAll("\\s+", " "), locate(at, e));
        } catch (Exception | StackOverflowError | LinkageError e) {
            diags.report(Code.STRUCTURE, "asyncapi-core could not bind the document: " + e, at);
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
                    if (v200 && "message".equals(e.getKey()) && oneOfItems(e.getValue())) {
                        continue; // bound item by item, see run()
                    }
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

    /** Whether {@code message} is a {@code oneOf} list (valid in 2.0.0); if so its items are queued for binding. */
    private boolean oneOfItems(Node message) {
        if (docs.resolve(message) instanceof Node.MapNode m && m.get("oneOf") != null
                && docs.resolve(m.get("oneOf")) instanceof Node.ListNode l) {
            oneOfMessages.addAll(l.items());
            return true;
        }
        return false;
    }

    /** The node the mapping failure's path leads to, following references like {@link #convert} did. */
    private Node locate(Node root, JsonMappingException e) {
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
