package io.asyncapikafka.runtime.consumer;

import io.asyncapikafka.runtime.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Handlers by message name ({@code ce_type}). Shared by {@link ConsumerRunner} and {@link HandlerDriver}. */
final class HandlerRegistry {

    /** One registered message type and its handler, with the channel's parameter reader ({@code null}: none). */
    record Registration<K, V, H>(MessageType<K, V, H> type, MessageHandler<K, V, H> handler,
            TopicParameters<?> parameters) {
        Registration(MessageType<K, V, H> type, MessageHandler<K, V, H> handler) {
            this(type, handler, null);
        }
    }

    /** Few types per consumer: comparing bytes beats decoding {@code ce_type} into a String for a map lookup. */
    private static final int BYTE_COMPARE_MAX = 8;

    private final Map<String, Registration<?, ?, ?>> byName;
    private final byte[][] names;
    private final Registration<?, ?, ?>[] registrations;

    private HandlerRegistry(Map<String, Registration<?, ?, ?>> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.names = new byte[this.byName.size()][];
        this.registrations = new Registration<?, ?, ?>[this.byName.size()];
        int i = 0;
        for (var e : this.byName.entrySet()) {
            names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            registrations[i++] = e.getValue();
        }
    }

    static HandlerRegistry of(Map<String, Registration<?, ?, ?>> byName) {
        if (byName.isEmpty()) {
            throw new IllegalStateException("register at least one handler");
        }
        return new HandlerRegistry(byName);
    }

    static <K, V, H> void add(Map<String, Registration<?, ?, ?>> into, MessageType<K, V, H> type,
            MessageHandler<K, V, H> handler) {
        add(into, type, null, handler);
    }

    static <K, V, H> void add(Map<String, Registration<?, ?, ?>> into, MessageType<K, V, H> type,
            TopicParameters<?> parameters, MessageHandler<K, V, H> handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (into.putIfAbsent(type.name(), new Registration<>(type, handler, parameters)) != null) {
            throw new IllegalArgumentException("a handler for message " + type.name() + " is already registered");
        }
    }

    /**
     * The registration for a {@code ce_type}; a record without {@code ce_type} is accepted only when exactly one
     * message type is registered (a single-message channel whose producers do not send CloudEvents headers).
     */
    Registration<?, ?, ?> resolve(String ceType) {
        if (ceType == null) {
            return byName.size() == 1 ? byName.values().iterator().next() : null;
        }
        return byName.get(ceType);
    }

    /** As {@link #resolve(String)}, for the raw UTF-8 bytes of a {@code ce_type} header ({@code null} if absent). */
    Registration<?, ?, ?> resolve(byte[] ceType) {
        if (ceType == null) {
            return resolve((String) null);
        }
        if (names.length > BYTE_COMPARE_MAX) {
            return byName.get(new String(ceType, StandardCharsets.UTF_8));
        }
        for (int i = 0; i < names.length; i++) {
            if (Arrays.equals(names[i], ceType)) {
                return registrations[i];
            }
        }
        return null;
    }

    Map<String, Registration<?, ?, ?>> all() {
        return byName;
    }
}
