package io.asyncapikafka.benchmarks;

/**
 * Writes an AsyncAPI 2.6 contract of {@code n} channels shaped like a real service's: every channel has a send and a
 * receive operation with operation ids and Kafka bindings, and two messages (via {@code oneOf}) with headers, a key
 * schema, nested objects, arrays, enums and maps ({@code additionalProperties}). Messages live in
 * {@code components/messages} and share one {@code Money} schema, so {@code $ref} resolution is part of the cost.
 *
 * <p>Every channel is distinct (own message and type names), so the generator's work grows with {@code n}; nothing is
 * deduplicated away, which is what makes the per-channel cost meaningful.
 */
final class SyntheticContract {

    private SyntheticContract() {}

    /** The contract text (YAML) for {@code channels} channels. */
    static String yaml(int channels) {
        StringBuilder y = new StringBuilder(channels * 3_000);
        y.append("""
                asyncapi: 2.6.0
                info:
                  title: Synthetic benchmark contract
                  version: '1.0.0'
                defaultContentType: application/json
                servers:
                  prod:
                    url: kafka1:9092
                    protocol: kafka
                channels:
                """);
        for (int i = 0; i < channels; i++) {
            channel(y, i);
        }
        y.append("components:\n  messages:\n");
        for (int i = 0; i < channels; i++) {
            message(y, i, "Created", "created");
            message(y, i, "Updated", "updated");
        }
        y.append("""
                  schemas:
                    Money:
                      type: object
                      required: [amount, currency]
                      properties:
                        amount: {type: number, minimum: 0}
                        currency: {type: string, pattern: '^[A-Z]{3}$'}
                """);
        return y.toString();
    }

    /**
     * The same contract in AsyncAPI 3.0: the same channels (address = the 2.x channel name), messages on the channels,
     * root operations with the 2.x operation ids ({@code subscribe} = {@code action: send}, {@code publish} =
     * {@code action: receive}), the same components, so it generates the same code.
     */
    static String yamlV3(int channels) {
        StringBuilder y = new StringBuilder(channels * 3_400);
        y.append("""
                asyncapi: 3.0.0
                info:
                  title: Synthetic benchmark contract
                  version: '1.0.0'
                defaultContentType: application/json
                servers:
                  prod:
                    host: kafka1:9092
                    protocol: kafka
                channels:
                """);
        for (int i = 0; i < channels; i++) {
            String key = "domain" + (i % 20) + ".entity" + i + ".v1";
            String e = "Entity" + i;
            y.append("  ").append(key).append(":\n")
                    .append("    address: ").append(key).append('\n')
                    .append("    description: Events of entity ").append(i).append('\n')
                    .append("    bindings:\n      kafka:\n")
                    .append("        topic: ").append(key).append('\n')
                    .append("        partitions: ").append(1 + i % 12).append('\n')
                    .append("        replicas: 3\n")
                    .append("        topicConfiguration:\n          cleanup.policy: [delete]\n")
                    .append("          retention.ms: 604800000\n")
                    .append("    messages:\n")
                    .append("      ").append(e).append("Created: {$ref: '#/components/messages/").append(e)
                    .append("Created'}\n")
                    .append("      ").append(e).append("Updated: {$ref: '#/components/messages/").append(e)
                    .append("Updated'}\n");
        }
        y.append("operations:\n");
        for (int i = 0; i < channels; i++) {
            String key = "domain" + (i % 20) + ".entity" + i + ".v1";
            String e = "Entity" + i;
            operationV3(y, "send" + e + "Event", "send", key, e, "clientId: {type: string, enum: [svc-" + i + "]}");
            operationV3(y, "on" + e + "Event", "receive", key, e, "groupId: {type: string, enum: [group-" + i + "]}");
        }
        String v2 = yaml(channels); // the components section is the same in both versions
        y.append(v2.substring(v2.indexOf("components:\n")));
        return y.toString();
    }

    private static void operationV3(StringBuilder y, String id, String action, String channel, String e,
            String binding) {
        y.append("  ").append(id).append(":\n")
                .append("    action: ").append(action).append('\n')
                .append("    channel: {$ref: '#/channels/").append(channel).append("'}\n")
                .append("    bindings:\n      kafka:\n        ").append(binding).append('\n')
                .append("    messages:\n")
                .append("      - $ref: '#/channels/").append(channel).append("/messages/").append(e).append("Created'\n")
                .append("      - $ref: '#/channels/").append(channel).append("/messages/").append(e).append("Updated'\n");
    }

    private static void channel(StringBuilder y, int i) {
        String e = "Entity" + i;
        y.append("  domain").append(i % 20).append(".entity").append(i).append(".v1:\n")
                .append("    description: Events of entity ").append(i).append('\n')
                .append("    bindings:\n      kafka:\n")
                .append("        topic: domain").append(i % 20).append(".entity").append(i).append(".v1\n")
                .append("        partitions: ").append(1 + i % 12).append('\n')
                .append("        replicas: 3\n")
                .append("        topicConfiguration:\n          cleanup.policy: [delete]\n")
                .append("          retention.ms: 604800000\n")
                .append("    subscribe:\n")
                .append("      operationId: send").append(e).append("Event\n")
                .append("      bindings:\n        kafka:\n          clientId: {type: string, enum: [svc-")
                .append(i).append("]}\n")
                .append("      message:\n        oneOf:\n")
                .append("          - $ref: '#/components/messages/").append(e).append("Created'\n")
                .append("          - $ref: '#/components/messages/").append(e).append("Updated'\n")
                .append("    publish:\n")
                .append("      operationId: on").append(e).append("Event\n")
                .append("      bindings:\n        kafka:\n          groupId: {type: string, enum: [group-")
                .append(i).append("]}\n")
                .append("      message:\n        oneOf:\n")
                .append("          - $ref: '#/components/messages/").append(e).append("Created'\n")
                .append("          - $ref: '#/components/messages/").append(e).append("Updated'\n");
    }

    private static void message(StringBuilder y, int i, String kind, String lower) {
        String name = "Entity" + i + kind;
        y.append("    ").append(name).append(":\n")
                .append("      name: ").append(name).append('\n')
                .append("      title: Entity ").append(i).append(' ').append(lower).append('\n')
                .append("      bindings:\n        kafka:\n          key: {type: string, format: uuid}\n")
                .append("      headers:\n        type: object\n        required: [tenant]\n        properties:\n")
                .append("          tenant: {type: string, minLength: 1, maxLength: 64}\n")
                .append("          traceparent: {type: string}\n")
                .append("          priority: {type: string, enum: [LOW, NORMAL, HIGH]}\n")
                .append("      payload:\n        type: object\n")
                .append("        required: [eventId, occurredAt, entityId, status, lines]\n")
                .append("        properties:\n")
                .append("          eventId: {type: string, format: uuid}\n")
                .append("          occurredAt: {type: string, format: date-time}\n")
                .append("          entityId: {type: string, minLength: 1, maxLength: 40, pattern: '^[a-z0-9-]+$'}\n")
                .append("          status: {type: string, enum: [NEW, ACTIVE, SUSPENDED, CLOSED]}\n")
                .append("          version: {type: integer, format: int64, minimum: 1}\n")
                .append("          total: {$ref: '#/components/schemas/Money'}\n")
                .append("          address:\n            type: object\n            required: [city, country]\n")
                .append("            properties:\n")
                .append("              street: {type: string}\n")
                .append("              city: {type: string, minLength: 1}\n")
                .append("              country: {type: string, pattern: '^[A-Z]{2}$'}\n")
                .append("              geo:\n                type: object\n                properties:\n")
                .append("                  lat: {type: number, minimum: -90, maximum: 90}\n")
                .append("                  lon: {type: number, minimum: -180, maximum: 180}\n")
                .append("          lines:\n            type: array\n")
                .append("            minItems: 1\n            maxItems: 100\n")
                .append("            items:\n              type: object\n              required: [sku, qty]\n")
                .append("              properties:\n")
                .append("                sku: {type: string, minLength: 1}\n")
                .append("                qty: {type: integer, minimum: 1, maximum: 1000}\n")
                .append("                price: {$ref: '#/components/schemas/Money'}\n")
                .append("          tags: {type: array, items: {type: string}, uniqueItems: true, maxItems: 20}\n")
                .append("          attributes:\n            type: object\n")
                .append("            additionalProperties: {type: string, maxLength: 200}\n")
                .append("          counters:\n            type: object\n")
                .append("            additionalProperties: {type: integer, format: int32}\n");
    }
}
