package io.asyncapikafka.model;

import java.util.List;
import java.util.Map;

/**
 * A server: {@code url} (for Kafka a comma-separated bootstrap list), {@code protocol} ({@code kafka},
 * {@code kafka-secure}), security requirements, and the Kafka server binding ({@code schemaRegistryUrl},
 * {@code schemaRegistryVendor}, {@code clientId}, ... as strings).
 */
public record Server(
        String name,
        String url,
        String protocol,
        String protocolVersion,
        String description,
        List<SecurityRequirement> security,
        Map<String, String> kafkaBinding,
        SourceLocation location) {
    public Server {
        security = List.copyOf(security);
        kafkaBinding = Collections2.copyOrdered(kafkaBinding);
    }
}
