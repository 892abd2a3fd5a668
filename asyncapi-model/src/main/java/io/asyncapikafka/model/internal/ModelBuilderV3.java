package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ChannelParameter;
import io.asyncapikafka.model.CorrelationId;
import io.asyncapikafka.model.Info;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.OperationReply;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SecurityRequirement;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.ServerVariable;
import io.asyncapikafka.model.UnusedMessages;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an AsyncAPI 3.0 / 3.1 document into the same model the 2.x reader builds, so nothing downstream knows the
 * version. Channel {@code address} is the channel's name in the model (the 2.x channel name plays that part: the topic
 * and its {@code {param}} pattern), top-level {@code operations} are attached to the channel they {@code $ref}, and the
 * operations map key is the operationId. Channels, info, security schemes and the topic-name rule are read by the 2.x
 * {@link ModelBuilder}'s own steps, so both versions share one rule for each.
 */
final class ModelBuilderV3 {

    private static final Pattern VERSION = Pattern.compile("3\\.[01]\\.\\d+");
    /** The 3.0 Components Object's fixed fields. */
    private static final Set<String> COMPONENTS = Set.of("schemas", "servers", "channels", "operations", "messages",
            "securitySchemes", "serverVariables", "parameters", "correlationIds", "replies", "replyAddresses",
            "externalDocs", "tags", "operationTraits", "messageTraits", "serverBindings", "channelBindings",
            "operationBindings", "messageBindings");

    // The fixed fields of each 3.0 object read here; the 2.x ones have their own error (AKM073) instead.
    private static final Set<String> ROOT_FIELDS = Set.of("asyncapi", "id", "info", "servers", "defaultContentType",
            "channels", "operations", "components");
    private static final Set<String> SERVER_FIELDS = Set.of("host", "protocol", "protocolVersion", "pathname",
            "description", "title", "summary", "variables", "security", "tags", "externalDocs", "bindings", "url");
    private static final Set<String> CHANNEL_FIELDS = Set.of("address", "messages", "title", "summary", "description",
            "servers", "parameters", "tags", "externalDocs", "bindings", "publish", "subscribe");
    private static final Set<String> OPERATION_FIELDS = Set.of("action", "channel", "title", "summary", "description",
            "security", "tags", "externalDocs", "bindings", "traits", "messages", "reply", "message");
    private static final Set<String> MESSAGE_FIELDS = Set.of("headers", "payload", "correlationId", "contentType",
            "name", "title", "summary", "description", "tags", "externalDocs", "bindings", "examples", "traits",
            "schemaFormat", "messageId");
    private static final Set<String> REPLY_FIELDS = Set.of("address", "channel", "messages");
    private static final Set<String> PARAMETER_FIELDS = Set.of("enum", "default", "description", "examples",
            "location");

    private final ReaderOptions options;
    private final Documents docs;
    private final Diagnostics diags;
    private final ModelBuilder v2;
    private final List<ChannelDraft> drafts = new ArrayList<>();
    /** Root channel entries and their resolved targets, so an operation's {@code $ref} finds its channel. */
    private final Map<Node, ChannelDraft> channelByNode = new IdentityHashMap<>();
    private Map<String, SecurityScheme> securitySchemes = Map.of();
    private String defaultContentType;

    /** A root channel while its operations are collected. */
    private static final class ChannelDraft {
        final String key;
        final Channel base;
        final boolean fixedAddress;
        final Map<String, Node> messages;
        final Map<String, Message> read = new LinkedHashMap<>();
        final List<Operation> operations = new ArrayList<>();

        ChannelDraft(String key, Channel base, boolean fixedAddress, Map<String, Node> messages) {
            this.key = key;
            this.base = base;
            this.fixedAddress = fixedAddress;
            this.messages = messages;
        }
    }

    private ModelBuilderV3(ReaderOptions options, Documents docs, Diagnostics diags) {
        this.options = options;
        this.docs = docs;
        this.diags = diags;
        this.v2 = ModelBuilder.create(options, docs, diags);
    }

    static ModelBuilderV3 create(ReaderOptions options, Documents docs, Diagnostics diags) {
        return new ModelBuilderV3(options, docs, diags);
    }

    /** True when {@code root} declares an AsyncAPI version this reader reads (3.0.x, 3.1.x). */
    static boolean reads(Node.MapNode root) {
        String v = Literals.text(root.get("asyncapi"));
        return v != null && VERSION.matcher(v).matches();
    }

    AsyncApiModel build(Node.MapNode root, String contractFile) {
        String version = Literals.text(root.get("asyncapi"));
        v2.examples = MessageExamples.create(docs, diags, version);
        fields(root, ROOT_FIELDS, "the document root");
        Info info = v2.info(root);
        defaultContentType = v2.string(root, "defaultContentType");
        components(root);
        securitySchemes = v2.securitySchemes(root);
        List<Server> servers = servers(root);
        channels(root);
        operations(root);
        List<Channel> channels = new ArrayList<>();
        for (ChannelDraft d : drafts) {
            channels.add(with(d.base, d.base.parameters(), d.operations));
        }
        UnusedMessages unused = unusedMessages(root, channels);
        return new AsyncApiModel(contractFile, version,
                info == null ? new Info("", "", null, root.location()) : info, defaultContentType, servers, channels,
                v2.schemas.named(), securitySchemes, options.role(), docs.inputFiles(), unused);
    }

    /**
     * The messages of {@code components.messages} no operation uses (a channel may list them), as the 2.x reader
     * does ({@link UnusedMessages}): read by a builder whose diagnostics are dropped, but for their examples' shape.
     */
    private UnusedMessages unusedMessages(Node.MapNode root, List<Channel> channels) {
        List<Map.Entry<String, Documents.Target>> entries = ModelBuilder.unusedComponentMessages(docs, root, channels);
        if (entries.isEmpty()) {
            return UnusedMessages.NONE;
        }
        ModelBuilderV3 quiet = new ModelBuilderV3(options, docs, Diagnostics.create(false));
        quiet.v2.examples = v2.examples;
        quiet.defaultContentType = defaultContentType;
        List<Message> out = new ArrayList<>();
        for (Map.Entry<String, Documents.Target> e : entries) {
            out.add(quiet.readMessage(e.getValue(), (Node.MapNode) e.getValue().node(), e.getKey()));
        }
        return new UnusedMessages(out, quiet.v2.schemasBeyond(v2.schemas));
    }

    // ---- components ----

    private void components(Node.MapNode root) {
        Node.MapNode components = v2.map(root, "components");
        if (components == null) {
            return;
        }
        for (Map.Entry<String, Node> e : components.members().entrySet()) {
            if (!COMPONENTS.contains(e.getKey())) {
                if (!e.getKey().startsWith("x-")) {
                    diags.report(Code.V3_UNKNOWN_FIELD,
                            "'components." + e.getKey() + "' is not a section of AsyncAPI 3.x components", e.getValue());
                }
                continue;
            }
            Node.MapNode section = v2.asMap(e.getValue(), "'components." + e.getKey() + "'");
            if (section == null) {
                continue;
            }
            // A broken reference in a component is reported even when nothing uses the component.
            for (Node entry : section.members().values()) {
                if (entry instanceof Node.MapNode m && m.isRef()) {
                    docs.deref(m);
                }
            }
        }
    }

    private void fields(Node.MapNode m, Set<String> known, String what) {
        for (Map.Entry<String, Node> e : m.members().entrySet()) {
            if (!known.contains(e.getKey()) && !e.getKey().startsWith("x-")) {
                diags.report(Code.V3_UNKNOWN_FIELD, what + " has '" + e.getKey() + "', which AsyncAPI 3.x does not"
                        + " define (its JSON schema allows no other fields but x-...)", e.getValue());
            }
        }
    }

    // ---- servers ----

    private List<Server> servers(Node.MapNode root) {
        Node.MapNode servers = root.get("servers") == null ? null : v2.map(root, "servers");
        if (servers == null) {
            return List.of();
        }
        List<Server> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : servers.members().entrySet()) {
            String name = e.getKey();
            Node.MapNode s = v2.asMap(e.getValue(), "server '" + name + "'");
            if (s == null) {
                continue;
            }
            fields(s, SERVER_FIELDS, "server '" + name + "'");
            if (s.has("url")) {
                diags.report(Code.V3_LEGACY_FIELD, "server '" + name + "' has 'url', which is AsyncAPI 2.x; a 3.x server"
                        + " has 'host' (and 'pathname')", s.get("url"));
            }
            String host = v2.required(s, "host");
            String protocol = v2.required(s, "protocol");
            String pathname = v2.string(s, "pathname");
            boolean kafka = ModelBuilder.isKafka(protocol);
            // A Kafka bootstrap list has no path; for other protocols the address is host + pathname.
            String url = host == null ? null : pathname != null && !kafka ? host + pathname : host;
            // host or pathname may be absent (reported above): ServerVariables skips null templates
            List<String> templates = kafka ? java.util.Arrays.asList(host) : java.util.Arrays.asList(host, pathname);
            List<ServerVariable> variables = ServerVariables.read(name, templates,
                    s.has("host") ? s.get("host") : s, s.get("variables"), kafka, docs, diags);
            Node.MapNode binding = v2.bindings.kafka(s);
            out.add(new Server(name, url, protocol, v2.text(s, "protocolVersion"), v2.string(s, "description"),
                    security(name, s), binding == null ? Map.of() : v2.bindings.server(binding), e.getValue().location(),
                    variables));
        }
        return out;
    }

    /** 3.x {@code security}: a list of Security Scheme Objects or {@code $ref}s to them (not name → scopes maps). */
    private List<SecurityRequirement> security(String serverName, Node.MapNode server) {
        Node raw = server.get("security");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof Node.ListNode list)) {
            diags.report(Code.WRONG_TYPE, "'security' must be a list, found " + Node.kind(raw), raw);
            return List.of();
        }
        List<SecurityRequirement> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            Documents.Target t = docs.deref(item);
            if (t == null) {
                continue;
            }
            Node.MapNode sm = v2.asMap(t.node(), "a security scheme");
            if (sm == null) {
                continue;
            }
            List<String> seg = t.segments();
            String key = seg != null && seg.size() == 3 && seg.get(0).equals("components")
                    && seg.get(1).equals("securitySchemes") ? seg.get(2) : null;
            SecurityScheme scheme = key == null ? null : securitySchemes.get(key);
            if (scheme == null) {
                String name = key != null ? key : seg != null && !seg.isEmpty() ? seg.get(seg.size() - 1)
                        : serverName + "Security" + (i + 1);
                scheme = new SecurityScheme(name, v2.required(sm, "type"), v2.string(sm, "description"),
                        item.location());
            }
            List<String> scopes = new ArrayList<>();
            if (sm.get("scopes") instanceof Node.ListNode sl) {
                for (Node s : sl.items()) {
                    String text = Literals.text(s);
                    if (text != null) {
                        scopes.add(text);
                    }
                }
            }
            out.add(new SecurityRequirement(scheme, scopes));
        }
        return out;
    }

    // ---- channels ----

    private void channels(Node.MapNode root) {
        Node.MapNode channels = root.get("channels") == null ? null : v2.map(root, "channels");
        if (channels == null) {
            return; // channels are optional in 3.x
        }
        Map<String, String> addressOwners = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : channels.members().entrySet()) {
            String key = e.getKey();
            Node.MapNode c = v2.asMap(e.getValue(), "channel '" + key + "'");
            if (c == null) {
                continue;
            }
            fields(c, CHANNEL_FIELDS, "channel '" + key + "'");
            for (String kw : List.of("publish", "subscribe")) {
                if (c.has(kw)) {
                    diags.report(Code.V3_LEGACY_FIELD, "channel '" + key + "' has '" + kw + "', which is AsyncAPI 2.x;"
                            + " in 3.x operations are declared under 'operations' with action send or receive",
                            c.get(kw));
                }
            }
            Node addressNode = c.get("address");
            String address = null;
            if (addressNode != null && !(addressNode instanceof Node.ScalarNode s && s.isNull())) {
                address = Literals.string(addressNode);
                if (address == null) {
                    diags.report(Code.WRONG_TYPE, "'address' must be a string or null, found "
                            + Node.kind(addressNode), addressNode);
                }
            }
            // The address plays the part of the 2.x channel name (topic, {param} pattern); unknown: the key.
            String name = address != null ? address : key;
            String owner = addressOwners.putIfAbsent(name, key);
            if (owner != null) {
                diags.report(Code.V3_DUPLICATE_ADDRESS, "channels '" + owner + "' and '" + key + "' both have address '"
                        + name + "'", addressNode != null ? addressNode : c);
            }
            Channel base = v2.channel(name, c, e.getValue().location());
            base = with(base, parameters(base, c), List.of());
            base = new Channel(base.name(), base.topic(), base.description(), base.parameters(), base.partitions(),
                    base.replicas(), base.topicConfiguration(), base.operations(), base.retryChannel(),
                    base.dlqChannel(), base.location(), base.javaName(), key, base.servers());
            Map<String, Node> messages = new LinkedHashMap<>();
            Node.MapNode m = c.has("messages") ? v2.map(c, "messages") : null;
            if (m != null) {
                messages.putAll(m.members());
            }
            ChannelDraft d = new ChannelDraft(key, base, address != null, messages);
            drafts.add(d);
            channelByNode.putIfAbsent(e.getValue(), d);
            channelByNode.putIfAbsent(c, d);
            for (String k : messages.keySet()) {
                message(d, k); // every message read once, so its problems are reported even when no operation uses it
            }
        }
    }

    /** 3.x parameters have no schema: strings, with their {@code enum} and {@code default} kept. */
    private List<ChannelParameter> parameters(Channel base, Node.MapNode c) {
        if (base.parameters().isEmpty()) {
            return base.parameters();
        }
        Node.MapNode declared = v2.map(c, "parameters");
        List<ChannelParameter> out = new ArrayList<>();
        for (ChannelParameter p : base.parameters()) {
            Node raw = declared == null ? null : docs.resolve(declared.get(p.name()));
            if (raw instanceof Node.MapNode pm) {
                fields(pm, PARAMETER_FIELDS, "parameter '" + p.name() + "'");
            }
            if (raw instanceof Node.MapNode pm && !pm.has("schema") && (pm.has("enum") || pm.has("default"))) {
                List<Object> values = pm.get("enum") instanceof Node.ListNode l
                        ? ((List<?>) Literals.of(l)).stream().map(Object.class::cast).toList() : List.of();
                Object def = pm.has("default") ? Literals.of(pm.get("default")) : null;
                Schema.SchemaMeta meta = new Schema.SchemaMeta(null, p.description(), false, def, null, values, false,
                        Map.of(), p.location());
                out.add(new ChannelParameter(p.name(), p.description(),
                        new Schema.StringSchema(meta, null, null, null, null, null), p.location()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static Channel with(Channel c, List<ChannelParameter> parameters, List<Operation> operations) {
        return new Channel(c.name(), c.topic(), c.description(), parameters, c.partitions(), c.replicas(),
                c.topicConfiguration(), operations, c.retryChannel(), c.dlqChannel(), c.location(), c.javaName(),
                c.key(), c.servers());
    }

    // ---- operations ----

    private void operations(Node.MapNode root) {
        Node.MapNode operations = root.get("operations") == null ? null : v2.map(root, "operations");
        if (operations == null) {
            return;
        }
        for (Map.Entry<String, Node> e : operations.members().entrySet()) {
            String id = e.getKey();
            Node.MapNode raw = v2.asMap(e.getValue(), "operation '" + id + "'");
            if (raw == null) {
                continue;
            }
            Node.MapNode op = v2.traits.applyUnder(raw);
            String what = "operation '" + id + "'";
            fields(op, OPERATION_FIELDS, what);
            String action = action(op, what);
            if (op.has("message")) {
                diags.report(Code.V3_LEGACY_FIELD, what + " has 'message', which is AsyncAPI 2.x; a 3.x operation lists"
                        + " 'messages' as $refs to its channel's messages", op.get("message"));
            }
            ChannelDraft channel = channelOf(op.get("channel"), what, op);
            String groupId = null;
            String clientId = null;
            Node.MapNode kafka = v2.bindings.kafka(op);
            if (kafka != null) {
                v2.bindings.checkKeys(kafka, KafkaBindings.OPERATION_KEYS, "operation");
                groupId = v2.bindings.fixedValue(kafka, "groupId");
                clientId = v2.bindings.fixedValue(kafka, "clientId");
            }
            if (channel == null) {
                continue;
            }
            List<Message> messages = messages(op.get("messages"), channel, what);
            Node listed = op.get("messages");
            if (messages.isEmpty() && (listed == null || listed instanceof Node.ListNode l && l.items().isEmpty())) {
                diags.report(Code.MISSING_FIELD, what + " has no messages (channel '" + channel.key
                        + "' declares none it may use)", e.getValue());
            }
            OperationReply reply = op.has("reply") ? reply(op.get("reply"), id) : null;
            if (action == null) {
                continue;
            }
            channel.operations.add(new Operation(id, false, action, options.role().directionOfAction(action),
                    v2.string(op, "summary"), v2.string(op, "description"), groupId, clientId, messages,
                    v2.string(op, "x-retry-channel"), v2.string(op, "x-dlq-channel"), e.getValue().location(), reply,
                    v2.string(op, "x-java-name"), v2.exactlyOnce(op, options.role().directionOfAction(action))));
        }
    }

    private String action(Node.MapNode op, String what) {
        Node a = op.get("action");
        if (a == null) {
            diags.report(Code.MISSING_FIELD, what + " has no 'action' (send or receive)", ModelBuilder.at(op, "/action"));
            return null;
        }
        String action = Literals.string(a);
        if (!"send".equals(action) && !"receive".equals(action)) {
            diags.report(Code.V3_ACTION, what + " has action '" + (action == null ? Literals.text(a) : action)
                    + "'; it must be send or receive", a);
            return null;
        }
        return action;
    }

    /** The root channel an operation's (or reply's) {@code channel} {@code $ref} names, or null with an error. */
    private ChannelDraft channelOf(Node ref, String what, Node.MapNode owner) {
        if (ref == null) {
            diags.report(Code.MISSING_FIELD, what + " has no 'channel'", ModelBuilder.at(owner, "/channel"));
            return null;
        }
        if (!(ref instanceof Node.MapNode m) || !m.isRef()) {
            diags.report(Code.V3_OPERATION_CHANNEL, what + ": 'channel' must be a $ref to a channel, found "
                    + (ref instanceof Node.MapNode ? "an inline channel" : Node.kind(ref)), ref);
            return null;
        }
        Documents.Target t = docs.step(m);
        if (t == null) {
            return null;
        }
        ChannelDraft d = channelByNode.get(t.node());
        if (d == null) {
            Node resolved = docs.resolve(t.node());
            d = resolved == null ? null : channelByNode.get(resolved);
            if (d == null && resolved == null) {
                return null; // broken chain, reported
            }
        }
        if (d == null) {
            diags.report(Code.V3_OPERATION_CHANNEL, what + ": channel '" + m.ref() + "' is not one of the root channels",
                    m.get("$ref"));
        }
        return d;
    }

    /** An operation's or reply's {@code messages}: $refs into the channel's messages; absent means all of them. */
    private List<Message> messages(Node raw, ChannelDraft channel, String what) {
        List<Message> out = new ArrayList<>();
        if (raw == null) {
            for (String key : channel.messages.keySet()) {
                Message m = message(channel, key);
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        }
        if (!(raw instanceof Node.ListNode list)) {
            diags.report(Code.WRONG_TYPE, what + ": 'messages' must be a list of $refs, found " + Node.kind(raw), raw);
            return out;
        }
        for (Node item : list.items()) {
            if (!(item instanceof Node.MapNode ref) || !ref.isRef()) {
                diags.report(Code.V3_OPERATION_MESSAGE, what + ": a message must be a $ref to a message of channel '"
                        + channel.key + "', found " + (item instanceof Node.MapNode ? "an inline message" : Node.kind(item)),
                        item);
                continue;
            }
            Documents.Target t = docs.step(ref);
            if (t == null) {
                continue;
            }
            String key = messageKey(channel, t.node());
            if (key == null) {
                diags.report(Code.V3_OPERATION_MESSAGE, what + ": message '" + ref.ref() + "' is not one of channel '"
                        + channel.key + "''s messages " + channel.messages.keySet(), ref.get("$ref"));
                continue;
            }
            Message m = message(channel, key);
            if (m != null && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private String messageKey(ChannelDraft channel, Node target) {
        for (Map.Entry<String, Node> e : channel.messages.entrySet()) {
            if (e.getValue() == target) {
                return e.getKey();
            }
        }
        // Lenient: a $ref straight to the component the channel's message refers to is the same message.
        Node resolved = docs.resolve(target);
        for (Map.Entry<String, Node> e : channel.messages.entrySet()) {
            if (resolved != null && docs.resolve(e.getValue()) == resolved) {
                return e.getKey();
            }
        }
        return null;
    }

    // ---- reply ----

    private OperationReply reply(Node raw, String operationId) {
        String what = "the reply of operation '" + operationId + "'";
        Node.MapNode r = v2.asMap(raw, what);
        if (r == null) {
            return null;
        }
        fields(r, REPLY_FIELDS, what);
        String location = null;
        Node addressRaw = r.get("address");
        if (addressRaw != null) {
            Node.MapNode a = v2.asMap(addressRaw, "'address' of " + what);
            if (a != null) {
                Node loc = a.get("location");
                location = Literals.string(loc);
                if (loc == null) {
                    diags.report(Code.V3_REPLY, "the address of " + what + " has no 'location'",
                            ModelBuilder.at(a, "/location"));
                } else if (location == null || !location.startsWith("$message.")) {
                    diags.report(Code.V3_REPLY, "the address location of " + what + " is '" + Literals.text(loc)
                            + "', not a runtime expression such as $message.header#/replyTo", loc);
                    location = null;
                }
            }
        }
        if (!r.has("channel")) {
            if (addressRaw == null) {
                diags.report(Code.V3_REPLY, what + " has neither 'channel' nor 'address'", raw);
                return null;
            }
            diags.report(Code.V3_REPLY_INCOMPLETE, what + " names no channel, so its messages are unknown", raw);
            return new OperationReply(null, location, List.of(), raw.location());
        }
        ChannelDraft channel = channelOf(r.get("channel"), what, r);
        if (channel == null) {
            return null;
        }
        if (location != null && channel.fixedAddress) {
            diags.report(Code.V3_REPLY_INCOMPLETE, what + " has an address and its channel '" + channel.key
                    + "' has a fixed address too; the reply address (" + location + ") is used", addressRaw);
        }
        return new OperationReply(channel.base.name(), location, messages(r.get("messages"), channel, what),
                raw.location());
    }

    // ---- messages ----

    private Message message(ChannelDraft channel, String key) {
        if (channel.read.containsKey(key)) {
            return channel.read.get(key);
        }
        Message m = readMessage(channel, key);
        channel.read.put(key, m);
        return m;
    }

    private Message readMessage(ChannelDraft channel, String key) {
        Documents.Target t = docs.deref(channel.messages.get(key));
        if (t == null) {
            return null;
        }
        Node.MapNode raw = v2.asMap(t.node(), "message '" + key + "' of channel '" + channel.key + "'");
        if (raw == null) {
            return null;
        }
        return readMessage(t, raw, key);
    }

    /** The message {@code raw} ({@code t} resolved), known as {@code key} where it is listed. */
    private Message readMessage(Documents.Target t, Node.MapNode raw, String key) {
        List<String> seg = t.segments();
        String componentName = seg != null && seg.size() == 3 && seg.get(0).equals("components")
                && seg.get(1).equals("messages") ? seg.get(2) : null;
        v2.examples.checkShape(raw);
        Node.MapNode m = v2.traits.applyUnder(raw);
        fields(m, MESSAGE_FIELDS, "message '" + key + "'");
        for (String legacy : List.of("schemaFormat", "messageId")) {
            if (m.has(legacy)) {
                diags.report(Code.V3_LEGACY_FIELD, "message '" + key + "' has '" + legacy + "', which is AsyncAPI 2.x;"
                        + (legacy.equals("schemaFormat") ? " in 3.x write payload: {schemaFormat: ..., schema: ...}"
                                : " in 3.x the message's key under the channel's messages identifies it"), m.get(legacy));
            }
        }
        String name = v2.string(m, "name");
        if (name == null) {
            name = componentName != null ? componentName : key;
        }
        String contentType = v2.string(m, "contentType");
        if (contentType == null) {
            contentType = defaultContentType != null ? defaultContentType : "application/json";
        }
        Schema payload = m.has("payload") ? schema(m.get("payload"), name, "payload")
                : new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        Schema headers = m.has("headers") ? schema(m.get("headers"), name, "headers") : null;
        Schema messageKey = null;
        Node.MapNode kafka = v2.bindings.kafka(m);
        if (kafka != null) {
            v2.bindings.checkKeys(kafka, KafkaBindings.MESSAGE_KEYS, "message");
            if (kafka.has("key")) {
                messageKey = schema(kafka.get("key"), name, "key");
            }
            payload = v2.avro.withIdLocation(payload, kafka);
        }
        return new Message(name, componentName, v2.string(m, "title"), v2.string(m, "summary"),
                v2.string(m, "description"), contentType, payload, headers, messageKey, correlationId(m), m.location(),
                v2.string(m, "x-java-name"), raw.has("headers") ? null : v2.traits.headersTrait(raw), v2.examples.of(m));
    }

    /** A Schema Object, or a Multi Format Schema Object {@code {schemaFormat, schema}} in a JSON Schema format. */
    private Schema schema(Node raw, String messageName, String part) {
        Node n = docs.resolve(raw);
        if (!(n instanceof Node.MapNode m) || !m.has("schemaFormat")) {
            return v2.schemas.read(raw);
        }
        Node f = m.get("schemaFormat");
        String format = Literals.string(f);
        if (format == null) {
            diags.report(Code.WRONG_TYPE, "'schemaFormat' must be a string, found " + Node.kind(f), f);
            return new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        }
        SchemaReader.Dialect dialect = SchemaFormats.dialect(messageName, format, f, diags);
        if (dialect == null) {
            return new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        }
        if (!m.has("schema")) {
            diags.report(Code.MISSING_FIELD, "the " + part + " of message '" + messageName + "' has schemaFormat but no"
                    + " 'schema'", ModelBuilder.at(m, "/schema"));
            return new Schema.AnySchema(Schema.SchemaMeta.at(m.location()));
        }
        if (dialect == SchemaReader.Dialect.AVRO) {
            return v2.avro.read(m.get("schema"), messageName);
        }
        return v2.schemas.read(m.get("schema"), dialect);
    }

    private CorrelationId correlationId(Node.MapNode m) {
        Node raw = m.get("correlationId");
        if (raw == null) {
            return null;
        }
        Node.MapNode c = v2.asMap(raw, "'correlationId'");
        return c == null ? null : new CorrelationId(v2.required(c, "location"), v2.string(c, "description"));
    }
}
