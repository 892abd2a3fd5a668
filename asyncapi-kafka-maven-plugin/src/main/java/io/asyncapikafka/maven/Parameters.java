package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.NumberType;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the strings users type into pom configuration or {@code -D} properties into typed values. Parsing by hand
 * rather than letting Maven convert enums gives one clear message naming the property and the accepted values.
 */
final class Parameters {

    private Parameters() {}

    /** {@code application} (default when blank) or {@code client}, in any case. */
    static Role role(String value) throws InvalidParameterException {
        if (value == null || value.isBlank()) {
            return Role.APPLICATION;
        }
        return switch (normalize(value)) {
            case "application" -> Role.APPLICATION;
            case "client" -> Role.CLIENT;
            default -> throw new InvalidParameterException(
                    "Invalid role '" + value.trim() + "' (asyncapi.role): use 'application' (the contract describes"
                            + " this service; the default) or 'client' (this service is the other side).");
        };
    }

    /** {@code bigdecimal} (default when blank) or {@code double}, in any case; {@code big_decimal} also accepted. */
    static NumberType numberType(String value) throws InvalidParameterException {
        if (value == null || value.isBlank()) {
            return NumberType.BIG_DECIMAL;
        }
        return switch (normalize(value).replace("_", "").replace("-", "")) {
            case "bigdecimal" -> NumberType.BIG_DECIMAL;
            case "double" -> NumberType.DOUBLE;
            default -> throw new InvalidParameterException(
                    "Invalid numberType '" + value.trim() + "' (asyncapi.numberType): use 'bigdecimal' (lossless;"
                            + " the default) or 'double'.");
        };
    }

    /** A dotted Java package name such as {@code com.acme.orders.api}. */
    static String packageName(String value) throws InvalidParameterException {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(
                    "No package name: set <packageName> or -Dasyncapi.packageName=com.acme.orders.api.");
        }
        String name = value.trim();
        if (!isPackageName(name)) {
            throw new InvalidParameterException(
                    "Invalid packageName '" + name + "' (asyncapi.packageName): use a dotted Java package name"
                            + " such as com.acme.orders.api (no keywords, no leading digits).");
        }
        return name;
    }

    /**
     * Channel names from pom list entries and/or comma-separated property values, trimmed, blanks dropped, duplicates
     * removed, order kept. Accepting commas inside entries makes {@code -Dasyncapi.includeChannels=a,b} and
     * {@code <includeChannels>a,b</includeChannels>} behave the same on every Maven version.
     */
    static List<String> channels(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String name = part.trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(new ArrayList<>(names));
    }

    /**
     * {@code channel=topic} entries (pom list entries and/or comma-separated property values) into an ordered map.
     * The channel is a channel name of the contract (checked once the contract is read); the topic must be a name
     * Kafka accepts.
     *
     * @param parameter the parameter's name, for messages ({@code retryTopics} or {@code deadLetterTopics})
     */
    static Map<String, String> topicsByChannel(List<String> values, String parameter) throws InvalidParameterException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : channels(values)) {
            int eq = entry.lastIndexOf('=');
            String channel = eq < 0 ? "" : entry.substring(0, eq).trim();
            String topic = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (channel.isEmpty() || topic.isEmpty()) {
                throw new InvalidParameterException("Invalid " + parameter + " entry '" + entry + "' (asyncapi."
                        + parameter + "): write channel=topic, e.g. orders.v1=orders.dead-letters.v1.");
            }
            if (!Channel.isLegalTopicName(topic)) {
                throw new InvalidParameterException("Invalid " + parameter + " topic '" + topic + "' for channel '"
                        + channel + "' (asyncapi." + parameter + "): Kafka topic names use only letters, digits,"
                        + " '.', '_' and '-' (at most 249).");
            }
            if (out.put(channel, topic) != null) {
                throw new InvalidParameterException("Channel '" + channel + "' appears twice in " + parameter
                        + " (asyncapi." + parameter + "): give each channel one topic.");
            }
        }
        return out;
    }

    /**
     * Dotted Java identifiers, none of them a keyword or literal. Hand-written rather than
     * {@code javax.lang.model.SourceVersion.isName}: loading that module costs milliseconds on every build, and this
     * runs before the up-to-date check.
     */
    static boolean isPackageName(String name) {
        for (String segment : name.split("\\.", -1)) {
            if (segment.isEmpty()
                    || RESERVED.contains(segment)
                    || !Character.isJavaIdentifierStart(segment.charAt(0))) {
                return false;
            }
            for (int i = 1; i < segment.length(); i++) {
                if (!Character.isJavaIdentifierPart(segment.charAt(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Java 17 keywords and literals; contextual words (record, sealed, var, ...) are legal package segments. */
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "_", "true", "false", "null");

    private static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
