package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Compiled.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code enum: [on, off]} (the streetlights example) is two strings in YAML 1.2: a Java enum with the wire values
 * {@code on}/{@code off}, no AKG006, and a payload with another command is refused.
 */
class Yaml12ScalarsTest {

    @Test
    void onOffEnumIsAStringEnum() {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.lights"))
                .generate(Contracts.read(Contracts.MODEL_GOOD.resolve("streetlights-yaml12.asyncapi.yaml")));
        assertThat(result.diagnostics()).isEmpty();
        Compiled c = InMemoryCompiler.compile(result.files());
        Class<?> payload = c.load("com.acme.lights.model.TurnOnOffPayload");
        Object off = c.read("{\"command\":\"off\"}", payload);
        assertThat(violations(off)).isEmpty();
        assertThat(c.roundTrip("{\"command\":\"on\"}", payload).toString()).isEqualTo("{\"command\":\"on\"}");
        assertThatThrownBy(() -> c.read("{\"command\":\"dim\"}", payload)).hasMessageContaining("dim");
        assertThatThrownBy(() -> c.read("{\"command\":true}", payload)).isNotNull();
    }
}
