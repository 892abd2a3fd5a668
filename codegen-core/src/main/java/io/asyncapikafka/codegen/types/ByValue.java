package io.asyncapikafka.codegen.types;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    /**
     * Maps each instance to the first-seen equal instance, hashing each instance once. Several maps can share one,
     * so an instance looked up in all of them is still hashed only once.
     */
    public static final class Keys<K> {
        private final Map<K, K> canonicalOf = new IdentityHashMap<>();
        private final Map<K, K> byValue = new HashMap<>();

        private Keys() {}

        /** The first instance equal to {@code key} this set of keys saw. */
        K canonical(K key) {
            Objects.requireNonNull(key, "key");
            K c = canonicalOf.get(key);
            if (c == null) {
                K earlier = byValue.putIfAbsent(key, key);
                c = earlier != null ? earlier : key;
                canonicalOf.put(key, c);
            }
            return c;
        }
    }

    private final Keys<K> keys;
    private final Map<K, V> values = new IdentityHashMap<>();
    private final List<K> order = new ArrayList<>();

    private ByValue(Keys<K> keys) {
        this.keys = keys;
    }

    public static <K> Keys<K> keys() {
        return new Keys<>();
    }

    public static <K, V> ByValue<K, V> create() {
        return new ByValue<>(new Keys<>());
    }

    /** A map sharing {@code keys} with others. */
    public static <K, V> ByValue<K, V> create(Keys<K> keys) {
        return new ByValue<>(Objects.requireNonNull(keys, "keys"));
    }

    /** The value for a key equal to {@code key}, or {@code null}. */
    public V get(K key) {
        return values.get(keys.canonical(key));
    }

    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** Associates {@code value} with {@code key}, replacing the value of an equal key (whose position is kept). */
    public void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        K c = keys.canonical(key);
        if (values.put(c, value) == null) {
            order.add(c);
        }
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
        return order.size();
    }

    /**
     * An unmodifiable view in insertion order, keyed by the first instance of each key, for iteration (its
     * {@code get} scans; use {@link #get} for lookups).
     */
    public Map<K, V> asMap() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<K, V>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<K, V>> iterator() {
                        Iterator<K> it = order.iterator();
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            @Override
                            public Entry<K, V> next() {
                                K k = it.next();
                                return Map.entry(k, values.get(k));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return order.size();
                    }
                };
            }
        };
    }
}
