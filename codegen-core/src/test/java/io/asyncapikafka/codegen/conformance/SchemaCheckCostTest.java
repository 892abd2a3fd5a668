package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.ContractSchemas;
import io.asyncapikafka.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the run-time schema check costs for a payload with a {@code oneOf} (no discriminator) of a nested
 * {@code allOf}: decode + validate on the consumer's side, validate (typed and schema check) on the producer's, per
 * record, against the same work for a typed-only payload of similar size. The figures are printed (README,
 * Benchmarks); the bound only catches a gross regression, not a slow machine.
 */
class SchemaCheckCostTest {

    @TempDir
    Path dir;

    @Test
    void schemaCheckedPayloadCostsMicroseconds() throws Exception {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        p.put("Shape", Json.mapper().readTree("""
                {"oneOf": [
                   {"allOf": [{"$ref": "#/components/schemas/Named"},
                              {"type": "object", "required": ["radius"], "properties": {"radius": {"type": "number", "minimum": 0}}}]},
                   {"allOf": [{"$ref": "#/components/schemas/Named"},
                              {"type": "object", "required": ["side"], "properties": {"side": {"type": "number", "minimum": 0}}}]}]}"""));
        p.put("Plain", Json.mapper().readTree("""
                {"type": "object", "required": ["name", "radius"], "properties": {"name": {"type": "string", "minLength": 1,
                 "maxLength": 40}, "id": {"type": "string", "pattern": "^S-[0-9]+$"}, "radius": {"type": "number", "minimum": 0}}}"""));
        JsonNode components = Json.mapper().readTree("""
                {"Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 1,
                 "maxLength": 40}, "id": {"type": "string", "pattern": "^S-[0-9]+$"}}}}""");
        try (PayloadHarness h = PayloadHarness.of(dir, p, components)) {
            double shapeIn = consumerMicros(h, "Shape", "{\"name\": \"disc\", \"id\": \"S-17\", \"radius\": 2.5}");
            double plainIn = consumerMicros(h, "Plain", "{\"name\": \"disc\", \"id\": \"S-17\", \"radius\": 2.5}");
            double shapeOut = producerMicros(h, "Shape", "{\"name\": \"disc\", \"id\": \"S-17\", \"radius\": 2.5}");
            double plainOut = producerMicros(h, "Plain", "{\"name\": \"disc\", \"id\": \"S-17\", \"radius\": 2.5}");
            double checkOnly = checkMicros(h, "Shape", "{\"name\": \"disc\", \"id\": \"S-17\", \"radius\": 2.5}");
            System.out.printf("oneOf + nested allOf (schema check): decode+validate %.2f us, validate before send %.2f us"
                    + " (of which the schema check of the tree %.2f us); typed-only payload: %.2f us / %.2f us%n",
                    shapeIn, shapeOut, checkOnly, plainIn, plainOut);
            assertThat(shapeIn).isLessThan(200);
            assertThat(shapeOut).isLessThan(200);
        }
    }

    private static double consumerMicros(PayloadHarness h, String message, String json) throws Exception {
        MessageType<?, ?, ?> type = (MessageType<?, ?, ?>) h.compiled.load("conf.kafka.Messages").getField(PayloadHarness.constant(message))
                .get(null);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                Object v = type.readPayload(bytes);
                List<Violation> out = new ArrayList<>();
                ((Validatable) v).validate("$", out);
                sink += out.size() + v.hashCode();
            }
            best = Math.min(best, (System.nanoTime() - start) / 20_000.0 / 1000.0);
        }
        assertThat(sink).isNotZero();
        return best;
    }

    private static double checkMicros(PayloadHarness h, String message, String json) throws Exception {
        MessageType<?, ?, ?> type = (MessageType<?, ?, ?>) h.compiled.load("conf.kafka.Messages")
                .getField(PayloadHarness.constant(message)).get(null);
        io.asyncapikafka.runtime.json.SchemaCheck check = ContractSchemas.of(type.payloadType()).orElseThrow();
        JsonNode tree = Json.mapper().readTree(json);
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                List<Violation> out = new ArrayList<>();
                check.check(tree, "$", out);
                sink += out.size() + 1;
            }
            best = Math.min(best, (System.nanoTime() - start) / 20_000.0 / 1000.0);
        }
        assertThat(sink).isNotZero();
        return best;
    }

    private static double producerMicros(PayloadHarness h, String message, String json) throws Exception {
        MessageType<?, ?, ?> type = (MessageType<?, ?, ?>) h.compiled.load("conf.kafka.Messages").getField(PayloadHarness.constant(message))
                .get(null);
        Object value = type.readPayload(json.getBytes(StandardCharsets.UTF_8));
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                List<Violation> out = new ArrayList<>();
                ((Validatable) value).validate("$", out);
                ContractSchemas.check(type.payloadType(), value, "$", out);
                sink += out.size() + 1;
            }
            best = Math.min(best, (System.nanoTime() - start) / 20_000.0 / 1000.0);
        }
        assertThat(sink).isNotZero();
        return best;
    }
}
