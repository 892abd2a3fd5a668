package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 3.x reply the generated API does not wire yet is a located warning, never silence. */
class ReplyNoticeTest {

    private static final Path GOOD = Path.of("../asyncapi-model/src/test/resources/fixtures/good");

    @ParameterizedTest
    @EnumSource(Role.class)
    void anOperationWithAReplyIsReported(Role role) {
        var model = ContractReader.create(ReaderOptions.defaults().withRole(role))
                .read(GOOD.resolve("costing-v31.asyncapi.yaml")).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.costing")).generate(model);
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).filteredOn(d -> d.code().equals("AKK301")).singleElement().satisfies(d -> {
            assertThat(d.location().pointer()).isEqualTo("/operations/receiveACostingRequest");
            assertThat(d.message()).contains(role == Role.APPLICATION ? "receive side" : "send side");
        });
        assertThat(result.diagnostics()).extracting(Diagnostic::code).containsOnlyOnce("AKK301");
    }
}
