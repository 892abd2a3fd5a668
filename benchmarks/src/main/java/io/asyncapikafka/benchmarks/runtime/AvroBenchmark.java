package io.asyncapikafka.benchmarks.runtime;

import io.asyncapikafka.avro.AvroCodec;
import io.asyncapikafka.benchmarks.Stats;
import io.asyncapikafka.benchmarks.Table;
import io.asyncapikafka.benchmarks.order.kafka.Messages;
import io.asyncapikafka.benchmarks.order.model.OrderPlaced;
import io.asyncapikafka.benchmarks.order.model.OrderPlacedHeaders;
import io.asyncapikafka.runtime.MessageType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * AVRO row: the benchmark payload (OrderPlaced, the runtime benchmark's workload) as JSON (the generated message
 * type's Jackson writer and reader) and as Avro (the same generated record through asyncapi-kafka-avro's codec,
 * single-object encoding; the registry framing is the same body with 5 framing bytes instead of 10). Bytes per record
 * and single-thread microseconds to encode and to decode, median of rounds after warm-up. Each decoded record is
 * checked equal to the original once, so the two paths are known to carry the same value.
 */
public final class AvroBenchmark {

    /** The contract's OrderPlaced written as Avro: decimals with the payload's scale 2, the timestamp in millis. */
    static final Schema ORDER_PLACED = new Schema.Parser().parse("""
            {"type":"record","name":"OrderPlaced","namespace":"io.asyncapikafka.benchmarks","fields":[
              {"name":"eventId","type":{"type":"string","logicalType":"uuid"}},
              {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"orderId","type":"string"},
              {"name":"customerId","type":"string"},
              {"name":"status","type":{"type":"enum","name":"OrderPlacedStatus",
                "symbols":["NEW","PAID","SHIPPED","CANCELLED"]}},
              {"name":"currency","type":"string"},
              {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}},
              {"name":"lines","type":{"type":"array","items":{"type":"record","name":"OrderLine","fields":[
                {"name":"sku","type":"string"},
                {"name":"qty","type":"int"},
                {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2}}]}}}]}""");

    private static final String TOPIC = "bench.orders.v1";

    private final int records;
    private final int rounds;
    private final PrintStream out;

    public AvroBenchmark(int records, int rounds, PrintStream out) {
        this.records = records;
        this.rounds = rounds;
        this.out = out;
    }

    public void run() throws Exception {
        Workload workload = Workload.create(records);
        MessageType<String, OrderPlaced, OrderPlacedHeaders> json = Messages.ORDER_PLACED;
        MessageType<String, OrderPlaced, OrderPlacedHeaders> avro = Messages.ORDER_PLACED
                .withPayloadCodec(AvroCodec.singleObject(OrderPlaced.class, ORDER_PLACED, List.of()));
        byte[][] jsonBytes = new byte[records][];
        byte[][] avroBytes = new byte[records][];
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < records; i++) {
            jsonBytes[i] = json.writePayload(workload.order(i));
            avroBytes[i] = avro.writePayload(TOPIC, workload.order(i), headers);
            if (!avro.readPayload(avroBytes[i], headers).equals(workload.order(i))
                    || !json.readPayload(jsonBytes[i]).equals(workload.order(i))) {
                throw new IllegalStateException("record " + i + " does not survive the round trip");
            }
        }
        List<Double> je = new ArrayList<>();
        List<Double> jd = new ArrayList<>();
        List<Double> ae = new ArrayList<>();
        List<Double> ad = new ArrayList<>();
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long sink = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += json.writePayload(workload.order(i)).length;
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += json.readPayload(jsonBytes[i]).lines().size();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += avro.writePayload(TOPIC, workload.order(i), headers).length;
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += avro.readPayload(avroBytes[i], headers).lines().size();
            }
            long t4 = System.nanoTime();
            if (sink == 42) {
                out.print(""); // keeps the loops' results alive
            }
            if (r >= 0) {
                je.add((t1 - t0) / 1e3 / records);
                jd.add((t2 - t1) / 1e3 / records);
                ae.add((t3 - t2) / 1e3 / records);
                ad.add((t4 - t3) / 1e3 / records);
            }
        }
        out.printf("%nAVRO: the benchmark payload as JSON and as Avro (single-object encoding), %,d records, median of"
                + " %d rounds after 2 warm-up rounds; single thread, us per record%n", records, rounds);
        Table t = Table.of("format", "bytes/record", "encode us", "decode us");
        t.row("JSON (Jackson, generated record)", String.format("%.1f", mean(jsonBytes)),
                String.format("%.2f", Stats.median(je)), String.format("%.2f", Stats.median(jd)));
        t.row("Avro single-object (asyncapi-kafka-avro)", String.format("%.1f", mean(avroBytes)),
                String.format("%.2f", Stats.median(ae)), String.format("%.2f", Stats.median(ad)));
        out.print(t.render());
    }

    private static double mean(byte[][] values) {
        long sum = 0;
        for (byte[] v : values) {
            sum += v.length;
        }
        return (double) sum / values.length;
    }
}
