package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ByValueTest {

    /** Counts deep hashes, as a model record's would cost. */
    private static final AtomicInteger HASHES = new AtomicInteger();

    private record Key(String name, List<String> parts) {
        @Override
        public int hashCode() {
            HASHES.incrementAndGet();
            return name.hashCode() * 31 + parts.hashCode();
        }
    }

    @Test
    void equalButDistinctInstancesShareOneEntryInInsertionOrder() {
        ByValue<Key, String> map = ByValue.create();
        Key a = new Key("a", List.of("x"));
        Key aAgain = new Key("a", List.of("x"));
        Key b = new Key("b", List.of());
        map.put(b, "B");
        map.put(a, "A");

        assertThat(map.get(aAgain)).isEqualTo("A");
        assertThat(map.computeIfAbsent(aAgain, k -> "other")).isEqualTo("A");
        assertThat(map.containsKey(new Key("c", List.of()))).isFalse();
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.asMap().keySet()).containsExactly(b, a);

        map.put(aAgain, "A2");
        assertThat(map.get(a)).isEqualTo("A2");
        assertThat(map.asMap().values()).containsExactly("B", "A2");
    }

    @Test
    void anInstanceIsHashedOnlyOnTheFirstLookup() {
        ByValue<Key, String> map = ByValue.create();
        Key stored = new Key("a", List.of("x"));
        map.put(stored, "A");
        Key lookup = new Key("a", List.of("x"));
        map.get(lookup);
        int afterFirst = HASHES.get();
        for (int i = 0; i < 10; i++) {
            assertThat(map.get(lookup)).isEqualTo("A");
            assertThat(map.get(stored)).isEqualTo("A");
        }
        assertThat(HASHES.get()).isEqualTo(afterFirst);
    }
}
