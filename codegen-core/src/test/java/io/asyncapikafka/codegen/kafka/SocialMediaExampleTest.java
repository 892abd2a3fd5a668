package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The specification's multi-file example (asyncapi/spec v2.6.0 examples/social-media; the services {@code $ref}
 * {@code ../common/*.yaml}) generates as published from a project that holds it, in both roles, and compiles.
 */
class SocialMediaExampleTest {

    private static final Path ROOT = Path.of("../asyncapi-model/src/test/resources/fixtures/social-media");

    static Stream<Arguments> services() {
        return Stream.of("backend", "comments-service", "frontend", "notification-service", "public-api")
                .flatMap(s -> Stream.of(Arguments.of(s, Role.APPLICATION), Arguments.of(s, Role.CLIENT)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("services")
    void generatesAndCompiles(String service, Role role) throws Exception {
        AsyncApiModel model = ContractReader.create(ReaderOptions.defaults().withRole(role).withRootDirectory(ROOT))
                .read(ROOT.resolve(service).resolve("asyncapi.yaml")).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.social")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        ClassLoader cl = Javac.compile(result.files());
        for (var f : result.files()) {
            cl.loadClass(f.packageName() + "." + f.typeSpec().name());
        }
    }
}
