package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every good fixture of the model module, in both roles: payload types plus Kafka API compile with
 * {@code -Xlint:all -Werror}, and the generated topics, producers and handlers match the model.
 */
class GoodFixturesKafkaApiTest {

    private static final Path GOOD = Path.of("../asyncapi-model/src/test/resources/fixtures/good");

    static Stream<Arguments> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(GOOD)) {
            List<Path> contracts = files.filter(p -> p.getFileName().toString().contains(".asyncapi.")).sorted().toList();
            assertThat(contracts).hasSizeGreaterThanOrEqualTo(5);
            return contracts.stream().flatMap(p -> Stream.of(Arguments.of(p.getFileName().toString(), Role.APPLICATION),
                    Arguments.of(p.getFileName().toString(), Role.CLIENT)));
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("fixtures")
    void compilesAndMatchesTheModel(String fixture, Role role) throws Exception {
        AsyncApiModel model = ContractReader.create(ReaderOptions.defaults().withRole(role)).read(GOOD.resolve(fixture)).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.fixture")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        ClassLoader cl = Javac.compile(result.files());

        Class<?> topics = cl.loadClass("com.acme.fixture.kafka.Topics");
        @SuppressWarnings("unchecked")
        List<TopicSpec> all = (List<TopicSpec>) topics.getMethod("all").invoke(null);
        assertThat(all).extracting(TopicSpec::name).containsExactlyElementsOf(
                model.channels().stream().filter(c -> !c.isParameterised()).map(Channel::topicName).toList());

        long sends = model.operations().stream().filter(o -> o.direction() == Direction.SEND)
                .mapToLong(o -> o.messages().size()).sum();
        long receives = model.operations().stream().filter(o -> o.direction() == Direction.RECEIVE).count();
        assertThat(result.summary().stream().filter(l -> l.contains(": send -> "))).hasSize((int) sends);
        assertThat(result.summary().stream().filter(l -> l.contains(": receive -> "))).hasSize((int) receives);
        assertThat(result.files()).anySatisfy(f -> assertThat(f.typeSpec().name()).endsWith("Kafka"));
        for (var f : result.files()) {
            cl.loadClass(f.packageName() + "." + f.typeSpec().name());
        }
    }
}
