package io.asyncapikafka.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Avro single-object encoding and schema resolution through Avro's own library. */
class AvroCodecTest {

    static final Shipment SHIPMENT = new Shipment("s-1", 3,
            OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000, ZoneOffset.UTC), "fragile");

    @Test
    void singleObjectEncodingIsTheSpecificationsMarkerFingerprintAndBody() throws Exception {
        AvroCodec<Shipment> codec = AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of());
        byte[] bytes = codec.encode("t", SHIPMENT, new RecordHeaders());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(Shipment.V1));
        assertThat(codec.decode(bytes, new RecordHeaders())).isEqualTo(SHIPMENT);
        assertThat(codec.contentType()).isEqualTo("application/vnd.apache.avro");
    }

    @Test
    void theFramingIsAvrosOwnSingleObjectEncodingAndTrailingBytesAreRefused() throws Exception {
        for (AvroCodec.Mapping mapping : AvroCodec.Mapping.values()) {
            AvroCodec<Shipment> codec = AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of(), mapping);
            byte[] bytes = codec.encode("t", SHIPMENT, new RecordHeaders());
            // the same bytes as Avro's BinaryMessageEncoder, and Avro's BinaryMessageDecoder reads them
            org.apache.avro.generic.GenericRecord r = new org.apache.avro.message.BinaryMessageDecoder<
                    org.apache.avro.generic.GenericRecord>(org.apache.avro.generic.GenericData.get(), Shipment.V1)
                    .decode(bytes);
            ByteBuffer avro = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                    org.apache.avro.generic.GenericData.get(), Shipment.V1).encode(r);
            assertThat(bytes).as(mapping.name()).isEqualTo(Arrays.copyOfRange(avro.array(), avro.arrayOffset(),
                    avro.arrayOffset() + avro.remaining()));
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThatThrownBy(() -> codec.decode(longer, new RecordHeaders())).as(mapping.name())
                    .hasMessageContaining("bytes after the Avro body");
        }
    }

    @Test
    void aWriterOneVersionAheadIsReadWithAvroSchemaResolution() throws Exception {
        AvroCodec<Shipment> writerV2 = AvroCodec.singleObject(Shipment.class, Shipment.V2, List.of());
        byte[] v2 = writerV2.encode("t", SHIPMENT, new RecordHeaders());
        // the reader holds V1 and knows V2 (a newer contract's schema): the extra field is skipped
        AvroCodec<Shipment> readerV1 = AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of(Shipment.V2));
        assertThat(readerV1.decode(v2, new RecordHeaders())).isEqualTo(SHIPMENT);
        // a V1 record read by a V2 reader gets the default
        AvroCodec<Shipment> readerV2 = AvroCodec.singleObject(Shipment.class, Shipment.V2, List.of(Shipment.V1));
        byte[] v1 = readerV1.encode("t", SHIPMENT, new RecordHeaders());
        assertThat(readerV2.decode(v1, new RecordHeaders())).isEqualTo(SHIPMENT);
    }

    @Test
    void unknownFingerprintNotSingleObjectAndTruncatedBodiesAreRefused() throws Exception {
        AvroCodec<Shipment> writerV2 = AvroCodec.singleObject(Shipment.class, Shipment.V2, List.of());
        AvroCodec<Shipment> readerV1 = AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of());
        byte[] v2 = writerV2.encode("t", SHIPMENT, new RecordHeaders());
        assertThatThrownBy(() -> readerV1.decode(v2, new RecordHeaders())).isInstanceOf(MissingSchemaException.class);
        assertThatThrownBy(() -> readerV1.decode("{\"id\":\"s-1\"}".getBytes(), new RecordHeaders()))
                .isInstanceOf(BadHeaderException.class);
        byte[] v1 = readerV1.encode("t", SHIPMENT, new RecordHeaders());
        assertThatThrownBy(() -> readerV1.decode(Arrays.copyOf(v1, v1.length - 4), new RecordHeaders()))
                .isInstanceOf(Exception.class);
    }

    @Test
    void aPayloadTheSchemaCannotHoldIsNotSent() {
        AvroCodec<Shipment> codec = AvroCodec.singleObject(Shipment.class, Shipment.V1, List.of());
        org.apache.avro.Schema wrong = new org.apache.avro.Schema.Parser().parse("""
                {"type":"record","name":"Shipment","fields":[{"name":"id","type":"int"}]}""");
        AvroCodec<Shipment> mismatched = AvroCodec.singleObject(Shipment.class, wrong, List.of());
        assertThatThrownBy(() -> mismatched.encode("t", SHIPMENT, new RecordHeaders()))
                .isInstanceOf(org.apache.avro.AvroTypeException.class).hasMessageContaining("string");
        assertThat(codec).isNotNull();
    }
}
