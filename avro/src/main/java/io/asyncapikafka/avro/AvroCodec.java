package io.asyncapikafka.avro;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.PayloadCodec;
import io.asyncapikafka.runtime.PayloadFormat;
import io.asyncapikafka.runtime.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.header.Headers;

/**
 * The Avro payload codec of one message. The generated record is written straight to Avro binary and read straight
 * back ({@link Mapping#DIRECT}, a plan of the record class and schema made once, see {@code DirectDatum}); a type the
 * plan does not cover goes the plain way ({@link Mapping#JSON_TREE}: the runtime's Jackson mapper makes a JSON tree,
 * {@link AvroJson} an Avro generic datum of it). Either way Avro writes it in one of two framings:
 *
 * <ul>
 *   <li>{@link #singleObject single-object encoding} (Avro specification: {@code C3 01}, the writer schema's 64-bit
 *       CRC-64-AVRO fingerprint little-endian, the binary body); the reader finds the writer schema by fingerprint
 *       among the schemas it knows (the contract's, and older or newer versions given to it) and reads with Avro's
 *       schema resolution;
 *   <li>{@link #registry registry framing} (the Confluent/Apicurio serializers' wire format): magic byte {@code 0},
 *       the schema id as a 4-byte big-endian int, the binary body; or with {@code schemaIdLocation: header} the bare
 *       body and the id in the {@value #ID_HEADER} header (8-byte big-endian, Apicurio's header convention).
 * </ul>
 *
 * <p>Reading always resolves the writer's schema against the contract's (the reader's) schema, so a writer one version
 * ahead is read as Avro's resolution rules allow. Not thread-confined: Avro's encoders and decoders used here are.
 *
 * @param <V> the generated payload type
 */
public final class AvroCodec<V> implements PayloadCodec<V> {

    /** The header carrying the schema id when {@code schemaIdLocation} is {@code header}. */
    public static final String ID_HEADER = "apicurio.value.globalId";
    private static final byte MAGIC = 0;
    /** Avro single-object encoding: the 2 marker bytes and the 8-byte CRC-64-AVRO fingerprint. */
    private static final int SINGLE_OBJECT_HEADER = 10;
    // Avro's buffered encoder and array decoder hold a buffer each: reused per thread, as Avro recommends
    private static final ThreadLocal<BinaryEncoder> ENCODERS = new ThreadLocal<>();
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    /** How the record becomes an Avro datum. */
    public enum Mapping {
        /** Straight from the record's members to Avro's encoder and back from its (resolving) decoder. */
        DIRECT,
        /** Through the runtime's JSON tree and an Avro generic datum: the plain way, for any payload type. */
        JSON_TREE
    }

    private final Class<V> type;
    private final Schema schema;
    private final Framing framing;
    private final DirectDatum<V> direct; // null on the JSON-tree path
    private final DatumWriter<Object> writer;
    private final Map<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    private sealed interface Framing permits SingleObject, Registry {}

    /** {@code header}: C3 01 and the contract schema's fingerprint; {@code writers}: the known schemas by fingerprint. */
    private record SingleObject(byte[] header, Map<Long, Schema> writers) implements Framing {}

    private record Registry(SchemaRegistryClient client, boolean idInHeader, Subject subject) implements Framing {}

    /**
     * The registry subject a record's schema is registered under, as the Kafka message binding's
     * {@code schemaLookupStrategy} names it (Confluent's and Apicurio's names of the same strategies).
     */
    public enum Subject {
        /** {@code <topic>-value}: TopicNameStrategy, TopicIdStrategy (the serializers' default). */
        TOPIC,
        /** {@code <record full name>}: RecordNameStrategy, RecordIdStrategy. */
        RECORD,
        /** {@code <topic>-<record full name>}: TopicRecordNameStrategy, TopicRecordIdStrategy. */
        TOPIC_RECORD,
        /** {@code <topic>}: Apicurio's SimpleTopicIdStrategy. */
        SIMPLE_TOPIC;

        /** The strategy a {@code schemaLookupStrategy} names ({@code null}: the default), or empty for another name. */
        public static java.util.Optional<Subject> of(String lookupStrategy) {
            if (lookupStrategy == null) {
                return java.util.Optional.of(TOPIC);
            }
            return java.util.Optional.ofNullable(switch (lookupStrategy) {
                case "TopicNameStrategy", "TopicIdStrategy" -> TOPIC;
                case "RecordNameStrategy", "RecordIdStrategy" -> RECORD;
                case "TopicRecordNameStrategy", "TopicRecordIdStrategy" -> TOPIC_RECORD;
                case "SimpleTopicIdStrategy" -> SIMPLE_TOPIC;
                default -> null;
            });
        }

        /** The registry subject of {@code schema} on {@code topic}. */
        public String subject(String topic, Schema schema) {
            return switch (this) {
                case TOPIC -> topic + "-value";
                case RECORD -> schema.getFullName();
                case TOPIC_RECORD -> topic + "-" + schema.getFullName();
                case SIMPLE_TOPIC -> topic;
            };
        }
    }

    @SuppressWarnings("unchecked")
    private AvroCodec(Class<V> type, Schema schema, Mapping mapping, List<Schema> others, SchemaRegistryClient client,
            boolean idInHeader, Subject subject) {
        this.type = Objects.requireNonNull(type, "type");
        this.schema = Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(mapping, "mapping");
        this.direct = mapping == Mapping.DIRECT ? DirectDatum.of(type, schema).orElseThrow(() ->
                new IllegalArgumentException(type.getName() + " has no direct mapping to Avro schema "
                        + schema.getFullName() + "; use the JSON-tree mapping")) : null;
        this.writer = direct != null ? (DatumWriter<Object>) direct.writer() : new GenericDatumWriter<>(schema);
        if (client == null) {
            Map<Long, Schema> writers = new java.util.HashMap<>();
            writers.put(SchemaNormalization.parsingFingerprint64(schema), schema);
            others.forEach(o -> writers.putIfAbsent(SchemaNormalization.parsingFingerprint64(o), o));
            byte[] header = new byte[SINGLE_OBJECT_HEADER];
            header[0] = (byte) 0xC3;
            header[1] = (byte) 0x01;
            ByteBuffer.wrap(header, 2, 8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(SchemaNormalization.parsingFingerprint64(schema));
            this.framing = new SingleObject(header, Map.copyOf(writers));
        } else {
            this.framing = new Registry(client, idInHeader, Objects.requireNonNull(subject, "subject"));
        }
    }

    /** The mapping {@code type} gets by default: direct when every member has a direct mapping, else the JSON tree. */
    public static Mapping defaultMapping(Class<?> type, Schema schema) {
        return DirectDatum.of(type, schema).isPresent() ? Mapping.DIRECT : Mapping.JSON_TREE;
    }

    /**
     * Single-object encoding with {@code schema} as writer and reader schema; the reader also knows {@code others}
     * (older or newer versions of the schema) as writer schemas, by fingerprint.
     */
    public static <V> AvroCodec<V> singleObject(Class<V> type, Schema schema, List<Schema> others) {
        return singleObject(type, schema, others, defaultMapping(type, schema));
    }

    /** {@link #singleObject(Class, Schema, List)} with the mapping given (DIRECT fails for a type it cannot map). */
    public static <V> AvroCodec<V> singleObject(Class<V> type, Schema schema, List<Schema> others, Mapping mapping) {
        return new AvroCodec<>(type, schema, mapping, List.copyOf(others), null, false, null);
    }

    /** Registry framing against {@code client}; the id in the payload, or in {@value #ID_HEADER} when asked. */
    public static <V> AvroCodec<V> registry(Class<V> type, Schema schema, SchemaRegistryClient client,
            boolean idInHeader) {
        return registry(type, schema, client, idInHeader, defaultMapping(type, schema));
    }

    /** {@link #registry(Class, Schema, SchemaRegistryClient, boolean)} with the mapping given. */
    public static <V> AvroCodec<V> registry(Class<V> type, Schema schema, SchemaRegistryClient client,
            boolean idInHeader, Mapping mapping) {
        return registry(type, schema, client, idInHeader, mapping, Subject.TOPIC);
    }

    /** The registry framing with the subject strategy given. */
    public static <V> AvroCodec<V> registry(Class<V> type, Schema schema, SchemaRegistryClient client,
            boolean idInHeader, Mapping mapping, Subject subject) {
        return new AvroCodec<>(type, schema, mapping, List.of(), Objects.requireNonNull(client, "client"),
                idInHeader, subject);
    }

    /** The contract's schema: writer schema when sending, reader schema when receiving. */
    public Schema schema() {
        return schema;
    }

    /** How records become Avro data in this codec. */
    public Mapping mapping() {
        return direct != null ? Mapping.DIRECT : Mapping.JSON_TREE;
    }

    @Override
    public String contentType() {
        return PayloadFormat.AVRO;
    }

    @Override
    public byte[] encode(String topic, V payload, Headers headers) throws IOException {
        Object datum = direct != null ? Objects.requireNonNull(payload, "payload")
                : AvroJson.toAvro(Json.mapper().valueToTree(payload), schema);
        if (framing instanceof SingleObject so) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(so.header());
            return body(datum, out);
        }
        Registry r = (Registry) framing;
        int id = r.client().idOf(r.subject().subject(topic, schema), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (r.idInHeader()) {
            headers.remove(ID_HEADER);
            headers.add(ID_HEADER, ByteBuffer.allocate(8).putLong(id).array());
        } else {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
        }
        return body(datum, out);
    }

    /** The framing bytes already in {@code out}, then the Avro binary body of {@code datum}. */
    private byte[] body(Object datum, ByteArrayOutputStream out) throws IOException {
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, ENCODERS.get());
        ENCODERS.set(enc);
        writer.write(datum, enc);
        enc.flush();
        return out.toByteArray();
    }

    @Override
    public V decode(byte[] value, Headers headers) throws IOException {
        Schema writerSchema;
        int offset;
        String what;
        if (framing instanceof SingleObject so) {
            // the specification's marker C3 01 then the writer's fingerprint, little-endian (Avro's own exceptions:
            // BadHeaderException, MissingSchemaException); a body cut short is an EOFException from the decoder
            if (value.length < SINGLE_OBJECT_HEADER || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
                throw new BadHeaderException("value is not Avro single-object encoded (marker C3 01 and an 8-byte"
                        + " fingerprint): " + value.length + " bytes" + (value.length > 1
                        ? String.format(", first %02X %02X", value[0], value[1]) : ""));
            }
            long fingerprint = ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            writerSchema = so.writers().get(fingerprint);
            if (writerSchema == null) {
                throw new MissingSchemaException("Cannot resolve schema for fingerprint: " + fingerprint
                        + " (not the contract's schema of " + schema.getFullName() + " nor a version it lists)");
            }
            offset = SINGLE_OBJECT_HEADER;
            what = "fingerprint " + fingerprint;
        } else {
            Registry r = (Registry) framing;
            int id;
            if (r.idInHeader()) {
                var h = headers.lastHeader(ID_HEADER);
                if (h == null || h.value() == null || h.value().length != 8) {
                    throw new IOException("record has no 8-byte " + ID_HEADER + " header naming its schema");
                }
                id = Math.toIntExact(ByteBuffer.wrap(h.value()).getLong());
                offset = 0;
            } else {
                if (value.length < 5 || value[0] != MAGIC) {
                    throw new IOException("value is not in the registry framing (magic byte 0, 4-byte schema id): "
                            + value.length + " bytes" + (value.length > 0 ? ", first " + value[0] : ""));
                }
                id = ByteBuffer.wrap(value, 1, 4).getInt();
                offset = 5;
            }
            writerSchema = r.client().schemaById(id);
            what = "schema " + id;
        }
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, DECODERS.get());
        DECODERS.set(dec);
        Object datum = readers.computeIfAbsent(writerSchema, this::readerOf).read(null, dec);
        if (!dec.isEnd()) {
            throw new IOException("value has bytes after the Avro body of " + what);
        }
        if (direct != null) {
            return type.cast(datum);
        }
        JsonNode tree = AvroJson.toJson(datum, schema);
        return Json.mapper().treeToValue(tree, type);
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerOf(Schema writerSchema) {
        return direct != null ? (DatumReader<Object>) direct.reader(writerSchema)
                : new GenericDatumReader<>(writerSchema, schema);
    }
}
