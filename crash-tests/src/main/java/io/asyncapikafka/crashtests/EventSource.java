package io.asyncapikafka.crashtests;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the events of the test at a steady rate over {@code produceSeconds}, through broker kills (idempotent
 * producer, long delivery timeout), and remembers which sends the broker acknowledged: only those are expected.
 *
 * <p>Per sequence number: every 97th a poison record (not JSON), every 89th an event whose handler always fails,
 * every 83rd one that fails on its first attempt; the rest are normal. 300 sends later, every 41st normal event is
 * sent again with the same bytes (an exact duplicate: same event id), and every 53rd gets a business-key duplicate
 * (another event id, the same order number and record key, so the same partition, after the original).
 */
final class EventSource {

    /** What one send is for the checker. */
    enum Kind {
        NORMAL,
        TRANSIENT,
        PERMANENT,
        POISON,
        EXACT_DUPLICATE,
        BUSINESS_KEY_DUPLICATE
    }

    /** One send: its kind and its identity (the event id, or the poison value). */
    record Send(Kind kind, String identity) {}

    private final List<Send> acked = Collections.synchronizedList(new ArrayList<>());
    private final List<Send> failed = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean finished;

    private EventSource() {}

    static EventSource start(String bootstrap, int events, int produceSeconds, PrintStream out) {
        EventSource source = new EventSource();
        Thread t = new Thread(() -> source.produce(bootstrap, events, produceSeconds, out), "event-source");
        t.setDaemon(true);
        t.start();
        return source;
    }

    private void produce(String bootstrap, int events, int produceSeconds, PrintStream out) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        long t0 = System.nanoTime();
        TreeMap<Integer, List<ProducerRecord<byte[], byte[]>>> later = new TreeMap<>();
        TreeMap<Integer, List<Send>> laterSends = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            double perSecond = events / (double) produceSeconds;
            for (int seq = 0; seq < events; seq++) {
                String order = "o-" + seq;
                Kind kind = seq % 97 == 0 ? Kind.POISON : seq % 89 == 1 ? Kind.PERMANENT
                        : seq % 83 == 2 ? Kind.TRANSIENT : Kind.NORMAL;
                String id = "e-" + seq;
                byte[] value = kind == Kind.POISON
                        ? ("{not json: poison-" + seq).getBytes(StandardCharsets.UTF_8)
                        : json(id, order, kind == Kind.NORMAL ? "normal" : kind.name().toLowerCase(Locale.ROOT), seq);
                String identity = kind == Kind.POISON ? new String(value, StandardCharsets.UTF_8) : id;
                var record = new ProducerRecord<>(CrashTest.TOPIC, bytes(order), value);
                send(producer, record, new Send(kind, identity));
                if (kind == Kind.NORMAL && seq % 41 == 3) {
                    later.computeIfAbsent(seq + 300, k -> new ArrayList<>()).add(record);
                    laterSends.computeIfAbsent(seq + 300, k -> new ArrayList<>()).add(new Send(Kind.EXACT_DUPLICATE, id));
                }
                if (kind == Kind.NORMAL && seq % 53 == 4) {
                    String dupId = id + "-bk";
                    later.computeIfAbsent(seq + 300, k -> new ArrayList<>()).add(new ProducerRecord<>(CrashTest.TOPIC,
                            bytes(order), json(dupId, order, "normal", seq)));
                    laterSends.computeIfAbsent(seq + 300, k -> new ArrayList<>())
                            .add(new Send(Kind.BUSINESS_KEY_DUPLICATE, dupId));
                }
                flushDue(producer, seq, later, laterSends);
                // pace: seq events should have gone out after seq / perSecond seconds
                long ahead = (long) (seq / perSecond * 1000) - (long) (CrashTest.secondsSince(t0) * 1000);
                if (ahead > 5) {
                    Thread.sleep(ahead);
                }
            }
            flushDue(producer, Integer.MAX_VALUE, later, laterSends);
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.printf(Locale.ROOT, "  source: %d sends acknowledged, %d failed, in %.1f s%n", acked.size(), failed.size(),
                    CrashTest.secondsSince(t0));
            finished = true;
            done.countDown();
        }
    }

    private void flushDue(KafkaProducer<byte[], byte[]> producer, int seq,
            TreeMap<Integer, List<ProducerRecord<byte[], byte[]>>> later, TreeMap<Integer, List<Send>> laterSends) {
        while (!later.isEmpty() && later.firstKey() <= seq) {
            var records = later.pollFirstEntry().getValue();
            var sends = laterSends.pollFirstEntry().getValue();
            for (int i = 0; i < records.size(); i++) {
                send(producer, records.get(i), sends.get(i));
            }
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, Send send) {
        producer.send(record, (md, e) -> (e == null ? acked : failed).add(send));
    }

    private static byte[] json(String id, String order, String kind, int seq) {
        return ("{\"eventId\":\"" + id + "\",\"orderNo\":\"" + order + "\",\"kind\":\"" + kind + "\",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    boolean isDone() {
        return finished;
    }

    void awaitDone() throws InterruptedException {
        done.await();
    }

    /** The acknowledged sends. */
    List<Send> plan() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }
}
