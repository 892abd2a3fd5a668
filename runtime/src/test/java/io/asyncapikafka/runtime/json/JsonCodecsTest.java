package io.asyncapikafka.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonCodecs#write} keeps one generator per thread across values: each value comes out on its own, with the
 * bytes databind writes, also after a write that failed half-way and for a codec that writes another value through
 * {@code JsonCodecs} while it writes.
 */
class JsonCodecsTest {

    /** Writes {@code {"items":[...]}}; an item {@code "boom"} fails in the middle of the array. */
    private static final JsonCodec<List<String>> ITEMS = new JsonCodec<>() {
        @Override
        public void write(JsonGenerator g, List<String> value) throws IOException {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (String s : value) {
                if (s.equals("boom")) {
                    throw new IOException("cannot write boom");
                }
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }

        @Override
        public List<String> read(JsonParser p) {
            throw new UnsupportedOperationException();
        }
    };

    /** Writes {@code {"inner":"<the inner value's JSON as a string>"}}, the inner value through JsonCodecs too. */
    private static final JsonCodec<List<String>> NESTING = new JsonCodec<>() {
        @Override
        public void write(JsonGenerator g, List<String> value) throws IOException {
            g.writeStartObject();
            g.writeStringField("inner", new String(JsonCodecs.write(ITEMS, value), StandardCharsets.UTF_8));
            g.writeEndObject();
        }

        @Override
        public List<String> read(JsonParser p) {
            throw new UnsupportedOperationException();
        }
    };

    private static String json(Object value) throws IOException {
        return Json.mapper().writeValueAsString(value);
    }

    private static String write(JsonCodec<List<String>> codec, List<String> value) throws IOException {
        return new String(JsonCodecs.write(codec, value), StandardCharsets.UTF_8);
    }

    @Test
    void valuesWrittenOneAfterAnotherComeOutEachOnItsOwn() throws IOException {
        for (int i = 0; i < 3; i++) {
            assertThat(write(ITEMS, List.of("a", "b" + i))).isEqualTo(json(Map.of("items", List.of("a", "b" + i))));
        }
        assertThat(write(ITEMS, null)).isEqualTo("null");
        assertThat(write(ITEMS, List.of())).isEqualTo("{\"items\":[]}");
    }

    @Test
    void aWriteThatFailedHalfWayLeavesNothingForTheNext() throws IOException {
        assertThat(write(ITEMS, List.of("x"))).isEqualTo("{\"items\":[\"x\"]}");
        assertThatThrownBy(() -> write(ITEMS, List.of("a", "boom"))).isInstanceOf(IOException.class)
                .hasMessage("cannot write boom");
        assertThat(write(ITEMS, List.of("c"))).isEqualTo("{\"items\":[\"c\"]}");
    }

    @Test
    void aCodecWritingAnotherValueWhileWritingGetsItsOwnGenerator() throws IOException {
        assertThat(write(NESTING, List.of("a"))).isEqualTo(json(Map.of("inner", "{\"items\":[\"a\"]}")));
        assertThat(write(ITEMS, List.of("d"))).isEqualTo("{\"items\":[\"d\"]}");
    }

    @Test
    void aLargeValueIsWrittenWholeAndTheNextSmallOneAlone() throws IOException {
        List<String> big = java.util.Collections.nCopies(20_000, "0123456789");
        assertThat(write(ITEMS, big)).isEqualTo(json(Map.of("items", big)));
        assertThat(write(ITEMS, List.of("e"))).isEqualTo("{\"items\":[\"e\"]}");
    }
}
