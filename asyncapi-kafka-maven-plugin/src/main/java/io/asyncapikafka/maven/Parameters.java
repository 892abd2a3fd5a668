package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.NumberType;
import io.asyncapikafka.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

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
        // isName also rejects keywords in any segment (com.acme.class), which javac would reject later anyway.
        if (!SourceVersion.isName(name, SourceVersion.RELEASE_17)) {
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

    private static String normalize(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
