package io.asyncapikafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-type reader and writer must not change a byte of the wire format the shared mapper defines. */
class MessageTypeTest {

    record Priced(String id, BigDecimal total, OffsetDateTime at, List<String> tags) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Shape.Circle.class, name = "circle"),
            @JsonSubTypes.Type(value = Shape.Square.class, name = "square")})
    sealed interface Shape {
        record Circle(double r) implements Shape {}

        record Square(double side) implements Shape {}
    }

    @Test
    void aRecordIsWrittenAsTheMapperWritesItAndReadBack() throws IOException {
        MessageType<Void, Priced, Void> type = MessageType.of("Priced", Priced.class);
        Priced p = new Priced("p-1", new BigDecimal("10.50"), OffsetDateTime.parse("2024-05-01T12:00:00.120+02:00"),
                List.of("a", "b"));
        byte[] json = type.writePayload(p);
        assertThat(json).isEqualTo(Json.mapper().writeValueAsBytes(p));
        assertThat(type.writePayload(p)).as("second call, cached writer").isEqualTo(json);
        assertThat(type.readPayload(json)).isEqualTo(Json.mapper().readValue(json, Priced.class)).isEqualTo(p);
    }

    @Test
    void aSealedInterfaceKeepsItsTypeIdAndEachValueItsOwnClass() throws IOException {
        MessageType<Void, Shape, Void> type = MessageType.of("Shape", Shape.class);
        for (Shape s : List.of(new Shape.Circle(1.5), new Shape.Square(2), new Shape.Circle(3))) {
            byte[] json = type.writePayload(s);
            assertThat(json).isEqualTo(Json.mapper().writeValueAsBytes(s));
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"kind\"");
            assertThat(type.readPayload(json)).isEqualTo(s);
        }
    }

    @Test
    void aJsonNodePayloadIsWrittenAsItIs() throws IOException {
        MessageType<Void, JsonNode, Void> type = MessageType.of("Any", JsonNode.class);
        JsonNode node = Json.mapper().readTree("{\"b\":[1,2.50,\"x\"],\"a\":null}");
        assertThat(type.writePayload(node)).isEqualTo(Json.mapper().writeValueAsBytes(node));
        assertThat(type.readPayload(type.writePayload(node))).isEqualTo(node);
    }

    @Test
    void badJsonFailsAsWithTheMapper() {
        MessageType<Void, Priced, Void> type = MessageType.of("Priced", Priced.class);
        assertThatThrownBy(() -> type.readPayload("{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
