package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReadResult;
import io.asyncapikafka.model.ReaderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message examples: their shape is the reader's (AKM085, as the AsyncAPI JSON schemas have it), their payload and
 * headers values are checked against the message's schemas by the generator (AKG020) with the runtime's own check.
 */
class MessageExamplesTest {

    @TempDir
    Path dir;

    private static final String HEAD_26 = """
            asyncapi: 2.6.0
            info: {title: Users, version: 1.0.0}
            channels:
              users:
                subscribe:
                  message:
                    $ref: '#/components/messages/UserSignedUp'
            components:
              messages:
                UserSignedUp:
                  payload:
                    type: object
                    required: [id]
                    properties:
                      id: {type: integer, minimum: 1}
                      email: {type: string, format: email}
                  headers:
                    type: object
                    properties:
                      tenant: {type: string, maxLength: 3}
            """;

    @Test
    void examplesThatMatchTheirSchemasPass() throws IOException {
        List<Diagnostic> d = generate(HEAD_26 + """
                      examples:
                        - name: ann
                          payload: {id: 1, email: ann@example.com}
                          headers: {tenant: abc}
                        - headers: {tenant: x}
                """);
        assertThat(d).filteredOn(Diagnostic::isError).isEmpty();
    }

    @Test
    void anExamplePayloadThatBreaksItsSchemaFailsTheBuildLocated() throws IOException {
        List<Diagnostic> all = generate(HEAD_26 + """
                      examples:
                        - name: random
                          payload: {id: 0, email: '{{randomEmail()}}'}
                        - payload: {email: ann@example.com}
                          headers: {tenant: abcd}
                """);
        List<Diagnostic> d = all.stream().filter(x -> x.code().equals("AKG020")).toList();
        assertThat(d).hasSize(3).allMatch(Diagnostic::isError);
        assertThat(d.get(0).message()).contains("example 'random' of message 'UserSignedUp'", "$.id", "$.email");
        assertThat(d.get(0).location().line()).isEqualTo(23);
        assertThat(d.get(1).message()).contains("example #1", "payload", "id");
        assertThat(d.get(2).message()).contains("example #1", "headers", "$.tenant");
    }

    @Test
    void theExamplesOfAComponentMessageNoChannelUsesAreCheckedTheSameWay() throws IOException {
        String yaml = HEAD_26 + """
                      examples:
                        - payload: {id: 1}
                    Unused:
                      payload: {$ref: '#/components/schemas/OnlyUnusedReachesThis'}
                      examples:
                        - name: fine
                          payload: {code: ab}
                        - name: broken
                          payload: {code: abcdef}
                        - laurent: {code: ab}
                          payload: {code: ab}
                  schemas:
                    OnlyUnusedReachesThis:
                      type: object
                      required: [code]
                      properties:
                        code: {type: string, maxLength: 3}
                """;
        // the shape, as the reader checks it for any message
        assertThat(read(yaml).errors()).extracting(Diagnostic::code).containsExactly("AKM085");
        assertThat(read(yaml).errors().get(0).location().line()).isEqualTo(30);

        Path file = dir.resolve("asyncapi.yaml");
        Files.writeString(file, yaml.replace("- laurent: {code: ab}\n", "- "), StandardCharsets.UTF_8);
        ReadResult r = ContractReader.create(ReaderOptions.defaults()).read(file);
        assertThat(r.errors()).isEmpty();
        assertThat(r.orThrow().unusedMessages().messages()).extracting(m -> m.name()).containsExactly("Unused");
        List<Diagnostic> d = CodeGenerator.create(GeneratorOptions.of("com.acme.users")).generate(r.orThrow())
                .diagnostics().stream().filter(x -> x.code().equals("AKG020")).toList();
        // the schema only this message reaches is the one checked; nothing is generated for the message
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.isError()).isTrue();
            assertThat(x.message()).contains("example 'broken' of message 'Unused'", "$.code");
            assertThat(x.location().line()).isEqualTo(29);
            assertThat(x.location().pointer()).isEqualTo("/components/messages/Unused/examples/1/payload");
        });
        assertThat(CodeGenerator.create(GeneratorOptions.of("com.acme.users")).generate(r.orThrow()).files())
                .noneMatch(f -> f.typeSpec().name().equals("OnlyUnusedReachesThis"));
    }

    @Test
    void inA3xDocumentTheExamplesOfComponentMessagesNoOperationUsesAreCheckedToo() throws IOException {
        List<Diagnostic> d = generate("""
                asyncapi: 3.0.0
                info: {title: Users, version: 1.0.0}
                channels:
                  users:
                    address: users
                    messages:
                      signedUp: {$ref: '#/components/messages/SignedUp'}
                      listedOnly: {$ref: '#/components/messages/ListedOnly'}
                operations:
                  onSignedUp:
                    action: receive
                    channel: {$ref: '#/channels/users'}
                    messages: [{$ref: '#/channels/users/messages/signedUp'}]
                components:
                  messages:
                    SignedUp:
                      payload: {type: object, properties: {id: {type: integer}}}
                      examples:
                        - payload: {id: 1}
                    ListedOnly:
                      payload: {type: object, properties: {id: {type: integer}}}
                      examples:
                        - payload: {id: one}
                    Nowhere:
                      payload: {type: object, properties: {id: {type: integer, minimum: 1}}}
                      examples:
                        - payload: {id: 0}
                """).stream().filter(x -> x.code().equals("AKG020")).toList();
        assertThat(d).extracting(Diagnostic::message).satisfiesExactly(
                m -> assertThat(m).contains("message 'ListedOnly'", "$.id"),
                m -> assertThat(m).contains("message 'Nowhere'", "$.id"));
        assertThat(d).extracting(x -> x.location().line()).containsExactly(23, 27);
    }

    @Test
    void exampleShapesFollowTheJsonSchemaOfTheirVersion() throws IOException {
        ReadResult r = read(HEAD_26 + """
                      examples:
                        - name: no-payload
                        - laurent: {id: 1}
                          payload: {id: 1}
                        - 42
                """);
        assertThat(r.errors()).extracting(Diagnostic::code).containsOnly("AKM085");
        assertThat(r.errors()).extracting(Diagnostic::message).anyMatch(m -> m.contains("neither 'payload' nor"))
                .anyMatch(m -> m.contains("'laurent'")).anyMatch(m -> m.contains("must be an object"));

        ReadResult notAList = read(HEAD_26 + """
                      examples: {payload: {id: 1}}
                """);
        assertThat(notAList.errors()).extracting(Diagnostic::code).containsExactly("AKM085");
    }

    @Test
    void traitExamplesAreCheckedWhereTheVersionsSchemaChecksThem() throws IOException {
        String trait = """
                asyncapi: %s
                info: {title: Users, version: 1.0.0}
                channels:
                  users:
                    subscribe:
                      message:
                        traits: [{$ref: '#/components/messageTraits/common'}]
                        payload: {type: string}
                components:
                  messageTraits:
                    common:
                      examples:
                        - laurent: {id: 1}
                """;
        assertThat(read(trait.formatted("2.6.0")).errors()).extracting(Diagnostic::code).contains("AKM085");
        // the 2.4.0 schema asks only that a trait's example be an object
        assertThat(read(trait.formatted("2.4.0")).errors()).isEmpty();
    }

    @Test
    void aV3TraitExampleWithAnUnknownKeyAndNoPayloadIsRefused() throws IOException {
        ReadResult r = read("""
                asyncapi: 3.0.0
                info: {title: Users, version: 1.0.0}
                channels:
                  users:
                    address: users
                    messages:
                      signedUp:
                        payload: {type: string}
                        traits: [{$ref: '#/components/messageTraits/common'}]
                operations:
                  onSignedUp:
                    action: receive
                    channel: {$ref: '#/channels/users'}
                components:
                  messageTraits:
                    common:
                      examples:
                        - laurent: {id: 1}
                """);
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("AKM085", "AKM085");
    }

    @Test
    void aV3RootFieldTheSpecificationDoesNotDefineIsAnError() throws IOException {
        ReadResult r = read("""
                asyncapi: 3.0.0
                info: {title: Users, version: 1.0.0}
                tags: [{name: users}]
                x-owner: team-a
                """);
        assertThat(r.errors()).extracting(Diagnostic::code).containsExactly("AKM075");
        assertThat(r.errors().get(0).location().line()).isEqualTo(3);
    }

    private ReadResult read(String yaml) throws IOException {
        Path file = dir.resolve("asyncapi.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return ContractReader.create(ReaderOptions.defaults()).read(file);
    }

    private List<Diagnostic> generate(String yaml) throws IOException {
        ReadResult r = read(yaml);
        assertThat(r.errors()).isEmpty();
        return CodeGenerator.create(GeneratorOptions.of("com.acme.users")).generate(r.orThrow()).diagnostics();
    }
}
