package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.codegen.types.Naming;

/**
 * Names of the Kafka API (channels, operationIds, servers, messages, titles → Java names). Java naming is delegated to
 * the project's one naming class ({@link Naming}), so an operationId written in camelCase keeps its spelling and the
 * API agrees with the payload types; only the environment/property tokens of server settings are decided here.
 */
final class KafkaNaming {

    private KafkaNaming() {}

    /** {@code orders.retry.v1} → {@code OrdersRetryV1}: the payload types' class naming, so both agree. */
    static String typeName(String raw) {
        return Naming.className(raw);
    }

    /** {@code publishOrderCreated} stays; {@code Publish-order created} → {@code publishOrderCreated}. */
    static String methodName(String raw) {
        return Naming.memberName(raw);
    }

    /** {@code orders.retry.v1} → {@code ORDERS_RETRY_V1}. */
    static String constantName(String raw) {
        return Naming.constantName(raw);
    }

    /**
     * The upper-case token used in environment variable names: {@code prod-eu.1} → {@code PROD_EU_1}. Kept apart from
     * {@link #constantName} so a change in Java naming can never rename a documented environment variable.
     */
    static String envToken(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            sb.append(isAsciiLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    /** The lower-case token used in system property names: {@code Prod EU} → {@code prod-eu}. */
    static String propertyToken(String raw) {
        StringBuilder sb = new StringBuilder();
        for (char c : raw.toCharArray()) {
            sb.append(isAsciiLetterOrDigit(c) || c == '.' || c == '-' ? Character.toLowerCase(c) : '-');
        }
        return sb.toString();
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
