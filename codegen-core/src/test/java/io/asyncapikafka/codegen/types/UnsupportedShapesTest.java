package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Severity;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shapes that cannot be typed give a located diagnostic and a visible fallback; nothing crashes, nothing is Object. */
class UnsupportedShapesTest {

    @Test
    void eachUnsupportedShapeIsReportedWithItsLocation() {
        GenerationResult r = CodeGenerator.create(GeneratorOptions.of("com.acme"))
                .generate(Contracts.read(Contracts.OWN.resolve("unsupported/unsupported.asyncapi.yaml")));
        String p = "/channels/odd/subscribe/message";
                assertThat(r.diagnostics())
                .extracting(Diagnostic::code, d -> d.location().file(), d -> d.location().line(),
                        d -> d.location().pointer())
                .containsExactly(
                        tuple("AKG010", "unsupported.asyncapi.yaml", 11, p + "/headers"),
                        // the payload is checked at run time (an allOf with a string part, ...): the pattern Java
                        // cannot compile is left out of that check too
                        tuple("AKG004", "unsupported.asyncapi.yaml", 13, p + "/payload"),
                        tuple("AKG002", "unsupported.asyncapi.yaml", 18, p + "/payload/properties/either/oneOf/0"),
                        tuple("AKG012", "unsupported.asyncapi.yaml", 22, p + "/payload/properties/merged"),
                        tuple("AKG007", "unsupported.asyncapi.yaml", 28, p + "/payload/properties/nothing"),
                        tuple("AKG003", "unsupported.asyncapi.yaml", 30, p + "/payload/properties/open"),
                        tuple("AKG004", "unsupported.asyncapi.yaml", 36, p + "/payload/properties/regex"),
                        tuple("AKG005", "unsupported.asyncapi.yaml", 39, p + "/payload/properties/count"),
                        tuple("AKG006", "unsupported.asyncapi.yaml", 42, p + "/payload/properties/mixed"),
                        tuple("AKG008", "unsupported.asyncapi.yaml", 51,
                                p + "/payload/properties/conflicting/allOf/1/properties/x"),
                        tuple("AKG009", "unsupported.asyncapi.yaml", 54, p + "/payload/properties/tagged/oneOf/0"),
                        tuple("AKG009", "unsupported.asyncapi.yaml", 58, p + "/payload/properties/tagged/oneOf/1"));
        assertThat(r.diagnostics()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.hint()).isNotBlank();
            assertThat(d.format()).startsWith("unsupported.asyncapi.yaml:");
        });
    }

    @Test
    void fallbacksAreTypedAndCompile() {
        GenerationResult r = CodeGenerator.create(GeneratorOptions.of("com.acme"))
                .generate(Contracts.read(Contracts.OWN.resolve("unsupported/unsupported.asyncapi.yaml")));
        Compiled c = InMemoryCompiler.compile(r.files());
        Map<String, String> types = Arrays.stream(c.load("com.acme.model.Odd").getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, rc -> rc.getGenericType().getTypeName()));
        assertThat(types).containsEntry("either", "com.fasterxml.jackson.databind.JsonNode")
                .containsEntry("merged", "com.fasterxml.jackson.databind.JsonNode") // checked at run time (AKG012)
                .containsEntry("nothing", "com.fasterxml.jackson.databind.JsonNode")
                .containsEntry("open", "com.acme.model.OddOpen")
                .containsEntry("count", "java.math.BigInteger") // no bound: no limit
                .containsEntry("conflicting", "com.acme.model.OddConflicting")
                .containsEntry("tagged", "com.acme.model.OddTagged");
        assertThat(types.values()).doesNotContain("java.lang.Object");
    }
}
