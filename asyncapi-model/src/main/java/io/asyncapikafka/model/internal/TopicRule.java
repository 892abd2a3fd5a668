package io.asyncapikafka.model.internal;

import io.asyncapikafka.model.Channel;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which Kafka topic a channel maps to, for AsyncAPI 2.x and 3.x alike.
 *
 * <p>The topic is {@code bindings.kafka.topic}, else the channel's {@code x-address}, else its name (2.x: the channel
 * key; 3.x: {@code address}, or the key when the address is null). A binding topic is taken as written and must be
 * legal. The other two are addresses, often written path-style ({@code user/signedup}, {@code /test}), which Kafka
 * refuses: they are made legal by one rule, <em>drop a leading {@code /}, then every {@code /} becomes {@code .}</em>,
 * with a warning naming the derived topic. {@code {param}} parts stay parameters of the derived name
 * ({@code comment/{id}/changed} → {@code comment.{id}.changed}). A name the rule cannot make legal (other characters,
 * too long) is an error.
 */
public final class TopicRule {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private TopicRule() {}

    /**
     * The topic (a template when it has {@code {param}} parts) of channel {@code channelName}, reporting what is
     * wrong with it; null when there is no legal one (an error was reported).
     *
     * @param bindingTopic the binding's {@code topic}, or null
     * @param bindingTopicSite where it is written (for diagnostics)
     * @param xAddress the channel's {@code x-address}, or null
     * @param xAddressSite where it is written
     * @param address the 2.x channel key / the 3.x address (or key when the address is null)
     * @param addressSite where it is written (the channel node in 2.x, the {@code address} node in 3.x)
     */
    public static String topic(String channelName, String bindingTopic, Node bindingTopicSite, String xAddress,
            Node xAddressSite, String address, Node addressSite, Diagnostics diags) {
        if (bindingTopic != null) {
            if (!Channel.isLegalTopicName(bindingTopic)) {
                diags.report(Code.TOPIC_NAME, "topic '" + bindingTopic + "' of channel '" + channelName
                        + "' is not a valid Kafka topic name" + illegalPart(bindingTopic), bindingTopicSite);
                return null;
            }
            return bindingTopic;
        }
        boolean fromX = xAddress != null;
        String name = fromX ? xAddress : address;
        Node site = fromX ? xAddressSite : addressSite;
        String source = fromX ? "its x-address" : "its name";
        if (isLegalTemplate(name)) {
            return name;
        }
        String derived = legalize(name);
        if (!isLegalTemplate(derived)) {
            diags.report(Code.TOPIC_NAME, "channel '" + channelName + "' has no bindings.kafka.topic, so " + source
                    + " '" + name + "' is the topic, and Kafka does not accept it even as '" + derived + "'"
                    + illegalPart(fixedParts(derived)), site);
            return null;
        }
        diags.report(Code.TOPIC_DERIVED, "channel '" + channelName + "' has no bindings.kafka.topic and " + source
                + " '" + name + "' is not a legal Kafka topic; the topic is '" + derived + "'", site);
        return derived;
    }

    /** The rule: drop a leading {@code /}, then replace every {@code /} with {@code .}. */
    public static String legalize(String name) {
        String s = name.startsWith("/") ? name.substring(1) : name;
        return s.replace('/', '.');
    }

    /** Whether Kafka accepts {@code template} once each {@code {param}} is filled with a legal value. */
    public static boolean isLegalTemplate(String template) {
        return Channel.isLegalTopicName(fixedParts(template));
    }

    private static String fixedParts(String template) {
        // A parameter becomes whatever value a producer passes; check the fixed parts around it.
        return PARAM.matcher(template).replaceAll("p");
    }

    private static String illegalPart(String t) {
        if (t.length() > 249) {
            return " (" + t.length() + " characters, at most 249)";
        }
        String bad = t.codePoints()
                .filter(cp -> !(cp < 128 && (Character.isLetterOrDigit(cp) || ".-_".indexOf(cp) >= 0)))
                .distinct().mapToObj(cp -> "'" + new String(Character.toChars(cp)) + "'")
                .collect(Collectors.joining(", "));
        return bad.isEmpty() ? "" : " (it contains " + bad + ")";
    }
}
