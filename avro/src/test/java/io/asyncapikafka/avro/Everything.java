package io.asyncapikafka.avro;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * A payload shaped like the generated records of an Avro schema with every type the reader maps (see the module
 * README's table): required members checked, optional ones nullable, a renamed member, a wire-valued enum, a nested
 * record, lists and maps. Arrays of bytes compare by content so that two decoded values can be compared.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Everything(
        UUID id,
        @JsonProperty("order_no") String orderNo,
        @JsonProperty(required = true) int count,
        @JsonProperty(required = true) long big,
        Integer maybeInt,
        OffsetDateTime at,
        OffsetDateTime atMicros,
        LocalDate day,
        BigDecimal total,
        BigDecimal fixedTotal,
        BigDecimal ratio,
        @JsonProperty(required = true) double weight,
        BigDecimal single,
        @JsonProperty(required = true) boolean flag,
        byte[] blob,
        byte[] md5,
        Colour colour,
        Colour maybeColour,
        List<Line> lines,
        Map<String, Long> counters,
        Line first,
        String note,
        String later) {

    public Everything {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orderNo, "order_no");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(atMicros, "atMicros");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(fixedTotal, "fixedTotal");
        Objects.requireNonNull(ratio, "ratio");
        Objects.requireNonNull(single, "single");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(counters, "counters");
        lines = List.copyOf(lines);
        counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Everything e && e.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "Everything[" + id + "," + orderNo + "," + count + "," + big + "," + maybeInt + "," + at + ","
                + atMicros + "," + day + "," + total + "," + fixedTotal + "," + ratio + "," + weight + "," + single
                + "," + flag + "," + Arrays.toString(blob) + "," + Arrays.toString(md5) + "," + colour + ","
                + maybeColour + "," + lines + "," + new java.util.TreeMap<>(counters) + "," + first + "," + note + "," + later + "]";
    }

    /** A wire-valued enum as the generator writes it. */
    public enum Colour {
        RED("red"), GREEN("green"), BLUE("blue");

        private final String value;

        Colour(String value) {
            this.value = value;
        }

        @JsonValue
        public String value() {
            return value;
        }

        @JsonCreator
        public static Colour fromValue(String value) {
            for (Colour c : values()) {
                if (c.value.equals(value)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown Colour value \"" + value + "\"");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, @JsonProperty(required = true) int qty, BigDecimal price, List<String> tags) {
        public Line {
            Objects.requireNonNull(sku, "sku");
            tags = tags == null ? null : List.copyOf(tags);
        }
    }

    /** The contract's schema. */
    public static final Schema V1 = new Schema.Parser().parse(schema(""));

    /** One version ahead: a new field with a default and a new enum symbol with the enum's default. */
    public static final Schema V2 = new Schema.Parser().parse(schema("""
            ,{"name":"extra","type":{"type":"array","items":"string"},"default":[]}""")
            .replace("\"symbols\":[\"red\",\"green\",\"blue\"]", "\"symbols\":[\"red\",\"green\",\"blue\",\"pink\"]"));

    private static String schema(String more) {
        return """
            {"type":"record","name":"Everything","namespace":"com.example","fields":[
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"order_no","type":"string"},
              {"name":"count","type":"int"},
              {"name":"big","type":"long"},
              {"name":"maybeInt","type":["null","int"],"default":null},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"atMicros","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}},
              {"name":"fixedTotal","type":{"type":"fixed","name":"Money","size":8,"logicalType":"decimal",
                "precision":18,"scale":3}},
              {"name":"ratio","type":"double"},
              {"name":"weight","type":"double"},
              {"name":"single","type":"float"},
              {"name":"flag","type":"boolean"},
              {"name":"blob","type":"bytes"},
              {"name":"md5","type":{"type":"fixed","name":"Md5","size":4}},
              {"name":"colour","type":{"type":"enum","name":"Colour","symbols":["red","green","blue"],
                "default":"red"}},
              {"name":"maybeColour","type":["null","Colour"],"default":null},
              {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[
                {"name":"sku","type":"string"},
                {"name":"qty","type":"int"},
                {"name":"price","type":["null",{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}],
                  "default":null},
                {"name":"tags","type":["null",{"type":"array","items":"string"}],"default":null}]}}},
              {"name":"counters","type":{"type":"map","values":"long"}},
              {"name":"first","type":["null","Line"],"default":null},
              {"name":"note","type":["string","null"],"default":"none"},
              {"name":"later","type":["null","string"],"default":null}%s]}""".formatted(more);
    }
}
