package io.asyncapikafka.model.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.asyncapikafka.model.SourceLocation;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Builds a located {@link Node} tree from Jackson's token stream (YAML or JSON), enforcing the hostile-input limits.
 *
 * <p>Jackson's YAML parser reports an alias as a string holding the anchor's name and never expands it, so aliases are
 * expanded here by sharing the anchored subtree. Every expansion is counted, both as a number of aliases and as the
 * number of nodes it adds, so a "billion laughs" document stops after a few hundred tokens instead of exploding later
 * when the tree is walked.
 */
final class TreeParser {

    /** Nodes that alias expansion may add to one file; far above any real contract, far below an attack. */
    static final long MAX_EXPANDED_NODES = 1_000_000;

    private final Node.Origin origin;
    private final int maxDepth;
    private final int maxAliases;
    private final Diagnostics diags;

    private final Map<String, Sized> anchors = new HashMap<>();
    private int aliases;
    private long expanded;
    private String currentPointer = "";

    private record Sized(Node node, long size) {}

    /** Thrown to stop parsing once a diagnostic has been reported. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super(null, null, false, false);
        }
    }

    private TreeParser(Node.Origin origin, int maxDepth, int maxAliases, Diagnostics diags) {
        this.origin = origin;
        this.maxDepth = maxDepth;
        this.maxAliases = maxAliases;
        this.diags = diags;
    }

    /**
     * Parses {@code content}; returns the root, or null when the file is empty or broken (a diagnostic says which).
     */
    static Node parse(byte[] content, boolean json, Node.Origin origin, int maxDepth, int maxAliases, long maxBytes,
            Diagnostics diags) {
        return new TreeParser(origin, maxDepth, maxAliases, diags).run(content, json, maxBytes);
    }

    private Node run(byte[] content, boolean json, long maxBytes) {
        JsonFactory factory = json ? new JsonFactory() : yamlFactory(maxBytes);
        try (JsonParser p = factory.createParser(content)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                diags.report(Code.EMPTY_DOCUMENT, "the document is empty", at(1, 1));
                return null;
            }
            Sized root = value(p, "", 0);
            return root.node();
        } catch (Abort a) {
            return null;
        } catch (JsonProcessingException e) {
            syntaxError(e);
            return null;
        } catch (IOException | RuntimeException e) {
            // snakeyaml reports some problems (limits, bad encodings) as unchecked exceptions
            diags.report(Code.SYNTAX, "cannot parse: " + oneLine(e.getMessage()), at(1, 1));
            return null;
        }
    }

    private YAMLFactory yamlFactory(long maxBytes) {
        LoaderOptions lo = new LoaderOptions();
        // Only take effect where snakeyaml composes nodes; the streaming parser is guarded by our own counters below.
        lo.setMaxAliasesForCollections(Math.max(1, maxAliases));
        lo.setNestingDepthLimit(Math.max(1, maxDepth + 1));
        lo.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(1024, maxBytes)));
        lo.setAllowDuplicateKeys(true); // reported by us, with a location
        return YAMLFactory.builder().loaderOptions(lo).build();
    }

    private void syntaxError(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        int line = l == null ? 0 : l.getLineNr();
        int col = l == null ? 0 : l.getColumnNr();
        String msg = e.getOriginalMessage();
        // Jackson's location is where the scanner stopped; snakeyaml's problem mark is where the problem is.
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            line = y.getProblemMark().getLine() + 1;
            col = y.getProblemMark().getColumn() + 1;
            String context = y.getContext() == null ? "" : y.getContext() + (y.getContextMark() == null ? ""
                    : " (line " + (y.getContextMark().getLine() + 1) + ", column "
                            + (y.getContextMark().getColumn() + 1) + ")") + ": ";
            msg = context + y.getProblem();
        }
        if (msg != null && msg.contains("(TAB)")) {
            diags.report(Code.TAB_INDENT, "a tab character is used for indentation", at(line, col));
        } else {
            diags.report(Code.SYNTAX, "syntax error: " + oneLine(msg), at(line, col));
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown problem";
        }
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private SourceLocation at(int line, int col) {
        return new SourceLocation(origin.displayName(), Math.max(line, 0), Math.max(col, 0), currentPointer);
    }

    /** Reads the value at the current token; {@code line}/{@code col} of a map member are its key's. */
    private Sized value(JsonParser p, String pointer, int depth) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        return value(p, pointer, depth, loc.getLineNr(), loc.getColumnNr());
    }

    private Sized value(JsonParser p, String pointer, int depth, int line, int col) throws IOException {
        currentPointer = pointer;
        JsonToken t = p.currentToken();
        String anchor = p instanceof YAMLParser yp ? yp.getObjectId() : null;
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            return alias(p.getText(), line, col);
        }
        Sized result;
        switch (t) {
            case START_OBJECT -> result = map(p, pointer, depth + 1, line, col);
            case START_ARRAY -> result = list(p, pointer, depth + 1, line, col);
            case VALUE_STRING -> result = scalar(pointer, line, col, p.getText(), p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> result = scalar(pointer, line, col, number(p), p.getText());
            case VALUE_TRUE -> result = scalar(pointer, line, col, Boolean.TRUE, p.getText());
            case VALUE_FALSE -> result = scalar(pointer, line, col, Boolean.FALSE, p.getText());
            case VALUE_NULL -> result = scalar(pointer, line, col, null, p.getText());
            default -> {
                diags.report(Code.SYNTAX, "unexpected token " + t, at(line, col));
                throw new Abort();
            }
        }
        if (anchor != null) {
            anchors.put(anchor, result);
        }
        return result;
    }

    private static Object number(JsonParser p) throws IOException {
        try {
            return p.getDecimalValue();
        } catch (NumberFormatException | IOException e) {
            return p.getText(); // .inf / .nan: kept as written
        }
    }

    private Sized scalar(String pointer, int line, int col, Object value, String text) {
        return new Sized(new Node.ScalarNode(origin, line, col, pointer, value, text), 1);
    }

    private Sized alias(String name, int line, int col) {
        Sized target = anchors.get(name);
        if (target == null) {
            diags.report(Code.SYNTAX, "unknown YAML alias *" + name, at(line, col));
            throw new Abort();
        }
        aliases++;
        expanded += target.size();
        if (aliases > maxAliases) {
            diags.report(Code.ALIAS_LIMIT, "more than " + maxAliases + " YAML aliases", at(line, col));
            throw new Abort();
        }
        if (expanded > MAX_EXPANDED_NODES) {
            diags.report(Code.ALIAS_LIMIT,
                    "YAML aliases expand to more than " + MAX_EXPANDED_NODES + " nodes (alias bomb?)", at(line, col));
            throw new Abort();
        }
        return target;
    }

    private void checkDepth(int depth, int line, int col) {
        if (depth > maxDepth) {
            diags.report(Code.TOO_DEEP, "nesting deeper than " + maxDepth + " levels", at(line, col));
            throw new Abort();
        }
    }

    private Sized map(JsonParser p, String pointer, int depth, int line, int col) throws IOException {
        checkDepth(depth, line, col);
        Map<String, Node> members = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        long size = 1;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation kl = p.currentTokenLocation();
            p.nextToken();
            String childPointer = pointer + "/" + Node.escape(key);
            Sized child = value(p, childPointer, depth, kl.getLineNr(), kl.getColumnNr());
            currentPointer = pointer;
            size += child.size();
            if ("<<".equals(key) && p instanceof YAMLParser) {
                merges.add(child.node()); // YAML merge key: applied after the explicit keys, which win
                continue;
            }
            if (members.containsKey(key)) {
                diags.report(Code.DUPLICATE_KEY, "duplicate key '" + key + "'",
                        new SourceLocation(origin.displayName(), kl.getLineNr(), kl.getColumnNr(), childPointer));
            }
            members.put(key, child.node());
        }
        if (t != JsonToken.END_OBJECT) {
            diags.report(Code.SYNTAX, "unexpected token " + t + " in a map", at(line, col));
            throw new Abort();
        }
        for (Node m : merges) {
            List<Node> sources = m instanceof Node.ListNode l ? l.items() : List.of(m);
            for (Node s : sources) {
                if (s instanceof Node.MapNode sm) {
                    sm.members().forEach(members::putIfAbsent);
                }
            }
        }
        return new Sized(new Node.MapNode(origin, line, col, pointer, members), size);
    }

    private Sized list(JsonParser p, String pointer, int depth, int line, int col) throws IOException {
        checkDepth(depth, line, col);
        List<Node> items = new ArrayList<>();
        long size = 1;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                diags.report(Code.SYNTAX, "unterminated list", at(line, col));
                throw new Abort();
            }
            Sized child = value(p, pointer + "/" + items.size(), depth);
            size += child.size();
            items.add(child.node());
        }
        currentPointer = pointer;
        return new Sized(new Node.ListNode(origin, line, col, pointer, items), size);
    }
}
