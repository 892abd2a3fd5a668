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
 * OpenAPI 3.0 Schema Object payloads (Springwolf's {@code application/vnd.oai.openapi+json;version=3.0.0}) generate
 * like JSON Schema: {@code nullable: true} lets a required member be null, OpenAPI's discriminator object picks the
 * union variant. Compiled and run.
 */
class OpenApiPayloadsTest {

    @Test
    void nullableAndDiscriminatorWork() {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.pets"))
                .generate(Contracts.read(Contracts.MODEL_GOOD.resolve("openapi-payloads.asyncapi.yaml")));
        assertThat(result.diagnostics()).isEmpty();
        Compiled c = InMemoryCompiler.compile(result.files());

        Class<?> adopted = c.load("com.acme.pets.model.PetAdoptedPayload");
        String id = "\"petId\":\"9b2d3c1e-1f4a-4c5e-9e6f-0a1b2c3d4e5f\"";
        assertThat(violations(c.read("{" + id + ",\"owner\":\"Ann\",\"note\":null}", adopted))).isEmpty();
        assertThatThrownBy(() -> c.read("{" + id + ",\"owner\":null,\"note\":null}", adopted))
                .hasStackTraceContaining("owner");

        Class<?> seen = c.load("com.acme.pets.model.PetSeenPayload");
        Object cat = c.read("{\"pet\":{\"kind\":\"cat\",\"name\":\"Tom\"}}", seen);
        Object dog = c.read("{\"pet\":{\"kind\":\"dog\",\"name\":\"Rex\",\"good\":true}}", seen);
        assertThat(Compiled.call(cat, "pet").getClass().getSimpleName()).isEqualTo("Cat");
        assertThat(Compiled.call(dog, "pet").getClass().getSimpleName()).isEqualTo("Dog");
    }
}
