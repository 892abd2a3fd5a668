package io.asyncapikafka.crashtests;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the pipeline's {@code OrderPlaced} inputs to {@code orders.v1} at a steady rate over {@code produceSeconds},
 * through broker kills (idempotent, long delivery timeout), and remembers which the broker acknowledged: only those
 * are expected on {@code billing.v1}. Each carries {@code ce_id} = its order id, so a redelivery is the same event.
 */
final class PipelineSource {

    private final List<String> acked = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean finished;

    private PipelineSource() {}

    static PipelineSource start(String bootstrap, int events, int produceSeconds, PrintStream out) {
        PipelineSource source = new PipelineSource();
        Thread t = new Thread(() -> source.produce(bootstrap, events, produceSeconds, out), "pipeline-source");
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
        int failed = 0;
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            double perSecond = events / (double) produceSeconds;
            for (int seq = 0; seq < events; seq++) {
                String orderId = "order-" + seq;
                byte[] value = ("{\"orderId\":\"" + orderId + "\",\"seq\":" + seq + ",\"amountCents\":" + (100 + seq)
                        + "}").getBytes(StandardCharsets.UTF_8);
                RecordHeaders headers = new RecordHeaders();
                headers.add("ce_id", orderId.getBytes(StandardCharsets.UTF_8));
                headers.add("ce_type", "OrderPlaced".getBytes(StandardCharsets.UTF_8));
                var record = new ProducerRecord<>(PipelineCrashTest.INPUT, null,
                        orderId.getBytes(StandardCharsets.UTF_8), value, headers);
                producer.send(record, (md, e) -> (e == null ? acked : failures).add(orderId));
                long ahead = (long) (seq / perSecond * 1000) - (long) (CrashTest.secondsSince(t0) * 1000);
                if (ahead > 5) {
                    Thread.sleep(ahead);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failed = failures.size();
            out.printf(Locale.ROOT, "  source: %d inputs acknowledged, %d failed, in %.1f s%n", acked.size(), failed,
                    CrashTest.secondsSince(t0));
            finished = true;
            done.countDown();
        }
    }

    boolean isDone() {
        return finished;
    }

    void awaitDone() throws InterruptedException {
        done.await();
    }

    /** The acknowledged order ids. */
    List<String> acked() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }
}
