package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ChannelParameter;
import io.asyncapikafka.model.CorrelationId;
import io.asyncapikafka.model.Info;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SecurityRequirement;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.ServerVariable;
import io.asyncapikafka.model.SourceLocation;
import io.asyncapikafka.model.UnusedMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Walks the located tree of a contract (already parsed) and builds the model, reporting every problem it meets. */
final class ModelBuilder {

    private static final Pattern VERSION = Pattern.compile("2\\.[0-6]\\.0");
    private static final Pattern CHANNEL_PARAM = Pattern.compile("\\{([^}]+)}");

    private final ReaderOptions options;
    private final Documents docs;
    private final Diagnostics diags;
    // package-visible: the 3.x reader (ModelBuilderV3) shares them, so named schemas and diagnostics are one set
    final SchemaReader schemas;
    final AvroSchemaReader avro;
    final KafkaBindings bindings;
    final Traits traits;
    private final Set<String> usedOperationIds = new HashSet<>();
    private final Map<String, Node> declaredIds = new LinkedHashMap<>();
    /** messageId → the message that declared it first (its target key). */
    private final Map<String, String> messageIds = new LinkedHashMap<>();
    private Map<String, SecurityScheme> securitySchemes = Map.of();
    private String defaultContentType;
    /** Set once the version is known (2.x here; the 3.x reader sets its own). */
    MessageExamples examples;
    /** The 2.x document's version, for the fields its message object allows. */
    private String version;

    private ModelBuilder(ReaderOptions options, Documents docs, Diagnostics diags) {
        this.options = options;
        this.docs = docs;
        this.diags = diags;
        this.schemas = SchemaReader.create(docs, diags);
        this.avro = new AvroSchemaReader(docs, diags, schemas);
        this.bindings = KafkaBindings.create(docs, diags);
        this.traits = Traits.create(docs, diags);
    }

    static ModelBuilder create(ReaderOptions options, Documents docs, Diagnostics diags) {
        return new ModelBuilder(options, docs, diags);
    }

    /** Builds the model from {@code root}; returns null when reading could not go on (diagnostics say why). */
    AsyncApiModel build(Node.MapNode root, String contractFile) {
        String version = version(root);
        if (version == null) {
            return null;
        }
        examples = MessageExamples.create(docs, diags, version);
        this.version = version;
        Info info = info(root);
        defaultContentType = string(root, "defaultContentType");
        securitySchemes = securitySchemes(root);
        List<Server> servers = servers(root);
        List<Channel> channels = channels(root);
        UnusedMessages unused = unusedMessages(root, channels);
        DocumentRules.check2x(root, version, docs, diags);
        return new AsyncApiModel(contractFile, version,
                info == null ? new Info("", "", null, root.location()) : info, defaultContentType, servers, channels,
                schemas.named(), securitySchemes, options.role(), docs.inputFiles(), unused);
    }

    /**
     * The messages of {@code components.messages} no channel uses ({@link UnusedMessages}): read by a builder of
     * their own whose diagnostics are dropped, but for the shape of their examples, which is reported as for any
     * message (into this builder's {@link #examples}); the values are the code generator's to check.
     */
    private UnusedMessages unusedMessages(Node.MapNode root, List<Channel> channels) {
        List<Map.Entry<String, Documents.Target>> entries = unusedComponentMessages(docs, root, channels);
        if (entries.isEmpty()) {
            return UnusedMessages.NONE;
        }
        ModelBuilder quiet = new ModelBuilder(options, docs, Diagnostics.create(false));
        quiet.examples = examples;
        quiet.version = version;
        quiet.defaultContentType = defaultContentType;
        List<Message> out = new ArrayList<>();
        for (Map.Entry<String, Documents.Target> e : entries) {
            out.add(quiet.message((Node.MapNode) e.getValue().node(), e.getKey(), e.getKey()));
        }
        return new UnusedMessages(out, quiet.schemasBeyond(schemas));
    }

    /** The named schemas this builder read that {@code main} did not. */
    Map<String, Schema> schemasBeyond(SchemaReader main) {
        Map<String, Schema> known = main.named();
        Map<String, Schema> out = new LinkedHashMap<>();
        schemas.named().forEach((k, v) -> {
            if (!known.containsKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * The entries of the root document's {@code components.messages} (resolved) that no message of {@code channels}
     * was read from, in document order.
     */
    static List<Map.Entry<String, Documents.Target>> unusedComponentMessages(Documents docs, Node.MapNode root,
            List<Channel> channels) {
        if (!(docs.resolve(root.get("components")) instanceof Node.MapNode components)
                || !(docs.resolve(components.get("messages")) instanceof Node.MapNode section)) {
            return List.of();
        }
        Set<SourceLocation> used = new HashSet<>();
        for (Channel c : channels) {
            for (Operation o : c.operations()) {
                o.messages().forEach(m -> used.add(m.location()));
                if (o.reply() != null) {
                    o.reply().messages().forEach(m -> used.add(m.location()));
                }
            }
        }
        List<Map.Entry<String, Documents.Target>> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : section.members().entrySet()) {
            Documents.Target t = docs.deref(e.getValue());
            if (t != null && t.node() instanceof Node.MapNode m && !used.contains(m.location())) {
                out.add(Map.entry(e.getKey(), t));
            }
        }
        return out;
    }

    // ---- version and info ----

    private String version(Node.MapNode root) {
        Node v = root.get("asyncapi");
        if (v == null) {
            diags.report(Code.MISSING_FIELD, "'asyncapi' (the version) is missing", at(root, "/asyncapi"));
            return "";
        }
        String text = Literals.text(v);
        if (text == null || !VERSION.matcher(text).matches()) {
            diags.report(Code.UNSUPPORTED_VERSION, "AsyncAPI version '" + (text == null ? Node.kind(v) : text)
                    + "' is not supported (2.0.0 to 2.6.0, 3.0.x, 3.1.x)", v);
            // A 3.x document has another shape: reading on would only bury the real problem.
            return text != null && text.startsWith("2.") ? text : null;
        }
        return text;
    }

    Info info(Node.MapNode root) {
        Node n = docs.resolve(root.get("info"));
        if (root.get("info") == null) {
            diags.report(Code.MISSING_FIELD, "'info' is missing", at(root, "/info"));
            return null;
        }
        if (!(n instanceof Node.MapNode m)) {
            if (n != null) {
                diags.report(Code.WRONG_TYPE, "'info' must be a map, found " + Node.kind(n), n);
            }
            return null;
        }
        String title = required(m, "title");
        String version = required(m, "version");
        return new Info(title, version, string(m, "description"), m.location());
    }

    // ---- security and servers ----

    Map<String, SecurityScheme> securitySchemes(Node.MapNode root) {
        Node.MapNode components = map(root, "components");
        Node.MapNode schemes = components == null ? null : map(components, "securitySchemes");
        if (schemes == null) {
            return Map.of();
        }
        Map<String, SecurityScheme> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : schemes.members().entrySet()) {
            Node.MapNode s = asMap(e.getValue(), "security scheme '" + e.getKey() + "'");
            if (s != null) {
                out.put(e.getKey(), new SecurityScheme(e.getKey(), required(s, "type"), string(s, "description"),
                        e.getValue().location()));
            }
        }
        return out;
    }

    private List<Server> servers(Node.MapNode root) {
        Node.MapNode servers = map(root, "servers");
        if (servers == null) {
            return List.of();
        }
        List<Server> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : servers.members().entrySet()) {
            Node.MapNode s = asMap(e.getValue(), "server '" + e.getKey() + "'");
            if (s == null) {
                continue;
            }
            Node.MapNode kafka = bindings.kafka(s);
            String url = required(s, "url");
            String protocol = required(s, "protocol");
            List<ServerVariable> variables = ServerVariables.read(e.getKey(), List.of(url),
                    s.has("url") ? s.get("url") : s, s.get("variables"), isKafka(protocol), docs, diags);
            out.add(new Server(e.getKey(), url, protocol, text(s, "protocolVersion"),
                    string(s, "description"), security(s), kafka == null ? Map.of() : bindings.server(kafka),
                    e.getValue().location(), variables));
        }
        return out;
    }

    private List<SecurityRequirement> security(Node.MapNode server) {
        Node raw = server.get("security");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Node.ListNode list)) {
            diags.report(Code.WRONG_TYPE, "'security' must be a list, found " + Node.kind(raw), raw);
            return List.of();
        }
        List<SecurityRequirement> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode req)) {
                diags.report(Code.WRONG_TYPE, "a security requirement must be a map, found " + Node.kind(item), item);
                continue;
            }
            for (Map.Entry<String, Node> e : req.members().entrySet()) {
                SecurityScheme scheme = securitySchemes.get(e.getKey());
                if (scheme == null) {
                    diags.report(Code.UNKNOWN_SECURITY_SCHEME,
                            "security scheme '" + e.getKey() + "' is not declared", e.getValue());
                    continue;
                }
                List<String> scopes = new ArrayList<>();
                if (e.getValue() instanceof Node.ListNode sl) {
                    for (Node s : sl.items()) {
                        String t = Literals.text(s);
                        if (t != null) {
                            scopes.add(t);
                        }
                    }
                }
                out.add(new SecurityRequirement(scheme, scopes));
            }
        }
        return out;
    }

    // ---- channels ----

    private List<Channel> channels(Node.MapNode root) {
        Node raw = root.get("channels");
        if (raw == null) {
            diags.report(Code.MISSING_FIELD, "'channels' is missing", at(root, "/channels"));
            return List.of();
        }
        Node.MapNode channels = map(root, "channels");
        if (channels == null) {
            return List.of();
        }
        collectDeclaredIds(channels);
        List<Channel> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : channels.members().entrySet()) {
            Node.MapNode c = asMap(e.getValue(), "channel '" + e.getKey() + "'");
            if (c != null) {
                out.add(channel(e.getKey(), c, e.getValue().location()));
            }
        }
        return out;
    }

    /** Declared ids first, so a derived id never takes a name a later operation declares. */
    private void collectDeclaredIds(Node.MapNode channels) {
        for (Node cn : channels.members().values()) {
            if (!(docs.resolve(cn) instanceof Node.MapNode c)) {
                continue;
            }
            for (String kw : List.of("publish", "subscribe")) {
                if (c.has(kw) && docs.resolve(c.get(kw)) instanceof Node.MapNode op
                        && Literals.string(op.get("operationId")) != null) {
                    usedOperationIds.add(Literals.string(op.get("operationId")));
                }
            }
        }
    }

    /** Whether {@code protocol} is one the generator makes a server config for ({@code kafka}, {@code kafka-secure}). */
    static boolean isKafka(String protocol) {
        return protocol != null && protocol.toLowerCase(java.util.Locale.ROOT).startsWith("kafka");
    }

    Channel channel(String name, Node.MapNode c, SourceLocation location) {
        Node.MapNode kafka = bindings.kafka(c);
        String topic = null;
        Integer partitions = null;
        Integer replicas = null;
        Map<String, String> config = Map.of();
        if (kafka != null) {
            bindings.checkKeys(kafka, KafkaBindings.CHANNEL_KEYS, "channel");
            topic = bindings.string(kafka, "topic");
            partitions = bindings.positiveInt(kafka, "partitions");
            replicas = bindings.positiveInt(kafka, "replicas");
            config = bindings.topicConfiguration(kafka);
        }
        List<ChannelParameter> params = parameters(name, c);
        Node xAddress = c.get("x-address");
        String resolved = TopicRule.topic(name, topic, kafka == null ? null : kafka.get("topic"),
                string(c, "x-address"), xAddress, name, c, diags);
        if (topic == null && resolved != null && !resolved.equals(name)) {
            topic = resolved; // x-address, or the name made legal
        }
        List<Operation> ops = new ArrayList<>();
        for (String kw : List.of("publish", "subscribe")) {
            Node raw = c.get(kw);
            if (raw != null) {
                Node.MapNode op = asMap(raw, "'" + kw + "' of channel '" + name + "'");
                if (op != null) {
                    ops.add(operation(name, kw, op, raw.location()));
                }
            }
        }
        return new Channel(name, topic, string(c, "description"), params, partitions, replicas, config, ops,
                string(c, "x-retry-channel"), string(c, "x-dlq-channel"), location, string(c, "x-java-name"), name,
                channelServers(c));
    }

    /**
     * The names in a channel's {@code servers}: 2.x lists names, 3.x references ({@code $ref: '#/servers/name'}).
     * What is not one of these is left out (the document rules report a malformed list).
     */
    static List<String> channelServers(Node.MapNode c) {
        if (!(c.get("servers") instanceof Node.ListNode list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof Node.ScalarNode sc && sc.value() instanceof String name) {
                out.add(name);
            } else if (item instanceof Node.MapNode m && m.get("$ref") instanceof Node.ScalarNode ref
                    && ref.value() instanceof String r && r.startsWith("#/servers/")) {
                out.add(r.substring("#/servers/".length()).replace("~1", "/").replace("~0", "~"));
            }
        }
        return out;
    }

    private List<ChannelParameter> parameters(String channelName, Node.MapNode c) {
        Set<String> inName = new LinkedHashSet<>();
        Matcher m = CHANNEL_PARAM.matcher(channelName);
        while (m.find()) {
            inName.add(m.group(1));
        }
        Node.MapNode params = map(c, "parameters");
        List<ChannelParameter> out = new ArrayList<>();
        if (params != null) {
            for (Map.Entry<String, Node> e : params.members().entrySet()) {
                Node.MapNode p = asMap(e.getValue(), "parameter '" + e.getKey() + "'");
                if (p == null) {
                    continue;
                }
                if (!inName.contains(e.getKey())) {
                    diags.report(Code.CHANNEL_PARAMETER,
                            "parameter '" + e.getKey() + "' does not appear in channel '" + channelName + "'",
                            e.getValue());
                }
                Schema schema = p.has("schema") ? schemas.read(p.get("schema"))
                        : new Schema.StringSchema(Schema.SchemaMeta.at(e.getValue().location()), null, null, null,
                                null, null);
                out.add(new ChannelParameter(e.getKey(), string(p, "description"), schema, e.getValue().location()));
            }
        }
        for (String n : inName) {
            if (params == null || !params.has(n)) {
                diags.report(Code.CHANNEL_PARAMETER,
                        "channel '" + channelName + "' uses {" + n + "} but declares no such parameter", c);
            }
        }
        return out;
    }

    // ---- operations ----

    private Operation operation(String channelName, String keyword, Node.MapNode raw, SourceLocation location) {
        Node.MapNode op = traits.apply(raw);
        Node idNode = op.get("operationId");
        String id = Literals.string(idNode);
        boolean derived = false;
        if (idNode != null && id == null) {
            diags.report(Code.WRONG_TYPE, "'operationId' must be a string, found " + Node.kind(idNode), idNode);
        }
        if (id == null) {
            id = deriveId(keyword, channelName);
            derived = true;
            diags.report(Code.OPERATION_ID_DERIVED,
                    "operation has no operationId; '" + id + "' is used", location);
        } else {
            Node first = declaredIds.putIfAbsent(id, idNode);
            if (first != null) {
                diags.report(Code.DUPLICATE_OPERATION_ID, "operationId '" + id + "' is already used at "
                        + first.location().file() + ":" + first.line(), idNode);
            }
        }
        String groupId = null;
        String clientId = null;
        Node.MapNode kafka = bindings.kafka(op);
        if (kafka != null) {
            bindings.checkKeys(kafka, KafkaBindings.OPERATION_KEYS, "operation");
            groupId = bindings.fixedValue(kafka, "groupId");
            clientId = bindings.fixedValue(kafka, "clientId");
        }
        List<Message> messages = messages(op, id, location);
        return new Operation(id, derived, keyword, options.role().directionOf(keyword), string(op, "summary"),
                string(op, "description"), groupId, clientId, messages, string(op, "x-retry-channel"),
                string(op, "x-dlq-channel"), location, null, string(op, "x-java-name"),
                exactlyOnce(op, options.role().directionOf(keyword)));
    }

    private String deriveId(String keyword, String channelName) {
        StringBuilder sb = new StringBuilder(keyword);
        for (String part : channelName.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String base = sb.toString();
        String id = base;
        for (int i = 2; usedOperationIds.contains(id); i++) {
            id = base + i;
        }
        usedOperationIds.add(id);
        return id;
    }

    // ---- messages ----

    private List<Message> messages(Node.MapNode op, String operationId, SourceLocation opLocation) {
        Node raw = op.get("message");
        if (raw == null) {
            diags.report(Code.MISSING_FIELD, "operation '" + operationId + "' has no 'message'", opLocation);
            return List.of();
        }
        Documents.Target t = docs.deref(raw);
        if (t == null) {
            return List.of();
        }
        List<Documents.Target> targets = new ArrayList<>();
        List<Node> sites = new ArrayList<>();
        if (t.node() instanceof Node.MapNode m && m.has("oneOf")) {
            Node list = docs.resolve(m.get("oneOf"));
            if (list instanceof Node.ListNode l) {
                for (Node item : l.items()) {
                    Documents.Target it = docs.deref(item);
                    if (it != null) {
                        targets.add(it);
                        sites.add(item);
                    }
                }
            } else if (list != null) {
                diags.report(Code.WRONG_TYPE, "'oneOf' must be a list of messages, found " + Node.kind(list), list);
            }
        } else {
            targets.add(t);
            sites.add(raw);
        }
        List<Message> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            Documents.Target mt = targets.get(i);
            if (!seen.add(mt.key())) {
                diags.report(Code.DUPLICATE_MESSAGE, "operation '" + operationId + "' lists the same message twice in"
                        + " 'oneOf'", sites.get(i));
                continue;
            }
            checkMessageId(mt);
            Node.MapNode m = asMap(mt.node(), "message of operation '" + operationId + "'");
            if (m != null) {
                String fallback = capitalize(operationId) + "Message" + (targets.size() > 1 ? String.valueOf(i + 1) : "");
                out.add(message(m, componentName(mt), fallback));
            }
        }
        return out;
    }

    /** A messageId names one message: another message with the same one is an error (the same message twice is not). */
    private void checkMessageId(Documents.Target mt) {
        if (!(mt.node() instanceof Node.MapNode m)) {
            return;
        }
        String id = Literals.string(m.get("messageId"));
        if (id == null) {
            return;
        }
        String first = messageIds.putIfAbsent(id, mt.key());
        if (first != null && !first.equals(mt.key())) {
            diags.report(Code.DUPLICATE_MESSAGE, "messageId '" + id + "' is already used by another message",
                    m.get("messageId"));
        }
    }

    private static String componentName(Documents.Target t) {
        List<String> s = t.segments();
        if (s != null && s.size() == 3 && s.get(0).equals("components") && s.get(1).equals("messages")) {
            return s.get(2);
        }
        return null;
    }

    private Message message(Node.MapNode raw, String componentName, String fallbackName) {
        examples.checkShape(raw);
        messageFields(raw);
        Node.MapNode m = traits.apply(raw);
        String name = string(m, "name");
        if (name == null) {
            name = string(m, "messageId");
        }
        if (name == null) {
            name = componentName != null ? componentName : fallbackName;
        }
        String contentType = string(m, "contentType");
        if (contentType == null) {
            contentType = defaultContentType != null ? defaultContentType : "application/json";
        }
        Schema payload;
        Node formatNode = m.get("schemaFormat");
        String format = formatNode == null ? null : string(m, "schemaFormat");
        SchemaReader.Dialect dialect = formatNode != null && format == null ? null
                : SchemaFormats.dialect(name, format, formatNode, diags);
        if (dialect == null) {
            payload = new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        } else if (dialect == SchemaReader.Dialect.AVRO && m.has("payload")) {
            payload = avro.read(m.get("payload"), name);
        } else if (m.has("payload")) {
            payload = schemas.read(m.get("payload"), dialect);
        } else {
            payload = new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        }
        Schema headers = m.has("headers") ? schemas.read(m.get("headers")) : null;
        Schema key = null;
        Node.MapNode kafka = bindings.kafka(m);
        if (kafka != null) {
            bindings.checkKeys(kafka, KafkaBindings.MESSAGE_KEYS, "message");
            if (kafka.has("key")) {
                key = schemas.read(kafka.get("key"));
            }
            payload = avro.withIdLocation(payload, kafka);
        }
        return new Message(name, componentName, string(m, "title"), string(m, "summary"), string(m, "description"),
                contentType, payload, headers, key, correlationId(m), m.location(), string(m, "x-java-name"),
                raw.has("headers") ? null : traits.headersTrait(raw), examples.of(m));
    }

    /**
     * The fields of a 2.x Message Object: its JSON schema (every 2.x version) allows no others but {@code x-...};
     * {@code messageId} from 2.4.0 on.
     */
    private void messageFields(Node.MapNode raw) {
        if (version == null) {
            return; // a 3.x document's message (ModelBuilderV3 checks its fields)
        }
        boolean messageId = version.compareTo("2.4.0") >= 0;
        for (Map.Entry<String, Node> e : raw.members().entrySet()) {
            String k = e.getKey();
            if (!MESSAGE_FIELDS.contains(k) && !k.startsWith("x-") && !(messageId && k.equals("messageId"))) {
                diags.report(Code.MESSAGE_FIELD, "a message has '" + k + "', which AsyncAPI " + version + " does not"
                        + " define for a Message Object" + (k.equals("anyOf") || k.equals("allOf")
                                ? " (several messages of an operation are listed under 'oneOf')" : ""), e.getValue());
            }
        }
    }

    private static final Set<String> MESSAGE_FIELDS = Set.of("bindings", "contentType", "correlationId", "deprecated",
            "description", "examples", "externalDocs", "headers", "name", "payload", "schemaFormat", "summary", "tags",
            "title", "traits");

    private CorrelationId correlationId(Node.MapNode m) {
        Node raw = m.get("correlationId");
        if (raw == null) {
            return null;
        }
        Node.MapNode c = asMap(docs.resolve(raw), "'correlationId'");
        if (c == null) {
            return null;
        }
        return new CorrelationId(required(c, "location"), string(c, "description"));
    }

    // ---- helpers ----

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static SourceLocation at(Node.MapNode parent, String suffix) {
        SourceLocation l = parent.location();
        return new SourceLocation(l.file(), l.line(), l.column(), l.pointer() + suffix);
    }

    /** {@code n} (after $ref) as a map, or null with a "wrong type" error. */
    Node.MapNode asMap(Node n, String what) {
        if (n == null) {
            return null;
        }
        Node r = docs.resolve(n);
        if (r == null) {
            return null;
        }
        if (r instanceof Node.MapNode m) {
            return m;
        }
        diags.report(Code.WRONG_TYPE, what + " must be a map, found " + Node.kind(r), n);
        return null;
    }

    Node.MapNode map(Node.MapNode parent, String key) {
        Node n = parent.get(key);
        return n == null ? null : asMap(n, "'" + key + "'");
    }

    /** The operation extension that turns on exactly-once consume-transform-produce for its consumer. */
    static final String EXACTLY_ONCE = "x-asyncapi-kafka-exactly-once";

    /** {@code x-asyncapi-kafka-exactly-once} of an operation; on a send operation it is reported and ignored. */
    boolean exactlyOnce(Node.MapNode op, io.asyncapikafka.model.Direction direction) {
        boolean on = flag(op, EXACTLY_ONCE);
        if (on && direction == io.asyncapikafka.model.Direction.SEND) {
            diags.report(Code.EXACTLY_ONCE_ON_SEND, "'" + EXACTLY_ONCE + "' on an operation the application sends"
                    + " with has no effect: transactions are opened by the consumer of a receive operation", op.get(
                    EXACTLY_ONCE));
            return false;
        }
        return on;
    }

    /** A boolean extension; absent or null is {@code false}, anything but a boolean is reported. */
    boolean flag(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null || n instanceof Node.ScalarNode s && s.isNull()) {
            return false;
        }
        if (n instanceof Node.ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        diags.report(Code.WRONG_TYPE, "'" + key + "' must be true or false, found " + Node.kind(n), n);
        return false;
    }

    String string(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null || n instanceof Node.ScalarNode s && s.isNull()) {
            return null;
        }
        String s = Literals.string(n);
        if (s == null) {
            diags.report(Code.WRONG_TYPE, "'" + key + "' must be a string, found " + Node.kind(n), n);
        }
        return s;
    }

    /** A scalar as text (a version written as a number is still a version). */
    String text(Node.MapNode m, String key) {
        Node n = m.get(key);
        if (n == null) {
            return null;
        }
        String s = Literals.text(n);
        if (s == null) {
            diags.report(Code.WRONG_TYPE, "'" + key + "' must be a plain value, found " + Node.kind(n), n);
        }
        return s;
    }

    String required(Node.MapNode m, String key) {
        if (!m.has(key)) {
            diags.report(Code.MISSING_FIELD, "'" + key + "' is missing", at(m, "/" + key));
            return "";
        }
        String s = text(m, key);
        return s == null ? "" : s;
    }
}
