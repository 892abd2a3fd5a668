package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.runtime.TopicSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Channel names written as paths ({@code user/signedup}, {@code /test}, {@code comment/{commentId}/changed}) have no
 * legal topic of their own: the generated constants, topic builders, subscription patterns and the retry convention
 * all use the topic the reader derived, compiled and run.
 */
class PathStyleTopicsTest {

    private static final Path CONTRACT =
            Path.of("../asyncapi-model/src/test/resources/fixtures/good/path-style-topics.asyncapi.yaml");

    private static GenerationResult generate(Role role) {
        AsyncApiModel model = ContractReader.create(ReaderOptions.defaults().withRole(role)).read(CONTRACT).orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.paths")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result;
    }

    @Test
    void generatedTopicsUseTheDerivedNames() throws Exception {
        GenerationResult result = generate(Role.APPLICATION);
        ClassLoader cl = Javac.compile(result.files());
        Class<?> topics = cl.loadClass("com.acme.paths.kafka.Topics");

        @SuppressWarnings("unchecked")
        List<TopicSpec> all = (List<TopicSpec>) topics.getMethod("all").invoke(null);
        assertThat(all).extracting(TopicSpec::name).containsExactly("user.signedup", "test", "orders.created.v1",
                "orders.cancelled.v1", "user.signedup.retry");

        TreeSet<String> built = new TreeSet<>();
        for (Method m : topics.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == String.class && m.getParameterCount() == 1) {
                built.add((String) m.invoke(null, "42"));
            }
        }
        assertThat(built).containsExactly("comment.42.changed",
                "smartylighting.streetlights.1.0.event.42.lighting.measured");

        List<Pattern> patterns = new java.util.ArrayList<>();
        for (Field f : topics.getFields()) {
            if (f.getType() == Pattern.class) {
                patterns.add((Pattern) f.get(null));
            }
        }
        assertThat(patterns).hasSize(2);
        assertThat(patterns).anySatisfy(p -> {
            assertThat(p.matcher("smartylighting.streetlights.1.0.event.lamp-7.lighting.measured").matches()).isTrue();
            assertThat(p.matcher("smartylighting/streetlights/1/0/event/lamp-7/lighting/measured").matches()).isFalse();
        });
        assertThat(patterns).anySatisfy(p -> assertThat(p.matcher("comment.c1.changed").matches()).isTrue());
    }

    @Test
    void retryAndDeadLetterConventionsFollowTheDerivedTopic() {
        // as the client, user/signedup is received: its retry stage is the channel whose derived topic is
        // user.signedup.retry, its dead-letter topic the derived name plus .dlq
        assertThat(generate(Role.CLIENT).summary()).anySatisfy(l -> assertThat(l).startsWith(
                "operation sendUserSignedUp on channel user/signedup: retry topic user.signedup.retry (convention, contract channel user/signedup/retry)")
                .contains("dead-letter topic user.signedup.dlq"));
        assertThat(generate(Role.APPLICATION).summary()).anySatisfy(l -> assertThat(l).contains(
                "channel comment/{commentId}/changed: no topic binding, so producers build the topic name from commentId"
                        + " and consumers subscribe by pattern comment\\.([a-zA-Z0-9._-]+)\\.changed"));
    }
}
