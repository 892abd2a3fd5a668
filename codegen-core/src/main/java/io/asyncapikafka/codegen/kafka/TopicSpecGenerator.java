package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The value type of the {@code Topics} constants: name, partitions and replicas ({@code null} = broker default) and
 * topic configuration, convertible to the admin client's {@code NewTopic}. Nested in {@code Topics} because the runtime
 * has no topic description type yet; when it has one, the constants should use it instead.
 */
final class TopicSpecGenerator {

    private static final ClassName NEW_TOPIC = ClassName.get("org.apache.kafka.clients.admin", "NewTopic");

    private TopicSpecGenerator() {}

    static TypeSpec generate(ClassName spec) {
        ParameterizedTypeName config = ParameterizedTypeName.get(Map.class, String.class, String.class);
        return TypeSpec.recordBuilder(spec)
                .addJavadoc("A topic as the contract declares it.\n\n"
                        + "@param name the topic name\n"
                        + "@param partitions the binding's partitions, or {@code null} for the broker default\n"
                        + "@param replicas the binding's replicas, or {@code null} for the broker default\n"
                        + "@param config the binding's topic configuration\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(ParameterSpec.builder(String.class, "name").build())
                        .addParameter(ParameterSpec.builder(Integer.class, "partitions").build())
                        .addParameter(ParameterSpec.builder(Short.class, "replicas").build())
                        .addParameter(ParameterSpec.builder(config, "config").build())
                        .build())
                .addMethod(MethodSpec.compactConstructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addStatement("$T.requireNonNull(name, $S)", Objects.class, "name")
                        .addStatement("config = $T.copyOf(config)", Map.class)
                        .build())
                .addMethod(MethodSpec.methodBuilder("toNewTopic")
                        .addJavadoc("For {@code Admin.createTopics}: unset partitions and replicas use the broker defaults.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(NEW_TOPIC)
                        .addStatement("return new $T(name, $T.ofNullable(partitions), $T.ofNullable(replicas)).configs(config)",
                                NEW_TOPIC, Optional.class, Optional.class)
                        .build())
                .build();
    }
}
