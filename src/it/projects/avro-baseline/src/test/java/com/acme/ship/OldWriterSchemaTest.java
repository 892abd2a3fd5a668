package com.acme.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * A record the released version (the baseline, compat/v1) wrote, in Avro's single-object encoding, written here by
 * Avro itself with that version's .avsc: the reader generated with the baseline knows its fingerprint and reads it by
 * Avro's resolution rules (int promoted to long, the new field's default); the one generated without it refuses it.
 */
class OldWriterSchemaTest {

    private static byte[] writtenByTheReleasedVersion(String id, int parcels) throws IOException {
        Schema released = new Schema.Parser().parse(new File("compat/v1/shipment.avsc"));
        GenericRecord r = new GenericData.Record(released);
        r.put("id", id);
        r.put("parcels", parcels);
        ByteBuffer b = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(r);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void theReaderGeneratedWithTheBaselineReadsARecordTheReleasedVersionWrote() throws Exception {
        com.acme.ship.current.model.Shipment s = com.acme.ship.current.kafka.Messages.SHIPMENT
                .readPayload(writtenByTheReleasedVersion("s-1", 3), new RecordHeaders());
        assertEquals("s-1", s.id());
        assertEquals(3L, s.parcels());
        assertEquals("POST", s.carrier());
    }

    @Test
    void theReaderGeneratedWithoutTheBaselineDoesNotKnowTheReleasedSchema() throws Exception {
        byte[] old = writtenByTheReleasedVersion("s-2", 1);
        assertThrows(MissingSchemaException.class,
                () -> com.acme.ship.plain.kafka.Messages.SHIPMENT.readPayload(old, new RecordHeaders()));
    }
}
