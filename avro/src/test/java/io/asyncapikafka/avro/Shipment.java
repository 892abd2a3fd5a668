package io.asyncapikafka.avro;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.apache.avro.Schema;

/** A payload shaped like a generated record (required members checked, optional ones nullable). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Shipment(String id, int parcels, OffsetDateTime shippedAt, String note) {

    public Shipment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shippedAt, "shippedAt");
    }

    /** Version 1, the contract's. */
    public static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Shipment","namespace":"com.example","fields":[
              {"name":"id","type":"string"},
              {"name":"parcels","type":"int"},
              {"name":"shippedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"note","type":["null","string"],"default":null}]}""");

    /** Version 2, one ahead: a new field with a default, parcels widened to long. */
    public static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Shipment","namespace":"com.example","fields":[
              {"name":"id","type":"string"},
              {"name":"parcels","type":"int"},
              {"name":"shippedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"carrier","type":"string","default":"POST"}]}""");

    public static MessageType<String, Shipment, Void> type(AvroCodec<Shipment> codec) {
        return MessageType.of("Shipment", Shipment.class, KeyCodec.string(), HeadersCodec.none())
                .withPayloadCodec(codec);
    }
}
