package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.testkit.KafkaBrokerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Streetlights tutorial contract on the in-JVM broker, both sides generated from the one document: the client side
 * sends a measurement for two streetlights ({@code sendLightMeasured(streetlightId, ...)} builds each topic), the
 * application side subscribes by pattern and its handler gets each record's {@code streetlightId} typed, read by the
 * runtime from the topic.
 */
class StreetlightsParametersBrokerTest {

    private static final String LAMP_7 = "smartylighting.streetlights.1.0.event.lamp-7.lighting.measured";
    private static final String LAMP_8 = "smartylighting.streetlights.1.0.event.lamp-8.lighting.measured";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.create()
            .withTopic(LAMP_7, 1)
            .withTopic(LAMP_8, 1);

    private static final String APP = """
            package com.acme.app;
            import java.time.OffsetDateTime;
            import java.util.*;
            import java.util.concurrent.*;
            public final class LightsApp implements java.util.function.Function<String, String> {
                public String apply(String bootstrap) {
                    try (var service = com.acme.service.kafka.StreetlightsKafkaApiKafka.connect(bootstrap);
                            var lights = com.acme.lights.kafka.StreetlightsKafkaApiKafka.connect(bootstrap)) {
                        BlockingQueue<String> got = new LinkedBlockingQueue<>();
                        service.receiveLightMeasurement((message, parameters) -> got.add("streetlight "
                                + parameters.streetlightId() + ": " + message.payload().lumens() + " lumens on "
                                + message.topic()));
                        service.start();
                        var measured = lights.lightingMeasuredProducer();
                        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T12:00:00Z");
                        measured.sendLightMeasured("lamp-7", new com.acme.lights.model.LightMeasuredPayload(120L, at),
                                null).get(30, TimeUnit.SECONDS);
                        measured.sendLightMeasured("lamp-8", new com.acme.lights.model.LightMeasuredPayload(80L, at),
                                null).get(30, TimeUnit.SECONDS);
                        List<String> out = new ArrayList<>();
                        for (int i = 0; i < 2; i++) {
                            String s = got.poll(60, TimeUnit.SECONDS);
                            if (s == null) {
                                break;
                            }
                            out.add(s);
                        }
                        Collections.sort(out);
                        return String.join("\\n", out);
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theHandlerGetsEachRecordsStreetlightIdFromItsTopic() throws Exception {
        List<JavaFile> files = new ArrayList<>(
                StreetlightsApiTest.generate(StreetlightsApiTest.V2, Role.APPLICATION, "com.acme.service").files());
        files.addAll(StreetlightsApiTest.generate(StreetlightsApiTest.V2, Role.CLIENT, "com.acme.lights").files());
        ClassLoader cl = Javac.compile(files, Map.of("com.acme.app.LightsApp", APP));
        Function<String, String> app = (Function<String, String>) cl.loadClass("com.acme.app.LightsApp")
                .getConstructor().newInstance();

        assertThat(app.apply(KAFKA.bootstrapServers()).split("\n")).containsExactly(
                "streetlight lamp-7: 120 lumens on " + LAMP_7,
                "streetlight lamp-8: 80 lumens on " + LAMP_8);
    }
}
