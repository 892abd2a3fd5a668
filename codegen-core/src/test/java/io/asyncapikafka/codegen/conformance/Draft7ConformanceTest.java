package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import io.asyncapikafka.runtime.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON Schema draft 7 conformance of the generated code (issue 11): every schema of
 * {@code src/test/resources/conformance/draft7.json} (written for this project from the draft 7 validation and core
 * specifications) becomes a message payload of one contract; every datum goes as raw bytes through the generated
 * consumer's test driver — the decode and validation a received record takes — and must be handled when valid and
 * dead-lettered when invalid. Data the consumer accepts are also sent back through the producer's path (encode with
 * validation), which must accept them too.
 */
class Draft7ConformanceTest {

    private static final Path CASES = Path.of("src/test/resources/conformance/draft7.json");

    @TempDir
    Path dir;

    @Test
    void generatedCodeAgreesWithDraft7OnEveryCase() throws Exception {
        JsonNode suite = Json.mapper().readTree(Files.readAllBytes(CASES));
        ArrayNode groups = (ArrayNode) suite.get("groups");
        Map<String, JsonNode> payloads = new LinkedHashMap<>();
        ObjectNode components = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < groups.size(); i++) {
            payloads.put("C" + (i + 1), groups.get(i).get("schema"));
            if (groups.get(i).has("components")) {
                groups.get(i).get("components").fields().forEachRemaining(e -> components.set(e.getKey(), e.getValue()));
            }
        }
        List<String> failures = new ArrayList<>();
        TreeMap<String, int[]> byKeyword = new TreeMap<>();
        int total = 0;
        try (PayloadHarness h = PayloadHarness.of(dir, payloads, components)) {
            for (int i = 0; i < groups.size(); i++) {
                JsonNode group = groups.get(i);
                String name = "C" + (i + 1);
                for (JsonNode test : group.get("tests")) {
                    total++;
                    boolean valid = test.get("valid").booleanValue();
                    String data = Json.mapper().writeValueAsString(test.get("data"));
                    HandlerDriver.Result r = h.receive(name, data);
                    boolean accepted = r.status() == HandlerDriver.Status.PROCESSED;
                    String verdict = null;
                    if (accepted != valid) {
                        verdict = (valid ? "refused a valid datum: " + r.reason() + " " + r.error()
                                : "accepted an invalid datum");
                    } else if (accepted) {
                        verdict = sendBack(h, name);
                    }
                    int[] counts = byKeyword.computeIfAbsent(group.get("keyword").asText(), k -> new int[2]);
                    counts[1]++;
                    if (verdict == null) {
                        counts[0]++;
                    } else {
                        failures.add(group.get("keyword").asText() + " / " + group.get("description").asText() + " / "
                                + data + ": " + verdict);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("draft 7 conformance: %d of %d verdicts agree (%.1f%%), %d schemas%n",
                total - failures.size(), total, 100.0 * (total - failures.size()) / total, groups.size()));
        byKeyword.forEach((k, c) -> report.append(String.format("  %-22s %3d/%3d%n", k, c[0], c[1])));
        System.out.print(report);
        assertThat(failures).as(report.toString()).isEmpty();
    }

    /** The producer's path: encode (with validation) the value the consumer decoded, then receive it again. */
    private static String sendBack(PayloadHarness h, String name) {
        try {
            HandlerDriver.Result again = h.send(name, h.lastPayload(name));
            return again.status() == HandlerDriver.Status.PROCESSED ? null
                    : "sent back, was " + again.status() + " " + again.error();
        } catch (Exception e) {
            return "the producer refused what the consumer accepted: " + e;
        }
    }
}
