package io.asyncapikafka.benchmarks.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Hand-written mirror of the generated headers record of {@code OrderPlaced}: the same Jackson-tree based header
 * reading and writing the generator emits, so header cost is what users will pay. {@code sentAt} carries
 * {@link System#nanoTime()} at send time; the handler turns it into the end-to-end latency.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderHeaders(@JsonProperty(required = true) long sentAt, String tenant) implements Validatable {

    /** What generated code will hand to the runtime as the message's {@link HeadersCodec}. */
    public static final HeadersCodec<OrderHeaders> CODEC = new HeadersCodec<>() {
        @Override
        public void write(OrderHeaders headers, Headers target) {
            headers.writeTo(target);
        }

        @Override
        public OrderHeaders read(Headers source) {
            return fromKafkaHeaders(source);
        }
    };

    @Override
    public void validate(String path, List<Violation> out) {
        if (this.tenant != null) {
            if (this.tenant.codePointCount(0, this.tenant.length()) < 1) {
                out.add(new Violation(path + ".tenant", "length must be >= 1 but was "
                        + this.tenant.codePointCount(0, this.tenant.length())));
            }
            if (this.tenant.codePointCount(0, this.tenant.length()) > 64) {
                out.add(new Violation(path + ".tenant", "length must be <= 64 but was "
                        + this.tenant.codePointCount(0, this.tenant.length())));
            }
        }
    }

    /** Sets each present header on {@code headers}, replacing earlier values of the same name. */
    public void writeTo(Headers headers) {
        headers.remove("sentAt");
        headers.add("sentAt", headerBytes(this.sentAt));
        if (this.tenant != null) {
            headers.remove("tenant");
            headers.add("tenant", headerBytes(this.tenant));
        }
    }

    /** Reads the declared headers; a missing required one is a {@link NullPointerException}, as generated. */
    public static OrderHeaders fromKafkaHeaders(Headers headers) {
        return new OrderHeaders(
                Objects.requireNonNull(headerValue(headers, "sentAt", Json.mapper().constructType(Long.class), false),
                        "sentAt"),
                headerValue(headers, "tenant", Json.mapper().constructType(String.class), true));
    }

    private static byte[] headerBytes(Object value) {
        JsonNode node = Json.mapper().valueToTree(value);
        String text = node.isTextual() ? node.textValue() : node.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T headerValue(Headers headers, String name, JavaType type, boolean textual) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        try {
            JsonNode node = textual ? TextNode.valueOf(text) : Json.mapper().readTree(text);
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("header " + name + " does not hold a valid value: " + e.getMessage(), e);
        }
    }
}
