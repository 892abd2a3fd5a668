package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code x-java-name} on channels, operations, messages and schemas; its validation (AKK401/AKG016) and clashes
 * (AKK402/AKG017) as located errors; and a schema's class name staying the same when the schema moves into its own file.
 */
class JavaNamesTest {

    @TempDir
    Path dir;

    private static final String NAMED = """
            asyncapi: '2.6.0'
            info: {title: Lights, version: '1'}
            channels:
              smartylighting.streetlights.1.0.action.{streetlightId}.turn.on:
                x-java-name: %s
                parameters:
                  streetlightId: {schema: {type: string}}
                subscribe:
                  operationId: turnOn
                  x-java-name: %s
                  message:
                    $ref: '#/components/messages/turnOnOff'
              lights.measured:
                publish:
                  operationId: receiveLightMeasurement
                  message:
                    name: lightMeasured
                    x-java-name: %s
                    payload:
                      $ref: '#/components/schemas/lightMeasuredPayload'
            components:
              messages:
                turnOnOff:
                  payload:
                    type: object
                    x-java-name: %s
                    properties:
                      command: {type: string}
              schemas:
                lightMeasuredPayload:
                  type: object
                  x-java-name: %s
                  properties:
                    lumens: {type: integer}
            """;

    private GenerationResult generate(String file, String text, Role role) throws IOException {
        Path contract = dir.resolve(file);
        Files.createDirectories(contract.getParent());
        Files.writeString(contract, text);
        return CodeGenerator.create(GeneratorOptions.of("com.acme"))
                .generate(ContractReader.create(ReaderOptions.defaults().withRole(role)).read(contract).orThrow());
    }

    private static List<String> names(GenerationResult r) {
        return r.files().stream().map(f -> f.typeSpec().name()).toList();
    }

    @Test
    void xJavaNameNamesChannelsOperationsMessagesAndSchemas() throws Exception {
        GenerationResult r = generate("lights.yaml",
                NAMED.formatted("LampOn", "switchOn", "Measurement", "SwitchCommand", "Lumens"), Role.APPLICATION);
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        assertThat(names(r)).contains("LampOnProducer", "InMemoryLampOnProducer", "SwitchCommand", "Lumens",
                "ReceiveLightMeasurementHandler");
        String producer = r.files().stream().filter(f -> f.typeSpec().name().equals("LampOnProducer")).findFirst()
                .orElseThrow().toString();
        assertThat(producer).contains("switchOn(String streetlightId,", "SwitchCommand payload");
        String handler = r.files().stream().filter(f -> f.typeSpec().name().equals("ReceiveLightMeasurementHandler"))
                .findFirst().orElseThrow().toString();
        assertThat(handler).contains("void onMeasurement(", "Lumens");
        String messages = r.files().stream().filter(f -> f.typeSpec().name().equals("Messages")).findFirst()
                .orElseThrow().toString();
        assertThat(messages).contains("MEASUREMENT").contains("\"lightMeasured\""); // ce_type stays the message name
        Javac.compile(r.files());

        GenerationResult client = generate("lights.yaml",
                NAMED.formatted("LampOn", "switchOn", "Measurement", "SwitchCommand", "Lumens"), Role.CLIENT);
        assertThat(names(client)).contains("SwitchOnHandler", "SwitchOnConsumer", "LampOnParameters");
        Javac.compile(client.files());
    }

    @Test
    void anUnusableXJavaNameIsALocatedError() throws Exception {
        GenerationResult r = generate("bad.yaml",
                NAMED.formatted("turn-on", "class", "String", "SwitchCommand", "9Lumens"), Role.APPLICATION);
        assertThat(r.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(Diagnostic::code, d -> d.location().line())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("AKK401", 4),
                        org.assertj.core.groups.Tuple.tuple("AKK401", 8),
                        org.assertj.core.groups.Tuple.tuple("AKK401", 16),
                        org.assertj.core.groups.Tuple.tuple("AKG016", 30));
        assertThat(r.diagnostics()).filteredOn(d -> d.code().equals("AKK401"))
                .allMatch(d -> d.location().file().equals("bad.yaml") && d.hint() != null);
    }

    @Test
    void twoThingsGivenOneNameIsALocatedError() throws Exception {
        GenerationResult r = generate("clash.yaml",
                NAMED.formatted("LampOn", "switchOn", "Measurement", "Lumens", "Lumens"), Role.APPLICATION);
        assertThat(r.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(Diagnostic::code).containsExactly("AKG017");
        GenerationResult handlers = generate("clash2.yaml", """
                asyncapi: '2.6.0'
                info: {title: Lights, version: '1'}
                channels:
                  a:
                    publish: {operationId: receiveA, x-java-name: onLight, message: {payload: {type: string}}}
                  b:
                    publish: {operationId: receiveB, x-java-name: onLight, message: {payload: {type: string}}}
                """, Role.APPLICATION);
        assertThat(handlers.diagnostics()).filteredOn(d -> d.severity() == Severity.ERROR)
                .extracting(Diagnostic::code, d -> d.location().line())
                .contains(org.assertj.core.groups.Tuple.tuple("AKK402", 7));
    }

    private static final String INLINE = """
            asyncapi: '2.6.0'
            info: {title: Lights, version: '1'}
            channels:
              lights.measured:
                publish:
                  operationId: receiveLightMeasurement
                  message:
                    name: lightMeasured
                    payload:
                      $ref: '%s'
            components:
              schemas:
                lightMeasuredPayload:
                  %s
            """;

    private static final String SCHEMA = """
            type: object
            properties:
              lumens: {type: integer}
            """;

    @Test
    void aSchemaKeepsItsClassNameWhenItMovesIntoItsOwnFile() throws Exception {
        GenerationResult inline = generate("inline/c.yaml", INLINE.formatted("#/components/schemas/lightMeasuredPayload",
                SCHEMA.replace("\n", "\n      ")), Role.APPLICATION);
        Files.createDirectories(dir.resolve("moved/schemas"));
        Files.writeString(dir.resolve("moved/schemas/light-measured.yaml"), SCHEMA);
        GenerationResult moved = generate("moved/c.yaml", INLINE.formatted("#/components/schemas/lightMeasuredPayload",
                "$ref: './schemas/light-measured.yaml'"), Role.APPLICATION);
        Files.createDirectories(dir.resolve("direct/schemas"));
        Files.writeString(dir.resolve("direct/schemas/lightMeasuredPayload.yaml"), SCHEMA);
        GenerationResult direct = generate("direct/c.yaml", INLINE.formatted("./schemas/lightMeasuredPayload.yaml",
                "{type: string}"), Role.APPLICATION);
        for (GenerationResult r : List.of(inline, moved, direct)) {
            assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
            assertThat(names(r)).as("%s", Map.of("files", names(r))).contains("LightMeasuredPayload");
        }
    }
}
