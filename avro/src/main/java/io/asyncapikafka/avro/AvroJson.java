package io.asyncapikafka.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps a payload's JSON tree (as the runtime's Jackson mapper writes the generated record) onto an Avro generic datum
 * of a schema, and back. The mapping is the reader's (asyncapi-model AvroSchemaReader): Avro {@code int}/{@code long}
 * ↔ JSON integers, {@code timestamp-millis}/{@code -micros} ↔ RFC 3339 date-times, {@code date} ↔ full dates,
 * {@code decimal} ↔ JSON decimals, {@code bytes}/{@code fixed} ↔ base64, enums ↔ symbols, {@code [null, T]} ↔ null or T.
 * Binary encoding, framing and schema resolution are Avro's own.
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private AvroJson() {}

    /** The datum of {@code schema} for {@code json}; a JSON value the schema cannot hold is an {@link AvroTypeException}. */
    static Object toAvro(JsonNode json, Schema schema) {
        JsonNode n = json == null ? NODES.nullNode() : json;
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL:
                if (!n.isNull()) {
                    throw mismatch(n, schema);
                }
                return null;
            case UNION:
                for (Schema branch : schema.getTypes()) {
                    if (fits(n, branch)) {
                        return toAvro(n, branch);
                    }
                }
                throw mismatch(n, schema);
            case RECORD:
                if (!n.isObject()) {
                    throw mismatch(n, schema);
                }
                GenericData.Record r = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) {
                    JsonNode v = n.get(f.name());
                    if (v == null && f.hasDefaultValue()) {
                        r.put(f.pos(), GenericData.get().getDefaultValue(f));
                    } else {
                        r.put(f.pos(), toAvro(v, f.schema()));
                    }
                }
                return r;
            case ENUM:
                if (!n.isTextual() || !schema.hasEnumSymbol(n.textValue())) {
                    throw mismatch(n, schema);
                }
                return new GenericData.EnumSymbol(schema, n.textValue());
            case ARRAY:
                if (!n.isArray()) {
                    throw mismatch(n, schema);
                }
                List<Object> items = new ArrayList<>(n.size());
                for (JsonNode item : n) {
                    items.add(toAvro(item, schema.getElementType()));
                }
                return new GenericData.Array<>(schema, items);
            case MAP:
                if (!n.isObject()) {
                    throw mismatch(n, schema);
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), toAvro(e.getValue(), schema.getValueType()));
                }
                return map;
            case STRING:
                if (!n.isTextual()) {
                    throw mismatch(n, schema);
                }
                return n.textValue();
            case BYTES:
                return ByteBuffer.wrap(bytes(n, logical, schema));
            case FIXED:
                byte[] b = bytes(n, logical, schema);
                if (b.length != schema.getFixedSize()) {
                    if (logical instanceof LogicalTypes.Decimal && b.length < schema.getFixedSize()) {
                        b = signExtend(b, schema.getFixedSize());
                    } else {
                        throw new AvroTypeException("fixed " + schema.getFullName() + " needs " + schema.getFixedSize()
                                + " bytes, got " + b.length);
                    }
                }
                return new GenericData.Fixed(schema, b);
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return Math.toIntExact(LocalDate.parse(text(n, schema)).toEpochDay());
                }
                if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                    throw mismatch(n, schema);
                }
                return n.intValue();
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return OffsetDateTime.parse(text(n, schema)).toInstant().toEpochMilli();
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return ChronoUnit.MICROS.between(Instant.EPOCH, OffsetDateTime.parse(text(n, schema)).toInstant());
                }
                if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                    throw mismatch(n, schema);
                }
                return n.longValue();
            case FLOAT:
                if (!n.isNumber()) {
                    throw mismatch(n, schema);
                }
                return n.floatValue();
            case DOUBLE:
                if (!n.isNumber()) {
                    throw mismatch(n, schema);
                }
                return n.doubleValue();
            case BOOLEAN:
                if (!n.isBoolean()) {
                    throw mismatch(n, schema);
                }
                return n.booleanValue();
            default:
                throw mismatch(n, schema);
        }
    }

    /** The JSON tree of an Avro datum of {@code schema} (the reader's schema after resolution). */
    static JsonNode toJson(Object datum, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL:
                return NODES.nullNode();
            case UNION:
                int i = GenericData.get().resolveUnion(schema, datum);
                return toJson(datum, schema.getTypes().get(i));
            case RECORD:
                GenericRecord r = (GenericRecord) datum;
                ObjectNode o = NODES.objectNode();
                for (Schema.Field f : schema.getFields()) {
                    o.set(f.name(), toJson(r.get(f.pos()), f.schema()));
                }
                return o;
            case ENUM:
            case STRING:
                return NODES.textNode(datum.toString());
            case ARRAY:
                ArrayNode a = NODES.arrayNode();
                for (Object item : (Iterable<?>) datum) {
                    a.add(toJson(item, schema.getElementType()));
                }
                return a;
            case MAP:
                ObjectNode m = NODES.objectNode();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    m.set(e.getKey().toString(), toJson(e.getValue(), schema.getValueType()));
                }
                return m;
            case BYTES:
            case FIXED:
                byte[] b;
                if (datum instanceof ByteBuffer buf) {
                    ByteBuffer copy = buf.duplicate();
                    b = new byte[copy.remaining()];
                    copy.get(b);
                } else {
                    b = ((GenericFixed) datum).bytes();
                }
                if (logical instanceof LogicalTypes.Decimal d) {
                    return NODES.numberNode(new BigDecimal(new BigInteger(b), d.getScale()));
                }
                // base64 text, as the payload's JSON carries bytes (the runtime's strict reader refuses a binary node)
                return NODES.textNode(java.util.Base64.getEncoder().encodeToString(b));
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return NODES.textNode(LocalDate.ofEpochDay((Integer) datum).toString());
                }
                return NODES.numberNode((Integer) datum);
            case LONG:
                long l = (Long) datum;
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            Instant.ofEpochMilli(l).atOffset(ZoneOffset.UTC)));
                }
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            Instant.EPOCH.plus(l, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC)));
                }
                return NODES.numberNode(l);
            case FLOAT:
                return NODES.numberNode((Float) datum);
            case DOUBLE:
                return NODES.numberNode((Double) datum);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) datum);
            default:
                throw new AvroTypeException("unexpected Avro type " + schema.getType());
        }
    }

    /** Whether a JSON value can be a datum of {@code branch} (picks the union branch; {@code [null, T]} in practice). */
    private static boolean fits(JsonNode n, Schema branch) {
        return switch (branch.getType()) {
            case NULL -> n.isNull();
            case RECORD, MAP -> n.isObject();
            case ARRAY -> n.isArray();
            case BOOLEAN -> n.isBoolean();
            case INT, LONG -> branch.getLogicalType() != null ? n.isTextual() : n.isIntegralNumber();
            case FLOAT, DOUBLE -> n.isNumber();
            case BYTES, FIXED -> branch.getLogicalType() instanceof LogicalTypes.Decimal ? n.isNumber() : n.isTextual()
                    || n.isBinary();
            case ENUM -> n.isTextual() && branch.hasEnumSymbol(n.textValue());
            case STRING -> n.isTextual();
            default -> false;
        };
    }

    private static byte[] bytes(JsonNode n, LogicalType logical, Schema schema) {
        if (logical instanceof LogicalTypes.Decimal d) {
            if (!n.isNumber()) {
                throw mismatch(n, schema);
            }
            BigDecimal v = n.decimalValue();
            if (v.scale() > d.getScale()) {
                throw new AvroTypeException(v + " has more than the " + d.getScale() + " decimal places of " + schema);
            }
            return v.setScale(d.getScale()).unscaledValue().toByteArray();
        }
        try {
            if (n.isBinary() || n.isTextual()) {
                return n.binaryValue();
            }
        } catch (IOException e) {
            throw new AvroTypeException("not base64: " + e.getMessage());
        }
        throw mismatch(n, schema);
    }

    private static byte[] signExtend(byte[] b, int size) {
        byte[] out = new byte[size];
        byte fill = b.length > 0 && b[0] < 0 ? (byte) 0xFF : 0;
        java.util.Arrays.fill(out, 0, size - b.length, fill);
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    private static String text(JsonNode n, Schema schema) {
        if (!n.isTextual()) {
            throw mismatch(n, schema);
        }
        return n.textValue();
    }

    private static AvroTypeException mismatch(JsonNode n, Schema schema) {
        return new AvroTypeException("JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " is not a datum of Avro schema " + schema);
    }
}
