package io.asyncapikafka.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep the document's order (Map.copyOf does not). */
final class Collections2 {
    private Collections2() {}

    static <K, V> Map<K, V> copyOrdered(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
