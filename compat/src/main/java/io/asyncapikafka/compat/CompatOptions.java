package io.asyncapikafka.compat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to judge changes.
 *
 * @param mode the mode for every channel, or {@code null}: by direction (sent → {@link CompatMode#FORWARD}, received →
 *     {@link CompatMode#BACKWARD}, both → {@link CompatMode#FULL}), overridden by {@code x-compatibility}
 * @param channelModes per channel name, ahead of {@code x-compatibility} and {@code mode}
 * @param messageModes per {@code channel#message} (channel key, message name), ahead of everything else
 * @param transitive judge every channel against every baseline (as if each mode were {@code _TRANSITIVE})
 */
public record CompatOptions(
        CompatMode mode,
        Map<String, CompatMode> channelModes,
        Map<String, CompatMode> messageModes,
        boolean transitive) {

    public CompatOptions {
        channelModes = Map.copyOf(new LinkedHashMap<>(channelModes));
        messageModes = Map.copyOf(new LinkedHashMap<>(messageModes));
    }

    /** By direction, no overrides. */
    public static CompatOptions defaults() {
        return new CompatOptions(null, Map.of(), Map.of(), false);
    }

    public CompatOptions withMode(CompatMode m) {
        return new CompatOptions(m, channelModes, messageModes, transitive);
    }

    public CompatOptions withChannelModes(Map<String, CompatMode> modes) {
        return new CompatOptions(mode, modes, messageModes, transitive);
    }

    public CompatOptions withMessageModes(Map<String, CompatMode> modes) {
        return new CompatOptions(mode, channelModes, modes, transitive);
    }

    public CompatOptions withTransitive(boolean t) {
        return new CompatOptions(mode, channelModes, messageModes, t);
    }
}
