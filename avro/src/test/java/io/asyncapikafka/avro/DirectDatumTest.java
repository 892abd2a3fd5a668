package io.asyncapikafka.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.avro.AvroCodec.Mapping;
import io.asyncapikafka.avro.Everything.Colour;
import io.asyncapikafka.avro.Everything.Line;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The direct path (record members straight to Avro's encoder, back through its resolving decoder) against the plain
 * JSON-tree path: the same bytes and the same values over many random payloads, the same schema resolution of a
 * writer one version ahead, the same refusals.
 */
class DirectDatumTest {

    private static final int PAYLOADS = 2_000;

    private final AvroCodec<Everything> direct = AvroCodec.singleObject(Everything.class, Everything.V1,
            List.of(Everything.V2), Mapping.DIRECT);
    private final AvroCodec<Everything> tree = AvroCodec.singleObject(Everything.class, Everything.V1,
            List.of(Everything.V2), Mapping.JSON_TREE);

    @Test
    void theGeneratedShapesGetTheDirectPathByDefault() {
        assertThat(AvroCodec.singleObject(Everything.class, Everything.V1, List.of()).mapping())
                .isEqualTo(Mapping.DIRECT);
        assertThat(AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of()).mapping()).isEqualTo(Mapping.DIRECT);
        // a schema field no record component carries: only the tree path (it writes the field's default)
        assertThat(AvroCodec.defaultMapping(Everything.class, Everything.V2)).isEqualTo(Mapping.JSON_TREE);
        assertThatThrownBy(() -> AvroCodec.singleObject(Everything.class, Everything.V2, List.of(), Mapping.DIRECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no direct mapping");
    }

    @Test
    void directAndTreePathsWriteTheSameBytesAndReadTheSameValues() throws Exception {
        Random random = new Random(14);
        for (int i = 0; i < PAYLOADS; i++) {
            Everything e = random(random);
            byte[] a = direct.encode("t", e, new RecordHeaders());
            byte[] b = tree.encode("t", e, new RecordHeaders());
            assertThat(a).as("payload %d: %s", i, e).isEqualTo(b);
            Everything viaDirect = direct.decode(a, new RecordHeaders());
            assertThat(viaDirect).as("payload %d", i).isEqualTo(tree.decode(a, new RecordHeaders()));
            // a null member whose field has a non-null default is written as the default, on both paths
            // and a date-time is read back in UTC, a decimal with its schema's scale
            Everything expected = with(e.note() != null ? e : with(e, "note", "none"), "at",
                    e.at().withOffsetSameInstant(ZoneOffset.UTC));
            expected = with(with(expected, "total", e.total().setScale(2)), "fixedTotal", e.fixedTotal().setScale(3));
            assertThat(viaDirect).as("payload %d", i).isEqualTo(expected);
            // a map keeps the wire's order (Avro's generic reader makes a HashMap of it)
            assertThat(List.copyOf(viaDirect.counters().keySet())).containsExactlyElementsOf(e.counters().keySet());
        }
    }

    @Test
    void aWriterOneVersionAheadIsResolvedTheSameWay() throws Exception {
        Random random = new Random(41);
        BinaryMessageEncoder<GenericRecord> v2 = new BinaryMessageEncoder<>(GenericData.get(), Everything.V2);
        BinaryMessageDecoder<GenericRecord> asV2 = new BinaryMessageDecoder<>(GenericData.get(), Everything.V1);
        asV2.addSchema(Everything.V1);
        for (int i = 0; i < 300; i++) {
            Everything e = random(random);
            // the V2 writer's record: V1's fields, a value in the new field and, now and then, the new enum symbol
            GenericRecord r = new GenericData.Record(Everything.V2);
            GenericRecord v1 = asV2.decode(direct.encode("t", e, new RecordHeaders()));
            for (Schema.Field f : Everything.V1.getFields()) {
                r.put(f.name(), v1.get(f.name()));
            }
            r.put("extra", List.of("x" + i));
            boolean pink = i % 3 == 0;
            if (pink) {
                r.put("colour", new GenericData.EnumSymbol(Everything.V2.getField("colour").schema(), "pink"));
            }
            byte[] ahead = v2.encode(r).array();
            Everything viaDirect = direct.decode(ahead, new RecordHeaders());
            assertThat(viaDirect).isEqualTo(tree.decode(ahead, new RecordHeaders()));
            // the extra field is skipped, an unknown symbol takes the enum's default (Avro's rules)
            assertThat(viaDirect.colour()).isEqualTo(pink ? Colour.RED : e.colour());
            assertThat(viaDirect.lines()).isEqualTo(e.lines());
        }
    }

    @Test
    void bothPathsRefuseWhatTheSchemaCannotHold() throws Exception {
        Random random = new Random(7);
        Everything base = random(random);
        List<Everything> bad = List.of(
                with(base, "total", new BigDecimal("1.234")), // more places than the scale
                with(base, "fixedTotal", new BigDecimal("1e20")), // more than the fixed's 8 bytes
                with(base, "md5", new byte[] {1, 2, 3})); // a fixed of the wrong size
        for (Everything e : bad) {
            assertThatThrownBy(() -> direct.encode("t", e, new RecordHeaders())).isInstanceOf(AvroTypeException.class);
            assertThatThrownBy(() -> tree.encode("t", e, new RecordHeaders())).isInstanceOf(AvroTypeException.class);
        }
        byte[] good = direct.encode("t", base, new RecordHeaders());
        byte[] cut = Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> direct.decode(cut, new RecordHeaders())).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> tree.decode(cut, new RecordHeaders())).isInstanceOf(java.io.EOFException.class);
    }

    // ---- random payloads ----

    static Everything random(Random r) {
        List<Line> lines = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            lines.add(line(r));
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            counters.put(text(r), r.nextLong());
        }
        long millis = r.nextLong() % 4_000_000_000_000L;
        Instant at = Instant.ofEpochMilli(millis);
        Instant micros = Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1000L);
        return new Everything(new UUID(r.nextLong(), r.nextLong()), text(r), r.nextInt(), r.nextLong(),
                r.nextBoolean() ? null : r.nextInt(1000) - 500,
                at.atOffset(r.nextBoolean() ? ZoneOffset.UTC : ZoneOffset.ofHours(2)),
                micros.atOffset(ZoneOffset.UTC),
                LocalDate.ofEpochDay(r.nextInt(100_000) - 50_000),
                decimal(r, r.nextInt(3)), new BigDecimal(BigInteger.valueOf(r.nextLong() >> (12 + r.nextInt(40))), r.nextInt(4)),
                BigDecimal.valueOf(r.nextDouble() * 1e6), r.nextDouble(),
                BigDecimal.valueOf((double) (r.nextFloat() * 100)), r.nextBoolean(),
                bytes(r, r.nextInt(6)), bytes(r, 4),
                Colour.values()[r.nextInt(3)], r.nextBoolean() ? null : Colour.values()[r.nextInt(3)],
                lines, counters, r.nextBoolean() ? null : line(r),
                r.nextInt(3) == 0 ? null : text(r), r.nextBoolean() ? null : text(r));
    }

    private static Line line(Random r) {
        List<String> tags = r.nextBoolean() ? null : List.of(text(r), text(r));
        return new Line(text(r), r.nextInt(100), r.nextBoolean() ? null : decimal(r, 2), tags);
    }

    private static BigDecimal decimal(Random r, int scale) {
        BigInteger unscaled = BigInteger.valueOf(r.nextLong() >> r.nextInt(40));
        return new BigDecimal(unscaled, scale);
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String text(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            int kind = r.nextInt(10);
            s.append(kind < 7 ? (char) ('a' + r.nextInt(26)) : kind < 9 ? (char) (0xE0 + r.nextInt(30)) : "€");
        }
        return s.toString();
    }

    /** {@code e} with one member replaced, through the canonical constructor. */
    private static Everything with(Everything e, String member, Object value) {
        try {
            var comps = Everything.class.getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                args[i] = comps[i].getName().equals(member) ? value : comps[i].getAccessor().invoke(e);
            }
            return Everything.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
