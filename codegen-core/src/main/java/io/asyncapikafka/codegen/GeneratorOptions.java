package io.asyncapikafka.codegen;

import java.util.List;
import java.util.Objects;

/**
 * What to generate and how.
 *
 * @param basePackage the package every generated type goes under, e.g. {@code com.acme.orders.api}
 * @param numberType the Java type for JSON {@code number}
 * @param includeChannels channel names to generate; empty means all
 * @param excludeChannels channel names to leave out
 * @param generatorVersion written into {@code @Generated}; never a date
 */
public record GeneratorOptions(
        String basePackage,
        NumberType numberType,
        List<String> includeChannels,
        List<String> excludeChannels,
        String generatorVersion) {

    public GeneratorOptions {
        Objects.requireNonNull(basePackage, "basePackage");
        Objects.requireNonNull(numberType, "numberType");
        includeChannels = List.copyOf(includeChannels);
        excludeChannels = List.copyOf(excludeChannels);
        Objects.requireNonNull(generatorVersion, "generatorVersion");
    }

    public static GeneratorOptions of(String basePackage) {
        return new GeneratorOptions(basePackage, NumberType.BIG_DECIMAL, List.of(), List.of(), "dev");
    }

    public GeneratorOptions withNumberType(NumberType t) {
        return new GeneratorOptions(basePackage, t, includeChannels, excludeChannels, generatorVersion);
    }

    public GeneratorOptions withChannels(List<String> include, List<String> exclude) {
        return new GeneratorOptions(basePackage, numberType, include, exclude, generatorVersion);
    }

    public GeneratorOptions withGeneratorVersion(String v) {
        return new GeneratorOptions(basePackage, numberType, includeChannels, excludeChannels, v);
    }

    public boolean includes(String channel) {
        return (includeChannels.isEmpty() || includeChannels.contains(channel)) && !excludeChannels.contains(channel);
    }
}
