package io.asyncapikafka.codegen.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.asyncapikafka.runtime.consumer.ReceivedMessage;
import io.asyncapikafka.runtime.json.Json;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One contract with one received message per schema ({@code payload} as given), generated with the full generator,
 * compiled in memory, and driven through each message's generated consumer test driver: the real decode and
 * validation path of a received record ({@link #receive}) and of a sent one ({@link #send}).
 */
final class PayloadHarness implements AutoCloseable {

    final GenerationResult generated;
    final Compiled compiled;
    private final Map<String, HandlerDriver> drivers = new LinkedHashMap<>();
    private final Map<String, AtomicReference<Object>> handled = new LinkedHashMap<>();
    private final ClassLoader before;

    private PayloadHarness(GenerationResult generated, Compiled compiled) {
        this.generated = generated;
        this.compiled = compiled;
        this.before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(compiled.loader()); // Jackson's deduction loads by name
    }

    /**
     * @param payloads message name (a Java-friendly name, e.g. {@code C1}) → payload schema
     * @param components extra {@code components/schemas}
     */
    static PayloadHarness of(Path dir, Map<String, JsonNode> payloads, JsonNode components) throws Exception {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("asyncapi", "2.6.0");
        root.putObject("info").put("title", "Payloads").put("version", "1.0.0");
        ObjectNode channels = root.putObject("channels");
        payloads.forEach((name, schema) -> {
            ObjectNode publish = channels.putObject(topic(name)).putObject("publish");
            publish.put("operationId", "receive" + name);
            publish.putObject("message").put("name", name).set("payload", schema);
        });
        root.putObject("components").set("schemas", components == null ? f.objectNode() : components);
        Path contract = dir.resolve("payloads.asyncapi.json");
        Files.writeString(contract, Json.mapper().writeValueAsString(root));
        ReadResult read = ContractReader.create(ReaderOptions.defaults().withRole(Role.APPLICATION)).read(contract);
        assertThat(read.hasErrors()).as("%s", read.diagnostics()).isFalse();
        GenerationResult generated = CodeGenerator.create(GeneratorOptions.of("conf")).generate(read.orThrow());
        assertThat(generated.hasErrors()).as("%s", generated.diagnostics()).isFalse();
        return new PayloadHarness(generated, InMemoryCompiler.compile(generated.files()));
    }

    /** The {@code Messages} constant of a message. */
    static String constant(String message) {
        return message.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    static String topic(String message) {
        return "t." + message;
    }

    /** Delivers {@code json} as a received record of {@code message}. */
    HandlerDriver.Result receive(String message, String json) throws Exception {
        RecordHeaders h = new RecordHeaders();
        h.add("ce_type", message.getBytes(StandardCharsets.UTF_8));
        h.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        handled(message).set(null);
        return driver(message).deliverRaw(topic(message), null, json.getBytes(StandardCharsets.UTF_8), h);
    }

    /** The payload the handler got from the last successful {@link #receive}. */
    Object lastPayload(String message) {
        Object m = handled(message).get();
        return m == null ? null : ((ReceivedMessage<?, ?, ?>) m).payload();
    }

    /** Sends {@code payload} through the producer's path (encode with validation), then receives it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    HandlerDriver.Result send(String message, Object payload) throws Exception {
        MessageType type = (MessageType) compiled.load("conf.kafka.Messages").getField(constant(message)).get(null);
        return driver(message).deliver(topic(message), type, null, payload, null);
    }

    /** The payload read as the consumer would read it, for building values to send. */
    Object read(String message, String json) throws Exception {
        MessageType<?, ?, ?> type = (MessageType<?, ?, ?>) compiled.load("conf.kafka.Messages").getField(constant(message))
                .get(null);
        return type.readPayload(json.getBytes(StandardCharsets.UTF_8));
    }

    private AtomicReference<Object> handled(String message) {
        return handled.computeIfAbsent(message, k -> new AtomicReference<>());
    }

    private HandlerDriver driver(String message) throws Exception {
        HandlerDriver d = drivers.get(message);
        if (d == null) {
            AtomicReference<Object> sink = handled(message);
            Class<?> handlerType = compiled.load("conf.kafka.Receive" + message + "Handler");
            Object handler = Proxy.newProxyInstance(compiled.loader(), new Class<?>[] {handlerType},
                    (proxy, m, args) -> {
                        if (m.getDeclaringClass() == Object.class) {
                            return m.getName().equals("equals") ? proxy == args[0]
                                    : m.getName().equals("hashCode") ? System.identityHashCode(proxy) : "handler";
                        }
                        sink.set(args[0]);
                        return null;
                    });
            Object builder = compiled.load("conf.kafka.Receive" + message + "Consumer")
                    .getMethod("testDriver", handlerType).invoke(null, handler);
            d = (HandlerDriver) builder.getClass().getMethod("build").invoke(builder);
            drivers.put(message, d);
        }
        return d;
    }

    @Override
    public void close() {
        Thread.currentThread().setContextClassLoader(before);
    }
}
