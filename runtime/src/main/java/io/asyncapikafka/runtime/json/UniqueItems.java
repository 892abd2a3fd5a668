package io.asyncapikafka.runtime.json;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code uniqueItems} as JSON Schema means it: items compared as JSON values, so {@code 1.0} and {@code 1} are the
 * same number whatever their Java scale, and records are compared by their JSON form.
 */
public final class UniqueItems {

    private UniqueItems() {}

    /** True when no two items are equal JSON values. */
    public static boolean unique(List<?> items) {
        if (items.size() < 2) {
            return true;
        }
        boolean plain = true;
        for (Object item : items) {
            if (!(item instanceof String || item instanceof Boolean || item instanceof Integer || item instanceof Long
                    || item instanceof BigInteger || item instanceof Enum<?>)) {
                plain = false;
                break;
            }
        }
        if (plain) {
            // equal Java values of these types are equal JSON values and the other way round (Integer 1 and Long 1
            // cannot meet: a list has one item type)
            return new HashSet<>(items).size() == items.size();
        }
        Set<Object> seen = new HashSet<>();
        for (Object item : items) {
            if (!seen.add(JsonValues.canonical(item == null
                    ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : Json.mapper().valueToTree(item)))) {
                return false;
            }
        }
        return true;
    }
}
