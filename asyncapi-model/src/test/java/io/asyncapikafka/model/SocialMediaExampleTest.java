package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The specification's multi-file example (fixtures/social-media, copied from asyncapi/spec v2.6.0; see its
 * SOURCES.md): each service's contract {@code $ref}s {@code ../common/*.yaml}. Inside the root directory (the project
 * that holds the example) that reads as published; past it, and without a root directory, it is AKM023.
 */
class SocialMediaExampleTest {

    private static final Path ROOT = Fixtures.dir("social-media");

    @ParameterizedTest
    @ValueSource(strings = {"backend", "comments-service", "frontend", "notification-service", "public-api"})
    void readsFromAProjectThatHoldsIt(String service) {
        Path contract = ROOT.resolve(service).resolve("asyncapi.yaml");
        ReadResult r = Fixtures.read(contract, ReaderOptions.defaults().withRootDirectory(ROOT));
        assertThat(r.errors()).as("%s", r.diagnostics()).isEmpty();
        AsyncApiModel m = r.orThrow();
        assertThat(m.inputFiles()).contains("asyncapi.yaml", "../common/messages.yaml");
        assertThat(m.operations()).allSatisfy(o -> assertThat(o.messages()).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"comments-service"})
    void refusesAnEscapePastTheRoot(String service) {
        Path contract = ROOT.resolve(service).resolve("asyncapi.yaml");
        for (ReaderOptions o : List.of(ReaderOptions.defaults(),
                ReaderOptions.defaults().withRootDirectory(ROOT.resolve(service)))) {
            ReadResult r = Fixtures.read(contract, o);
            assertThat(r.errors()).extracting(Diagnostic::code).containsOnly("AKM023");
            assertThat(r.errors().get(0).location().line()).isEqualTo(28);
            assertThat(r.errors().get(0).message()).contains("'../common/messages.yaml#/commentLiked'");
        }
        ReadResult allowed = Fixtures.read(contract, ReaderOptions.defaults().withAllowRefsOutsideRoot(true));
        assertThat(allowed.errors()).isEmpty();
    }
}
