package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import io.asyncapikafka.runtime.json.Json;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
        Path contract = dir.resolve("conformance.asyncapi.json");
        Files.writeString(contract, Json.mapper().writeValueAsString(contract(groups)));
        ReadResult read = ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(contract);
        assertThat(read.hasErrors()).as("%s", read.diagnostics()).isFalse();
        GenerationResult generated = CodeGenerator.create(GeneratorOptions.of("conf")).generate(read.orThrow());
        assertThat(generated.hasErrors()).as("%s", generated.diagnostics()).isFalse();
        Compiled compiled = InMemoryCompiler.compile(generated.files());

        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(compiled.loader()); // Jackson finds deduced union members by name through it
        List<String> failures = new ArrayList<>();
        TreeMap<String, int[]> byKeyword = new TreeMap<>();
        int total = 0;
        try {
            for (int i = 0; i < groups.size(); i++) {
                JsonNode group = groups.get(i);
                String name = "C" + (i + 1);
                AtomicReference<Object> handled = new AtomicReference<>();
                HandlerDriver driver = driver(compiled, name, handled);
                MessageType<?, ?, ?> type = messageType(compiled, name);
                for (JsonNode test : group.get("tests")) {
                    total++;
                    boolean valid = test.get("valid").booleanValue();
                    String data = Json.mapper().writeValueAsString(test.get("data"));
                    handled.set(null);
                    HandlerDriver.Result r = driver.deliverRaw("c" + (i + 1), null,
                            data.getBytes(StandardCharsets.UTF_8), headers(name));
                    boolean accepted = r.status() == HandlerDriver.Status.PROCESSED;
                    String verdict = null;
                    if (accepted != valid) {
                        verdict = (valid ? "refused a valid datum: " + r.reason() + " " + r.error()
                                : "accepted an invalid datum");
                    } else if (accepted) {
                        verdict = sendBack(driver, type, "c" + (i + 1), handled.get());
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
        } finally {
            thread.setContextClassLoader(before);
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format("draft 7 conformance: %d of %d verdicts agree (%.1f%%)%n", total - failures.size(),
                total, 100.0 * (total - failures.size()) / total));
        byKeyword.forEach((k, c) -> report.append(String.format("  %-22s %3d/%3d%n", k, c[0], c[1])));
        System.out.print(report);
        assertThat(failures).as(report.toString()).isEmpty();
    }

    /** The producer's path: encode (with validation) the value the consumer decoded, then receive it again. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String sendBack(HandlerDriver driver, MessageType type, String topic, Object message) {
        try {
            Object payload = ((io.asyncapikafka.runtime.consumer.ReceivedMessage<?, ?, ?>) message).payload();
            HandlerDriver.Result again = driver.deliver(topic, type, null, payload, null);
            return again.status() == HandlerDriver.Status.PROCESSED ? null
                    : "sent back, was " + again.status() + " " + again.error();
        } catch (RuntimeException e) {
            return "the producer refused what the consumer accepted: " + e;
        }
    }

    private static ObjectNode contract(ArrayNode groups) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("asyncapi", "2.6.0");
        root.putObject("info").put("title", "Draft 7 conformance").put("version", "1.0.0");
        ObjectNode channels = root.putObject("channels");
        ObjectNode schemas = f.objectNode();
        for (int i = 0; i < groups.size(); i++) {
            JsonNode group = groups.get(i);
            String name = "C" + (i + 1);
            ObjectNode publish = channels.putObject("c" + (i + 1)).putObject("publish");
            publish.put("operationId", "receive" + name);
            publish.putObject("message").put("name", name).set("payload", group.get("schema"));
            if (group.has("components")) {
                group.get("components").fields().forEachRemaining(e -> schemas.set(e.getKey(), e.getValue()));
            }
        }
        root.putObject("components").set("schemas", schemas);
        return root;
    }

    private static RecordHeaders headers(String messageName) {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_type", messageName.getBytes(StandardCharsets.UTF_8));
        h.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        return h;
    }

    private static HandlerDriver driver(Compiled compiled, String name, AtomicReference<Object> handled)
            throws Exception {
        Class<?> handlerType = compiled.load("conf.kafka.Receive" + name + "Handler");
        Object handler = Proxy.newProxyInstance(compiled.loader(), new Class<?>[] {handlerType}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("equals") ? proxy == args[0]
                        : m.getName().equals("hashCode") ? System.identityHashCode(proxy) : "handler";
            }
            handled.set(args[0]);
            return null;
        });
        Object builder = compiled.load("conf.kafka.Receive" + name + "Consumer").getMethod("testDriver", handlerType)
                .invoke(null, handler);
        return (HandlerDriver) builder.getClass().getMethod("build").invoke(builder);
    }

    private static MessageType<?, ?, ?> messageType(Compiled compiled, String name) throws Exception {
        return (MessageType<?, ?, ?>) compiled.load("conf.kafka.Messages").getField(name).get(null);
    }
}
