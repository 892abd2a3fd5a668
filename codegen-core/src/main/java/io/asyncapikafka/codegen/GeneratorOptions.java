package io.asyncapikafka.codegen;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to generate and how.
 *
 * @param basePackage the package every generated type goes under, e.g. {@code com.acme.orders.api}
 * @param numberType the Java type for JSON {@code number}
 * @param includeChannels channel names to generate; empty means all
 * @param excludeChannels channel names to leave out
 * @param generatorVersion written into {@code @Generated}; never a date
 * @param retryTopics retry topic by channel name, before anything the contract says (see the Kafka API's retry/DLQ
 *     resolution)
 * @param deadLetterTopics dead-letter topic by channel name, likewise
 * @param avroBaselineSchemas the Avro schemas (JSON texts) of the contract's baselines: each single-object Avro
 *     message's reader also resolves the versions of its type among them that its schema reads (AKG024 names those it
 *     cannot)
 */
public record GeneratorOptions(
        String basePackage,
        NumberType numberType,
        List<String> includeChannels,
        List<String> excludeChannels,
        String generatorVersion,
        Map<String, String> retryTopics,
        Map<String, String> deadLetterTopics,
        List<String> avroBaselineSchemas) {

    public GeneratorOptions {
        Objects.requireNonNull(basePackage, "basePackage");
        Objects.requireNonNull(numberType, "numberType");
        includeChannels = List.copyOf(includeChannels);
        excludeChannels = List.copyOf(excludeChannels);
        Objects.requireNonNull(generatorVersion, "generatorVersion");
        // Ordered copies: the options' text is part of the plugin's build fingerprint, so it must not vary by run.
        retryTopics = Collections.unmodifiableMap(new LinkedHashMap<>(retryTopics));
        deadLetterTopics = Collections.unmodifiableMap(new LinkedHashMap<>(deadLetterTopics));
        avroBaselineSchemas = List.copyOf(avroBaselineSchemas);
    }

    /** Without Avro baseline schemas. */
    public GeneratorOptions(String basePackage, NumberType numberType, List<String> includeChannels,
            List<String> excludeChannels, String generatorVersion, Map<String, String> retryTopics,
            Map<String, String> deadLetterTopics) {
        this(basePackage, numberType, includeChannels, excludeChannels, generatorVersion, retryTopics,
                deadLetterTopics, List.of());
    }

    /** Without retry or dead-letter topic overrides. */
    public GeneratorOptions(String basePackage, NumberType numberType, List<String> includeChannels,
            List<String> excludeChannels, String generatorVersion) {
        this(basePackage, numberType, includeChannels, excludeChannels, generatorVersion, Map.of(), Map.of());
    }

    public static GeneratorOptions of(String basePackage) {
        return new GeneratorOptions(basePackage, NumberType.BIG_DECIMAL, List.of(), List.of(), "dev");
    }

    public GeneratorOptions withNumberType(NumberType t) {
        return new GeneratorOptions(basePackage, t, includeChannels, excludeChannels, generatorVersion, retryTopics,
                deadLetterTopics, avroBaselineSchemas);
    }

    public GeneratorOptions withChannels(List<String> include, List<String> exclude) {
        return new GeneratorOptions(basePackage, numberType, include, exclude, generatorVersion, retryTopics,
                deadLetterTopics, avroBaselineSchemas);
    }

    public GeneratorOptions withGeneratorVersion(String v) {
        return new GeneratorOptions(basePackage, numberType, includeChannels, excludeChannels, v, retryTopics,
                deadLetterTopics, avroBaselineSchemas);
    }

    /** With retry and dead-letter topics chosen per channel name, ahead of the contract's extensions and conventions. */
    public GeneratorOptions withTopicOverrides(Map<String, String> retry, Map<String, String> deadLetter) {
        return new GeneratorOptions(basePackage, numberType, includeChannels, excludeChannels, generatorVersion, retry,
                deadLetter, avroBaselineSchemas);
    }

    /** With the Avro schemas of the contract's baselines (see {@link #avroBaselineSchemas()}). */
    public GeneratorOptions withAvroBaselineSchemas(List<String> schemas) {
        return new GeneratorOptions(basePackage, numberType, includeChannels, excludeChannels, generatorVersion,
                retryTopics, deadLetterTopics, schemas);
    }

    public boolean includes(String channel) {
        return (includeChannels.isEmpty() || includeChannels.contains(channel)) && !excludeChannels.contains(channel);
    }
}
