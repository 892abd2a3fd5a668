package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.consumer.DeadLetterReason;
import io.asyncapikafka.runtime.consumer.HandlerDriver;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Streetlights tutorial contract (the specification's Kafka example, corpus copies of 2.6 and 3.0): the names a
 * person would write, and channel parameters reaching the handler typed and validated (test driver here, the real
 * broker in {@link StreetlightsParametersBrokerTest}).
 */
class StreetlightsApiTest {

    static final String V2 = "/corpus/spec/v2.6.0/streetlights-kafka.yml";
    static final String V3 = "/corpus/spec/v3.0.0/streetlights-kafka-asyncapi.yml";

    static AsyncApiModel read(String resource, Role role) {
        try {
            Path path = Path.of(StreetlightsApiTest.class.getResource(resource).toURI());
            return ContractReader.create(ReaderOptions.defaults().withRole(role)).read(path).orThrow();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static GenerationResult generate(String resource, Role role, String pkg) {
        GenerationResult r = CodeGenerator.create(GeneratorOptions.of(pkg)).generate(read(resource, role));
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        return r;
    }

    private static List<String> names(GenerationResult r) {
        return r.files().stream().map(f -> f.typeSpec().name()).toList();
    }

    private static String source(GenerationResult r, String simpleName) {
        return r.files().stream().filter(f -> f.typeSpec().name().equals(simpleName)).map(JavaFile::toString)
                .findFirst().orElseThrow(() -> new AssertionError(simpleName + " not generated: " + names(r)));
    }

    @Test
    void producersAndAccessorsAreNamedAfterWhatFollowsTheParameter() {
        GenerationResult app = generate(V2, Role.APPLICATION, "com.acme.lights");
        assertThat(names(app)).contains("TurnOnProducer", "TurnOffProducer", "DimProducer",
                "ReceiveLightMeasurementHandler", "LightingMeasuredParameters")
                .noneMatch(n -> n.startsWith("Smartylighting") || n.contains("Smartylighting"));
        String entry = source(app, "StreetlightsKafkaApiKafka");
        assertThat(entry).contains("public TurnOnProducer turnOnProducer()")
                .doesNotContain("smartylightingStreetlights10");
        assertThat(source(app, "Topics")).contains("public static String turnOn(String streetlightId)",
                "TURN_ON_PATTERN");
        Javac.compile(app.files());
    }

    @Test
    void underRoleClientTheSendMethodSaysItSends() {
        GenerationResult client = generate(V2, Role.CLIENT, "com.acme.lights");
        String producer = source(client, "LightingMeasuredProducer");
        // the contract's operationId receiveLightMeasurement is the application's (receiving) name
        assertThat(producer).contains("sendLightMeasured(String streetlightId,")
                .doesNotContain("receiveLightMeasurement(");
        assertThat(client.summary()).anyMatch(l -> l.contains("send -> LightingMeasuredProducer.sendLightMeasured"));
        // where the operationId already says what this side does, it stays
        assertThat(source(generate(V2, Role.APPLICATION, "com.acme.lights"), "TurnOnProducer"))
                .contains("turnOn(String streetlightId,");
        Javac.compile(client.files());
    }

    @Test
    void theSharedTraitsHeadersAreNamedAfterTheTrait() {
        for (String contract : List.of(V2, V3)) {
            GenerationResult r = generate(contract, Role.APPLICATION, "com.acme.lights");
            assertThat(names(r)).contains("CommonHeaders").doesNotContain("LightMeasuredHeaders");
            assertThat(r.summary()).filteredOn(l -> l.contains(": payload"))
                    .allMatch(l -> l.contains("headers com.acme.lights.model.CommonHeaders"));
        }
    }

    @Test
    void threeDotZeroChannelsAreNamedByTheirKeys() {
        GenerationResult r = generate(V3, Role.CLIENT, "com.acme.lights");
        assertThat(names(r)).contains("LightingMeasuredProducer", "LightTurnOnParameters", "TurnOnHandler");
        assertThat(source(r, "LightingMeasuredProducer")).contains("sendLightMeasured(String streetlightId,");
        Javac.compile(r.files());
    }

    private static final String DRIVER_APP = """
            package com.acme.app;
            import com.acme.zones.kafka.*;
            import com.acme.zones.model.*;
            import io.asyncapikafka.runtime.consumer.HandlerDriver;
            import java.util.*;
            public final class ZonesApp implements java.util.function.Function<String, Object> {
                public final List<String> seen = new ArrayList<>();
                private final HandlerDriver driver = ReceiveLightMeasurementConsumer.testDriver((message, parameters) ->
                        seen.add(parameters.zone() + "/" + parameters.streetlightId() + "/" + message.payload().lumens()
                                + " typed as " + ((Object) parameters.streetlightId()).getClass().getSimpleName()))
                        .build();
                public Object apply(String topic) {
                    return driver.deliver(topic, Messages.LIGHT_MEASURED, null, new LightMeasured(120L), null);
                }
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theDriverHandsTypedParametersOverAndDeadLettersATopicTheirSchemasRefuse() throws Exception {
        GenerationResult r = CodeGenerator.create(GeneratorOptions.of("com.acme.zones"))
                .generate(SeedContractTest.read("streetlight-zones.asyncapi.yaml", Role.APPLICATION));
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        assertThat(source(r, "MeasuredParameters")).contains("record MeasuredParameters(String zone, long streetlightId)");
        ClassLoader cl = Javac.compile(r.files(), Map.of("com.acme.app.ZonesApp", DRIVER_APP));
        Object app = cl.loadClass("com.acme.app.ZonesApp").getConstructor().newInstance();
        Function<String, Object> deliver = (Function<String, Object>) app;

        HandlerDriver.Result ok = (HandlerDriver.Result) deliver.apply("lights.north.7.measured");
        assertThat(ok.status()).isEqualTo(HandlerDriver.Status.PROCESSED);
        assertThat((List<String>) app.getClass().getField("seen").get(app)).containsExactly("north/7/120 typed as Long");

        assertDeadLettered(deliver, "lights.east.7.measured", "parameters.zone");
        assertDeadLettered(deliver, "lights.north.0.measured", "parameters.streetlightId");
        assertDeadLettered(deliver, "lights.north.seven.measured", "is not an integer");
        assertDeadLettered(deliver, "lights.north.measured", "does not match channel");
        assertThat((List<String>) app.getClass().getField("seen").get(app)).hasSize(1);
    }

    private static void assertDeadLettered(Function<String, Object> deliver, String topic, String why) {
        HandlerDriver.Result result = (HandlerDriver.Result) deliver.apply(topic);
        assertThat(result.status()).as(topic).isEqualTo(HandlerDriver.Status.DEAD_LETTERED);
        assertThat(result.reason()).as(topic).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(result.attempts()).as("never retried: %s", topic).isZero();
        assertThat(result.error()).as(topic).hasMessageContaining(why);
    }
}
