package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.codegen.types.Naming;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Operation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** An {@code x-java-name} as written (upper-cased first letter), else {@link #typeName}. */
    static String typeNameOfChosen(String raw, boolean chosen) {
        return chosen ? Naming.upperFirst(raw) : typeName(raw);
    }

    /** {@code publishOrderCreated} stays; {@code Publish-order created} → {@code publishOrderCreated}. */
    static String methodName(String raw) {
        return Naming.memberName(raw);
    }

    /** First words of an operationId that say "this side receives". */
    private static final Set<String> RECEIVE_VERBS = Set.of("receive", "consume", "subscribe", "on", "handle",
            "listen", "read");
    /** First words of an operationId that say "this side sends". */
    private static final Set<String> SEND_VERBS = Set.of("send", "publish", "produce", "emit", "write", "notify");

    /**
     * The default Java name of a channel, before the {@code Producer} suffix: the 3.x channel key (a name a person
     * chose); else, for a channel whose name has {@code {parameters}}, the part after the last one
     * ({@code smartylighting.streetlights.1.0.action.{streetlightId}.turn.on} → {@code TurnOn}), or the name without
     * them when nothing follows; else the channel name ({@code orders.v1} → {@code OrdersV1}).
     */
    static String channelBase(Channel channel) {
        if (channel.key() != null && !channel.key().equals(channel.name())) {
            return typeName(channel.key());
        }
        String name = channel.name();
        int last = name.lastIndexOf('}');
        if (name.indexOf('{') >= 0 && last >= 0) {
            String tail = name.substring(last + 1);
            if (tail.chars().anyMatch(Character::isLetterOrDigit)) {
                return typeName(tail);
            }
        }
        return withoutParameters(channel);
    }

    /** The channel name with its {@code {parameters}} left out: {@code tenant.{tenantId}.events} → {@code TenantEvents}. */
    static String withoutParameters(Channel channel) {
        String n = channel.name().replaceAll("\\{[^}]*}", "");
        return typeName(n.isBlank() ? channel.name() : n);
    }

    /**
     * Whether the operationId names what the <em>other</em> side does: its first word is a verb of the opposite
     * direction ({@code receiveLightMeasurement} generated as a send under {@code role=client}).
     */
    static boolean namedForOtherSide(Operation op) {
        String first = splitWords(op.operationId()).get(0).toLowerCase(Locale.ROOT);
        return op.direction() == Direction.SEND ? RECEIVE_VERBS.contains(first) : SEND_VERBS.contains(first);
    }

    private static List<String> splitWords(String raw) {
        // the words of the class name: OnOrderCreated → On, Order, Created
        String cn = Naming.className(raw);
        return List.of(cn.split("(?<=[a-z0-9])(?=[A-Z])"));
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
