package io.asyncapikafka.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys of the OpenTelemetry messaging semantic conventions (general and Kafka-specific) these spans
 * carry, as strings: the conventions are still in development, and their generated constants live in an incubating
 * artifact we do not want on a service's class path. Source: opentelemetry.io/docs/specs/semconv/messaging/.
 */
final class MessagingAttributes {

    private MessagingAttributes() {}

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION_NAME = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> PARTITION_ID = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
    static final AttributeKey<String> KAFKA_KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<Long> KAFKA_OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Not in the conventions: the contract's message name ({@code ce_type}) and the attempt number. */
    static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("asyncapi.message.type");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("asyncapi.attempt");

    /** Span events. */
    static final String RETRY_EVENT = "retry";
    static final String DEAD_LETTER_EVENT = "dead_letter";
    static final AttributeKey<Long> RETRY_BACKOFF_MS = AttributeKey.longKey("asyncapi.retry.backoff_ms");
    static final AttributeKey<String> RETRY_TOPIC = AttributeKey.stringKey("asyncapi.retry.topic");
    static final AttributeKey<String> DEAD_LETTER_TOPIC = AttributeKey.stringKey("asyncapi.dead_letter.topic");
    static final AttributeKey<String> DEAD_LETTER_REASON = AttributeKey.stringKey("asyncapi.dead_letter.reason");

    static final String KAFKA = "kafka";
}
