package io.asyncapikafka.model.bench;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: reads a generated 500-channel contract (with shared component messages and schemas, so references are
 * exercised) and prints the median time of repeated reads after a warm-up. Target: under one second.
 *
 * <p>{@code mvn -q -o -f asyncapi-model/pom.xml test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.asyncapikafka.model.bench.ReadBenchmark}
 */
public final class ReadBenchmark {

    private static final int CHANNELS = 500;
    private static final int WARMUP = 5;
    private static final int RUNS = 11;

    private ReadBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("asyncapi-bench");
        Path contract = dir.resolve("bench.asyncapi.yaml");
        Files.writeString(contract, contract(CHANNELS));
        ContractReader reader = ContractReader.create();
        for (int i = 0; i < WARMUP; i++) {
            check(reader.read(contract));
        }
        List<Long> times = new ArrayList<>();
        AsyncApiModel model = null;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            ReadResult r = reader.read(contract);
            times.add(System.nanoTime() - start);
            model = check(r);
        }
        Collections.sort(times);
        double medianMs = times.get(RUNS / 2) / 1e6;
        System.out.printf("read %d channels, %d operations, %d named schemas, %d bytes: median %.1f ms"
                        + " (min %.1f, max %.1f) over %d runs after %d warm-up%n",
                model.channels().size(), model.operations().size(), model.schemas().size(), Files.size(contract),
                medianMs, times.get(0) / 1e6, times.get(RUNS - 1) / 1e6, RUNS, WARMUP);
        System.out.println(medianMs < 1000 ? "OK: under the 1 s target" : "SLOW: above the 1 s target");
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static AsyncApiModel check(ReadResult r) {
        if (r.hasErrors()) {
            throw new IllegalStateException("benchmark contract has errors:\n" + r.diagnostics());
        }
        return r.orThrow();
    }

    private static String contract(int channels) {
        StringBuilder sb = new StringBuilder(channels * 1200);
        sb.append("asyncapi: 2.6.0\ninfo:\n  title: Benchmark\n  version: '1.0.0'\nchannels:\n");
        for (int i = 0; i < channels; i++) {
            int domain = i % 20;
            sb.append("  domain").append(domain).append(".entity").append(i).append(".v1:\n")
                    .append("    description: channel ").append(i).append('\n')
                    .append("    bindings:\n      kafka:\n        partitions: ").append(1 + i % 12)
                    .append("\n        replicas: 3\n        topicConfiguration:\n          cleanup.policy: [delete]\n")
                    .append("          retention.ms: 604800000\n")
                    .append("    subscribe:\n      operationId: send").append(i).append('\n')
                    .append("      message:\n        $ref: '#/components/messages/Event").append(domain).append("'\n")
                    .append("    publish:\n      operationId: on").append(i).append('\n')
                    .append("      bindings:\n        kafka:\n          groupId:\n            type: string\n")
                    .append("            enum: [group-").append(i).append("]\n")
                    .append("      message:\n        name: Command").append(i).append('\n')
                    .append("        payload:\n          type: object\n          required: [id, at]\n")
                    .append("          properties:\n            id: {type: string, format: uuid}\n")
                    .append("            at: {type: string, format: date-time}\n")
                    .append("            amount: {$ref: '#/components/schemas/Money'}\n")
                    .append("            tags: {type: array, items: {type: string}, maxItems: 10}\n");
        }
        sb.append("components:\n  messages:\n");
        for (int d = 0; d < 20; d++) {
            sb.append("    Event").append(d).append(":\n      name: Event").append(d).append('\n')
                    .append("      headers:\n        type: object\n        properties:\n")
                    .append("          traceparent: {type: string}\n")
                    .append("      payload:\n        $ref: '#/components/schemas/Event").append(d).append("'\n");
        }
        sb.append("  schemas:\n    Money:\n      type: object\n      required: [amount, currency]\n")
                .append("      properties:\n        amount: {type: number, minimum: 0}\n")
                .append("        currency: {type: string, pattern: '^[A-Z]{3}$'}\n");
        for (int d = 0; d < 20; d++) {
            sb.append("    Event").append(d).append(":\n      type: object\n      required: [eventId]\n")
                    .append("      properties:\n        eventId: {type: string, format: uuid, x-event-id: true}\n")
                    .append("        total: {$ref: '#/components/schemas/Money'}\n")
                    .append("        status: {type: string, enum: [NEW, DONE, FAILED]}\n")
                    .append("        children:\n          type: array\n          items: {$ref: '#/components/schemas/Event")
                    .append(d).append("'}\n");
        }
        return sb.toString();
    }
}
