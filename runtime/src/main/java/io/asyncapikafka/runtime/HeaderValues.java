package io.asyncapikafka.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reading and writing Kafka headers as UTF-8 text; used by the runtime and by generated {@link HeadersCodec}s. */
public final class HeaderValues {

    private HeaderValues() {}

    /** The last value of header {@code name} as text, if present. */
    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The last value of header {@code name}, or {@code null}. */
    public static String getOrNull(Headers headers, String name) {
        return get(headers, name).orElse(null);
    }

    /** Sets header {@code name} to {@code value}, replacing every earlier value; a {@code null} value removes it. */
    public static void set(Headers headers, String name, String value) {
        Objects.requireNonNull(name, "name");
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The value of a header that must be present, for generated codecs.
     *
     * @throws ContractViolationException if it is missing
     */
    public static String required(Headers headers, String name) {
        return get(headers, name).orElseThrow(() -> new ContractViolationException("headers",
                java.util.List.of(new Violation("$." + name, "is required but missing"))));
    }
}
