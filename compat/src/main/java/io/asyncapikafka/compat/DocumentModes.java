package io.asyncapikafka.compat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code x-compatibility} written on channels and messages. The model keeps no extensions on those nodes, so this
 * reads them from the contract's plain tree (maps, lists and strings, as a YAML loader gives them), for the channels
 * and messages of the model; pure, the caller parses. Local {@code $ref}s ({@code #/components/...}) are followed.
 */
public final class DocumentModes {

    private DocumentModes() {}

    /**
     * {@code options} with the document's channel and message modes added where the options set none (an option for
     * a channel or message beats the contract; the contract beats {@link CompatOptions#mode()}).
     *
     * @throws IllegalArgumentException naming the node when a value is not a mode
     */
    public static CompatOptions apply(CompatOptions options, Object document, AsyncApiModel model) {
        Map<String, CompatMode> channels = new LinkedHashMap<>();
        Map<String, CompatMode> messages = new LinkedHashMap<>();
        for (Channel c : model.channels()) {
            String key = CompatChecker.key(c);
            Object node = deref(document, get(get(document, "channels"), key));
            CompatMode mode = mode(node, "#/channels/" + key);
            if (mode != null) {
                channels.put(key, mode);
            }
            for (Operation o : c.operations()) {
                for (Message m : o.messages()) {
                    for (Object candidate : messageNodes(document, node, m)) {
                        CompatMode mm = mode(candidate, "message '" + m.name() + "' of channel " + key);
                        if (mm != null) {
                            messages.putIfAbsent(key + "#" + m.name(), mm);
                        }
                    }
                }
            }
        }
        channels.putAll(options.channelModes());
        messages.putAll(options.messageModes());
        return options.withChannelModes(channels).withMessageModes(messages);
    }

    private static List<Object> messageNodes(Object document, Object channel, Message m) {
        List<Object> out = new ArrayList<>();
        if (m.componentName() != null) {
            out.add(deref(document, get(get(get(document, "components"), "messages"), m.componentName())));
        }
        for (String keyword : List.of("publish", "subscribe")) {
            Object message = deref(document, get(deref(document, get(channel, keyword)), "message"));
            Object oneOf = get(message, "oneOf");
            List<?> alternatives = oneOf instanceof List<?> list ? list : message != null ? List.of(message) : List.of();
            for (Object each : alternatives) {
                Object node = deref(document, each);
                if (m.name().equals(get(node, "name"))) {
                    out.add(node);
                }
            }
        }
        if (get(channel, "messages") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                Object node = deref(document, v);
                if (m.name().equals(k) || m.name().equals(get(node, "name"))) {
                    out.add(node);
                }
            });
        }
        return out;
    }

    private static CompatMode mode(Object node, String where) {
        Object x = get(node, CompatChecker.X_COMPATIBILITY);
        if (x == null) {
            return null;
        }
        try {
            return CompatMode.parse(String.valueOf(x));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CompatChecker.X_COMPATIBILITY + " of " + where + ": " + e.getMessage(),
                    e);
        }
    }

    private static Object get(Object node, String key) {
        return node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    /** Follows local references ({@code #/a/b}), a few hops at most. */
    private static Object deref(Object document, Object node) {
        Object n = node;
        for (int hops = 0; hops < 8 && get(n, "$ref") instanceof String ref && ref.startsWith("#/"); hops++) {
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                target = get(target, part.replace("~1", "/").replace("~0", "~"));
            }
            n = target;
        }
        return n;
    }
}
