package io.asyncapikafka.model;

import java.util.List;
import java.util.Map;

/**
 * A server: {@code url} (for Kafka a comma-separated bootstrap list), {@code protocol} ({@code kafka},
 * {@code kafka-secure}), security requirements, and the Kafka server binding ({@code schemaRegistryUrl},
 * {@code schemaRegistryVendor}, {@code clientId}, ... as strings).
 *
 * @param url the address as written, {@code {variable}} parts included; {@link #defaultUrl()} fills them in
 * @param variables the server variables the url uses, in document order
 */
public record Server(
        String name,
        String url,
        String protocol,
        String protocolVersion,
        String description,
        List<SecurityRequirement> security,
        Map<String, String> kafkaBinding,
        SourceLocation location,
        List<ServerVariable> variables) {
    public Server {
        security = List.copyOf(security);
        kafkaBinding = Collections2.copyOrdered(kafkaBinding);
        variables = List.copyOf(variables);
    }

    /** A server without variables. */
    public Server(String name, String url, String protocol, String protocolVersion, String description,
            List<SecurityRequirement> security, Map<String, String> kafkaBinding, SourceLocation location) {
        this(name, url, protocol, protocolVersion, description, security, kafkaBinding, location, List.of());
    }

    /** The url with every {@code {variable}} replaced by its default. */
    public String defaultUrl() {
        String out = url;
        for (ServerVariable v : variables) {
            if (v.defaultValue() != null) {
                out = out.replace("{" + v.name() + "}", v.defaultValue());
            }
        }
        return out;
    }
}
