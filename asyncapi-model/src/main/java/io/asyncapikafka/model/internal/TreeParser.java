package io.asyncapikafka.model.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.asyncapikafka.model.SourceLocation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Builds a located {@link Node} tree, enforcing the hostile-input limits: JSON from Jackson's token stream, YAML from
 * SnakeYAML Engine's event stream (YAML 1.2, the version the AsyncAPI specification uses; plain scalars are resolved by
 * the YAML 1.2 core schema in {@link Yaml12Scalars}, so {@code on}/{@code off}/{@code yes}/{@code no} stay strings).
 *
 * <p>Events report an alias by the anchor's name and never expand it, so aliases are expanded here by sharing the
 * anchored subtree. Every expansion is counted, both as a number of aliases and as the
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
        return json ? runJson(content) : runYaml(content, maxBytes);
    }

    private Node runJson(byte[] content) {
        try (JsonParser p = new JsonFactory().createParser(content)) {
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

    private void syntaxError(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        syntaxError(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), e.getOriginalMessage());
    }

    private void syntaxError(MarkedYamlEngineException y) {
        // the problem mark is where the problem is; the context mark where the construct it breaks began
        Optional<Mark> m = y.getProblemMark();
        String context = y.getContext() == null ? "" : y.getContext() + y.getContextMark()
                .map(c -> " (line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1) + ")").orElse("") + ": ";
        syntaxError(m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0),
                context + y.getProblem());
    }

    private void syntaxError(int line, int col, String msg) {
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
        return result;
    }

    private static Object number(JsonParser p) throws IOException {
        return p.getDecimalValue();
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
            put(members, key, child.node(), kl.getLineNr(), kl.getColumnNr(), childPointer);
        }
        if (t != JsonToken.END_OBJECT) {
            diags.report(Code.SYNTAX, "unexpected token " + t + " in a map", at(line, col));
            throw new Abort();
        }
        return new Sized(new Node.MapNode(origin, line, col, pointer, members), size);
    }

    private void put(Map<String, Node> members, String key, Node value, int line, int col, String pointer) {
        if (members.containsKey(key)) {
            diags.report(Code.DUPLICATE_KEY, "duplicate key '" + key + "'",
                    new SourceLocation(origin.displayName(), line, col, pointer));
        }
        members.put(key, value);
    }

    /** YAML merge keys ({@code <<: *base}): applied after the explicit keys, which win. */
    private static void merge(Map<String, Node> members, List<Node> merges) {
        for (Node m : merges) {
            List<Node> sources = m instanceof Node.ListNode l ? l.items() : List.of(m);
            for (Node s : sources) {
                if (s instanceof Node.MapNode sm) {
                    sm.members().forEach(members::putIfAbsent);
                }
            }
        }
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

    // ---- YAML: SnakeYAML Engine events ----

    private ParserImpl events;

    private Node runYaml(byte[] content, long maxBytes) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(origin.displayName())
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(1024, maxBytes)))
                .build();
        try {
            // YamlUnicodeReader detects UTF-8/16/32 by BOM, as the YAML specification asks
            events = new ParserImpl(settings,
                    new StreamReader(settings, new YamlUnicodeReader(new ByteArrayInputStream(content))));
            Event e = events.next(); // stream start
            e = events.next();
            if (e.getEventId() == Event.ID.StreamEnd) {
                diags.report(Code.EMPTY_DOCUMENT, "the document is empty", at(1, 1));
                return null;
            }
            // document start; only the first document of a stream is read
            Event first = events.next();
            Mark m = first.getStartMark().orElse(null);
            Sized root = yamlValue(first, "", 0, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1);
            return root.node();
        } catch (Abort a) {
            return null;
        } catch (MarkedYamlEngineException e) {
            syntaxError(e);
            return null;
        } catch (RuntimeException e) {
            // limits, bad encodings
            diags.report(Code.SYNTAX, "cannot parse: " + oneLine(e.getMessage()), at(1, 1));
            return null;
        }
    }

    private Sized yamlValue(Event e, String pointer, int depth, int line, int col) {
        currentPointer = pointer;
        Sized result;
        switch (e.getEventId()) {
            case Alias -> {
                return alias(((AliasEvent) e).getAlias().getValue(), line, col);
            }
            case Scalar -> {
                ScalarEvent s = (ScalarEvent) e;
                result = scalar(pointer, line, col, Yaml12Scalars.value(s), s.getValue());
            }
            case MappingStart -> result = yamlMap(pointer, depth + 1, line, col);
            case SequenceStart -> result = yamlList(pointer, depth + 1, line, col);
            default -> {
                diags.report(Code.SYNTAX, "unexpected YAML event " + e.getEventId(), at(line, col));
                throw new Abort();
            }
        }
        Optional<Anchor> anchor = ((NodeEvent) e).getAnchor();
        if (anchor.isPresent()) {
            anchors.put(anchor.get().getValue(), result);
        }
        return result;
    }

    private Sized yamlMap(String pointer, int depth, int line, int col) {
        checkDepth(depth, line, col);
        Map<String, Node> members = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        long size = 1;
        Event k;
        while ((k = events.next()).getEventId() != Event.ID.MappingEnd) {
            Mark km = k.getStartMark().orElse(null);
            int kl = km == null ? 0 : km.getLine() + 1;
            int kc = km == null ? 0 : km.getColumn() + 1;
            String key = key(k, kl, kc);
            String childPointer = pointer + "/" + Node.escape(key);
            Sized child = yamlValue(events.next(), childPointer, depth, kl, kc);
            currentPointer = pointer;
            size += child.size();
            if ("<<".equals(key) && k instanceof ScalarEvent ks && ks.isPlain()) {
                merges.add(child.node());
                continue;
            }
            put(members, key, child.node(), kl, kc, childPointer);
        }
        merge(members, merges);
        return new Sized(new Node.MapNode(origin, line, col, pointer, members), size);
    }

    /** A map key as text: JSON and AsyncAPI keys are strings, so a YAML key {@code 200} or {@code on} is its text. */
    private String key(Event k, int line, int col) {
        if (k instanceof ScalarEvent s) {
            return s.getValue();
        }
        if (k instanceof AliasEvent a && anchors.get(a.getAlias().getValue()) != null
                && anchors.get(a.getAlias().getValue()).node() instanceof Node.ScalarNode sn) {
            return sn.text();
        }
        diags.report(Code.SYNTAX, "a map key must be a plain value, not a " + (k.getEventId() == Event.ID.MappingStart
                ? "map" : k.getEventId() == Event.ID.SequenceStart ? "list" : k.getEventId().toString()), at(line, col));
        throw new Abort();
    }

    private Sized yamlList(String pointer, int depth, int line, int col) {
        checkDepth(depth, line, col);
        List<Node> items = new ArrayList<>();
        long size = 1;
        Event e;
        while ((e = events.next()).getEventId() != Event.ID.SequenceEnd) {
            Mark m = e.getStartMark().orElse(null);
            Sized child = yamlValue(e, pointer + "/" + items.size(), depth, m == null ? 0 : m.getLine() + 1,
                    m == null ? 0 : m.getColumn() + 1);
            size += child.size();
            items.add(child.node());
        }
        currentPointer = pointer;
        return new Sized(new Node.ListNode(origin, line, col, pointer, items), size);
    }
}
