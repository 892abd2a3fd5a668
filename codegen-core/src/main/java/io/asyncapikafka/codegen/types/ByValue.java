package io.asyncapikafka.codegen.types;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An insertion-ordered map keyed by model records compared by value, whose lookups hash each key <em>instance</em>
 * at most once. Model records hash deeply (a message hashes its whole payload schema, with source locations), and the
 * reader builds a component message anew for every operation that references it, so neither a plain map (a deep
 * hash on every lookup) nor an identity map (two equal messages would get two types) is right. Not thread-safe:
 * generation runs on one thread.
 *
 * @param <K> a record type with value equality
 * @param <V> the value type
 */
public final class ByValue<K, V> {

    private final Map<K, V> byValue = new LinkedHashMap<>();
    /** Instances already looked up, so the next lookup of the same instance skips the deep hash. */
    private final Map<K, V> byInstance = new IdentityHashMap<>();

    private ByValue() {}

    public static <K, V> ByValue<K, V> create() {
        return new ByValue<>();
    }

    /** The value for a key equal to {@code key}, or {@code null}. */
    public V get(K key) {
        V v = byInstance.get(key);
        if (v == null) {
            v = byValue.get(key);
            if (v != null) {
                byInstance.put(key, v);
            }
        }
        return v;
    }

    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Associates {@code value} with {@code key}, replacing the value of an equal key (whose position is kept). */
    public void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        V old = byValue.put(key, value);
        if (old != null) {
            // Instances of the equal key may be cached with the old value.
            byInstance.clear();
        }
        byInstance.put(key, value);
    }

    public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V v = get(key);
        if (v == null) {
            v = Objects.requireNonNull(compute.apply(key), "computed value");
            put(key, v);
        }
        return v;
    }

    public int size() {
        return byValue.size();
    }

    /** An unmodifiable view in insertion order (lookups through it hash deeply; use {@link #get} for those). */
    public Map<K, V> asMap() {
        return Collections.unmodifiableMap(byValue);
    }
}
