package io.asyncapikafka.compat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.OperationReply;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.SourceLocation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a contract with its baseline(s), channel by channel and message by message, from the generated side's point
 * of view: what it sends must stay readable by consumers holding the old contract ({@link CompatMode#FORWARD}), what it
 * receives must still accept what old producers send ({@link CompatMode#BACKWARD}), a channel it does both on needs
 * {@link CompatMode#FULL}. Pure: two models in, findings out, in document order.
 *
 * <p>Channels are matched by name, else (a renamed channel key) by topic. Because the model has every {@code $ref}
 * resolved, a change in a referenced file counts exactly like the same change written inline.
 */
public final class CompatChecker {

    /** The extension on a channel, message or payload schema that chooses its mode. */
    public static final String X_COMPATIBILITY = "x-compatibility";

    private final CompatOptions options;

    private CompatChecker(CompatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Findings of {@code current} against one baseline. */
    public static List<Finding> compare(AsyncApiModel baseline, AsyncApiModel current, CompatOptions options) {
        return new CompatChecker(options).run(baseline, "", current, true);
    }

    /**
     * Findings of {@code current} against several baselines, oldest first (label → model): channels in a
     * {@code _TRANSITIVE} mode (or all, with {@link CompatOptions#transitive()}) against each, the others against the
     * last (newest) only.
     */
    public static List<Finding> compare(Map<String, AsyncApiModel> baselines, AsyncApiModel current,
            CompatOptions options) {
        CompatChecker checker = new CompatChecker(options);
        List<Finding> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AsyncApiModel> e : baselines.entrySet()) {
            boolean newest = ++i == baselines.size();
            out.addAll(checker.run(e.getValue(), e.getKey(), current, newest));
        }
        return List.copyOf(out);
    }

    private List<Finding> run(AsyncApiModel old, String label, AsyncApiModel now, boolean newest) {
        List<Finding> out = new ArrayList<>();
        Map<Channel, Channel> pairs = match(old, now);
        for (Channel oc : old.channels()) {
            Channel nc = pairs.get(oc);
            CompatMode mode = channelMode(oc, nc);
            if (!newest && !mode.isTransitive()) {
                continue;
            }
            Judge judge = new Judge(out, label, key(nc != null ? nc : oc), mode);
            if (nc == null) {
                judge.fixed(Rule.CHANNEL_REMOVED, "channel '" + key(oc) + "' (topic " + oc.topicName()
                        + ") removed", oc.location(), SourceLocation.UNKNOWN);
                continue;
            }
            compareChannels(old, now, oc, nc, judge);
        }
        if (newest) {
            for (Channel nc : now.channels()) {
                if (!pairs.containsValue(nc)) {
                    new Judge(out, label, key(nc), channelMode(null, nc)).fixed(Rule.CHANNEL_ADDED,
                            "channel '" + key(nc) + "' (topic " + nc.topicName() + ") added", SourceLocation.UNKNOWN,
                            nc.location());
                }
            }
            compareServers(old, now, new Judge(out, label, null, CompatMode.FULL));
        }
        return out;
    }

    /**
     * Old channel → new channel: by document key, else by topic among the new channels not yet taken (a renamed key).
     */
    private static Map<Channel, Channel> match(AsyncApiModel old, AsyncApiModel now) {
        Map<String, Channel> byKey = new LinkedHashMap<>();
        now.channels().forEach(c -> byKey.put(key(c), c));
        Set<String> oldKeys = new java.util.HashSet<>();
        old.channels().forEach(c -> oldKeys.add(key(c)));
        Map<Channel, Channel> pairs = new LinkedHashMap<>();
        for (Channel oc : old.channels()) {
            Channel nc = byKey.get(key(oc));
            if (nc != null) {
                pairs.put(oc, nc);
            }
        }
        for (Channel oc : old.channels()) {
            if (pairs.containsKey(oc)) {
                continue;
            }
            for (Channel nc : now.channels()) {
                if (!pairs.containsValue(nc) && !oldKeys.contains(key(nc)) && nc.topicName().equals(oc.topicName())) {
                    pairs.put(oc, nc);
                    break;
                }
            }
        }
        return pairs;
    }

    /**
     * The channel's key in the document ({@code channels/<key>}): the 2.x name, the 3.x key (whose {@link
     * Channel#name()} is the address); the name when the location does not say.
     */
    static String key(Channel c) {
        String pointer = c.location() == null ? "" : c.location().pointer();
        if (pointer.startsWith("/channels/") && pointer.indexOf('/', "/channels/".length()) < 0) {
            return pointer.substring("/channels/".length()).replace("~1", "/").replace("~0", "~");
        }
        return c.name();
    }

    private void compareChannels(AsyncApiModel old, AsyncApiModel now, Channel oc, Channel nc, Judge judge) {
        if (!key(oc).equals(key(nc))) {
            judge.fixed(Rule.CHANNEL_RENAMED, "channel '" + key(oc) + "' renamed to '" + key(nc) + "' (topic "
                    + nc.topicName() + " kept)", oc.location(), nc.location());
        } else if (!oc.topicName().equals(nc.topicName())) {
            judge.fixed(Rule.TOPIC_CHANGED, "channel '" + key(nc) + "': topic " + oc.topicName() + " became "
                    + nc.topicName(), oc.location(), nc.location());
        }
        compareTopic(oc, nc, judge);
        for (Direction d : Direction.values()) {
            Operation oo = operation(oc, d);
            Operation no = operation(nc, d);
            String verb = d == Direction.SEND ? "send" : "receive";
            if (oo != null && no == null) {
                judge.fixed(Rule.OPERATION_REMOVED, "channel '" + key(nc) + "': the " + verb + " operation '"
                        + oo.operationId() + "' removed", oo.location(), nc.location());
            } else if (oo == null && no != null) {
                judge.fixed(Rule.OPERATION_ADDED, "channel '" + key(nc) + "': " + verb + " operation '"
                        + no.operationId() + "' added", oc.location(), no.location());
            } else if (oo != null) {
                compareOperations(old, now, nc, oo, no, judge);
            }
        }
    }

    private void compareTopic(Channel oc, Channel nc, Judge judge) {
        if (oc.partitions() != null && nc.partitions() != null && !oc.partitions().equals(nc.partitions())) {
            String what = "channel '" + key(nc) + "': partitions " + oc.partitions() + " became " + nc.partitions();
            if (nc.partitions() < oc.partitions()) {
                judge.fixed(Rule.PARTITIONS_DECREASED, what, oc.location(), nc.location());
            } else if (keyed(oc) || keyed(nc)) {
                judge.fixed(Rule.PARTITIONS_INCREASED_KEYED, what + " on a keyed channel", oc.location(),
                        nc.location());
            } else {
                judge.fixed(Rule.PARTITIONS_INCREASED, what, oc.location(), nc.location());
            }
        }
        String op = cleanupPolicy(oc);
        String np = cleanupPolicy(nc);
        if (!op.equals(np)) {
            judge.fixed(Rule.CLEANUP_POLICY_CHANGED, "channel '" + key(nc) + "': cleanup.policy " + op + " became "
                    + np, oc.location(), nc.location());
        }
    }

    private void compareOperations(AsyncApiModel old, AsyncApiModel now, Channel nc, Operation oo, Operation no,
            Judge judge) {
        if (!oo.idDerived() && !no.idDerived() && !oo.operationId().equals(no.operationId())) {
            judge.fixed(Rule.OPERATION_ID_CHANGED, "channel '" + key(nc) + "': operationId '" + oo.operationId()
                    + "' became '" + no.operationId() + "'", oo.location(), no.location());
        }
        if (!Objects.equals(oo.groupId(), no.groupId())) {
            String what = "channel '" + key(nc) + "': consumer group " + oo.groupId() + " became " + no.groupId();
            if (no.direction() == Direction.RECEIVE) {
                judge.fixed(Rule.CONSUMER_GROUP_CHANGED, what, oo.location(), no.location());
            } else {
                judge.safe(Rule.CONSUMER_GROUP_CHANGED, what + " (a producer has no group)", oo.location(),
                        no.location());
            }
        }
        compareMessageSets(old, now, nc, messages(oo.messages()), messages(no.messages()), oo.location(),
                no.location(), "", judge);
        compareReplies(old, now, nc, oo, no, judge);
    }

    /** The messages of an operation (or of its reply) by name; an operation's only message by position. */
    private void compareMessageSets(AsyncApiModel old, AsyncApiModel now, Channel nc, Map<String, Message> om,
            Map<String, Message> nm, SourceLocation oldAt, SourceLocation newAt, String what, Judge judge) {
        String scope = "channel '" + key(nc) + "': " + what + "message '";
        if (om.size() == 1 && nm.size() == 1 && !om.keySet().equals(nm.keySet())) {
            Message a = om.values().iterator().next();
            Message b = nm.values().iterator().next();
            judge.fixed(Rule.MESSAGE_RENAMED, scope + a.name() + "' renamed to '" + b.name() + "'", a.location(),
                    b.location());
            compareMessages(old, now, nc, a, b, judge);
            return;
        }
        for (Message a : om.values()) {
            Message b = nm.get(a.name());
            if (b == null) {
                judge.directional(Rule.MESSAGE_REMOVED, Breaks.BACKWARD, scope + a.name() + "' removed", a.location(),
                        newAt);
            } else {
                compareMessages(old, now, nc, a, b, judge);
            }
        }
        for (Message b : nm.values()) {
            if (!om.containsKey(b.name())) {
                judge.directional(Rule.MESSAGE_ADDED, Breaks.FORWARD, scope + b.name() + "' added", oldAt,
                        b.location());
            }
        }
    }

    /**
     * A 3.x {@code reply}: the requester (a sending operation) receives replies, so they are judged BACKWARD; the
     * replier (a receiving operation) sends them, FORWARD; a mode chosen for the channel or for everything applies as
     * chosen.
     */
    private void compareReplies(AsyncApiModel old, AsyncApiModel now, Channel nc, Operation oo, Operation no,
            Judge judge) {
        OperationReply or = oo.reply();
        OperationReply nr = no.reply();
        if (or == null && nr == null) {
            return;
        }
        CompatMode mode = judge.mode();
        if (options.mode() == null && !options.channelModes().containsKey(key(nc))) {
            CompatMode byRole = no.direction() == Direction.SEND ? CompatMode.BACKWARD : CompatMode.FORWARD;
            mode = mode.isTransitive() ? byRole.transitive() : byRole;
        }
        Judge replies = judge.withMode(mode);
        String scope = "channel '" + key(nc) + "': the reply of '" + no.operationId() + "'";
        if (or == null) {
            replies.directional(Rule.REPLY_ADDED, Breaks.BACKWARD, scope + " added", oo.location(), nr.location());
            return;
        }
        if (nr == null) {
            replies.directional(Rule.REPLY_REMOVED, Breaks.FORWARD, scope + " removed", or.location(),
                    no.location());
            return;
        }
        if (!Objects.equals(or.channelName(), nr.channelName())
                || !Objects.equals(or.addressLocation(), nr.addressLocation())) {
            replies.fixed(Rule.REPLY_ADDRESS_CHANGED, scope + " goes to " + where(nr) + " instead of " + where(or),
                    or.location(), nr.location());
        }
        compareMessageSets(old, now, nc, messages(or.messages()), messages(nr.messages()), or.location(),
                nr.location(), "reply ", replies);
    }

    private static String where(OperationReply r) {
        return r.addressLocation() != null ? r.addressLocation()
                : r.channelName() != null ? "channel " + r.channelName() : "no channel";
    }

    private void compareMessages(AsyncApiModel old, AsyncApiModel now, Channel nc, Message a, Message b,
            Judge channelJudge) {
        Judge judge = channelJudge.withMode(messageMode(now, nc, b, channelJudge.mode()));
        String scope = "channel '" + key(nc) + "' message '" + b.name() + "' ";
        if (!Objects.equals(a.contentType(), b.contentType())) {
            judge.fixed(Rule.CONTENT_TYPE_CHANGED, scope + "content type " + a.contentType() + " became "
                    + b.contentType(), a.location(), b.location());
        }
        if (AvroCompat.bothAvro(a, b)) {
            AvroCompat.compare(a, b, scope + "payload: ", judge);
        } else {
            new SchemaDiff(old, now, judge, false).compare(a.payload(), b.payload(), scope + "payload");
        }
        Schema oh = a.headers() != null ? a.headers() : emptyObject(a.location());
        Schema nh = b.headers() != null ? b.headers() : emptyObject(b.location());
        new SchemaDiff(old, now, judge, true).compare(oh, nh, scope + "headers");
        compareKeys(old, now, a, b, scope, judge);
    }

    private static void compareKeys(AsyncApiModel old, AsyncApiModel now, Message a, Message b, String scope,
            Judge judge) {
        if (a.key() == null && b.key() == null) {
            return;
        }
        if (a.key() == null) {
            judge.fixed(Rule.KEY_ADDED, scope + "now has a key", a.location(), b.key().location());
            return;
        }
        if (b.key() == null) {
            judge.fixed(Rule.KEY_REMOVED, scope + "no longer has a key", a.key().location(), b.location());
            return;
        }
        String os = keySignature(old.resolve(a.key()));
        String ns = keySignature(now.resolve(b.key()));
        if (!os.equals(ns)) {
            judge.fixed(Rule.KEY_CHANGED, scope + "key " + os + " became " + ns, a.key().location(),
                    b.key().location());
            return;
        }
        new SchemaDiff(old, now, judge, false).compare(a.key(), b.key(), scope + "key");
    }

    /** What decides a key's bytes: its type, format and encoding. */
    private static String keySignature(Schema key) {
        if (key instanceof Schema.StringSchema s) {
            return "string" + (s.format() != null ? " (" + s.format() + ")" : "")
                    + (s.contentEncoding() != null ? " encoded " + s.contentEncoding() : "");
        }
        if (key instanceof Schema.NumberSchema n) {
            return (n.integer() ? "integer" : "number") + (n.format() != null ? " (" + n.format() + ")" : "");
        }
        return key.getClass().getSimpleName().replace("Schema", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static void compareServers(AsyncApiModel old, AsyncApiModel now, Judge judge) {
        Map<String, Server> servers = new LinkedHashMap<>();
        now.servers().forEach(s -> servers.put(s.name(), s));
        for (Server s : old.servers()) {
            Server n = servers.get(s.name());
            if (n == null) {
                judge.fixed(Rule.SERVER_REMOVED, "server '" + s.name() + "' (" + s.url() + ") removed", s.location(),
                        SourceLocation.UNKNOWN);
            } else if (!s.defaultUrl().equals(n.defaultUrl()) || !Objects.equals(s.protocol(), n.protocol())
                    || !schemes(s).equals(schemes(n))) {
                judge.fixed(Rule.SERVER_CHANGED, "server '" + s.name() + "': " + s.protocol() + "://"
                        + s.defaultUrl() + " " + schemes(s) + " became " + n.protocol() + "://" + n.defaultUrl() + " "
                        + schemes(n), s.location(), n.location());
            }
        }
        for (SecurityScheme s : old.securitySchemes().values()) {
            if (!now.securitySchemes().containsKey(s.name())) {
                judge.fixed(Rule.SECURITY_SCHEME_REMOVED, "security scheme '" + s.name() + "' (" + s.type()
                        + ") removed", s.location(), SourceLocation.UNKNOWN);
            }
        }
    }

    /** The security schemes a server names, in order. */
    private static List<String> schemes(Server s) {
        return s.security().stream().map(r -> r.scheme() == null ? "?" : r.scheme().name()).toList();
    }

    /** Option per channel, else {@code x-compatibility}... (see {@link CompatOptions}), else by direction. */
    private CompatMode channelMode(Channel oc, Channel nc) {
        Channel c = nc != null ? nc : oc;
        CompatMode mode = options.channelModes().get(key(c));
        if (mode == null) {
            mode = options.mode();
        }
        if (mode == null) {
            Set<Direction> directions = EnumSet.noneOf(Direction.class);
            for (Channel ch : new Channel[] {oc, nc}) {
                if (ch != null) {
                    ch.operations().forEach(o -> directions.add(o.direction()));
                }
            }
            mode = directions.size() == 2 ? CompatMode.FULL
                    : directions.contains(Direction.SEND) ? CompatMode.FORWARD : CompatMode.BACKWARD;
        }
        return options.transitive() ? mode.transitive() : mode;
    }

    /** The option for {@code channel/message}, else the payload schema's {@code x-compatibility}, else the channel's. */
    private CompatMode messageMode(AsyncApiModel now, Channel nc, Message b, CompatMode channelMode) {
        CompatMode mode = options.messageModes().get(key(nc) + "#" + b.name());
        if (mode == null) {
            Object x = b.payload().meta().extensions().get(X_COMPATIBILITY);
            if (x == null) {
                x = now.resolve(b.payload()).meta().extensions().get(X_COMPATIBILITY);
            }
            if (x instanceof String s) {
                mode = CompatMode.parse(s);
            }
        }
        if (mode == null) {
            return channelMode;
        }
        return options.transitive() || channelMode.isTransitive() ? mode.transitive() : mode;
    }

    private static Operation operation(Channel c, Direction d) {
        for (Operation o : c.operations()) {
            if (o.direction() == d) {
                return o;
            }
        }
        return null;
    }

    private static Map<String, Message> messages(List<Message> messages) {
        Map<String, Message> out = new LinkedHashMap<>();
        messages.forEach(m -> out.putIfAbsent(m.name(), m));
        return out;
    }

    private static boolean keyed(Channel c) {
        return c.operations().stream().flatMap(o -> o.messages().stream()).anyMatch(m -> m.key() != null);
    }

    /** {@code cleanup.policy}, absent being Kafka's default {@code delete}; list order does not matter. */
    private static String cleanupPolicy(Channel c) {
        String p = c.topicConfiguration().getOrDefault("cleanup.policy", "delete");
        return String.join(",", new java.util.TreeSet<>(List.of(p.replace(" ", "").split(","))));
    }

    private static Schema emptyObject(SourceLocation at) {
        return new Schema.ObjectSchema(Schema.SchemaMeta.at(at), List.of(), null, false, null, null, null);
    }
}
