package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.types.Code;
import io.asyncapikafka.codegen.types.ParameterSchemas;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ChannelParameter;
import io.asyncapikafka.model.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import javax.lang.model.element.Modifier;

/**
 * The parameters record of a parameterised channel the generated side receives on
 * ({@code record TurnOnParameters(String streetlightId)}): one component per parameter, typed by its schema
 * ({@code integer} → {@code long}, {@code boolean} → {@code boolean}, else {@code String}), and {@code fromTopic}, which
 * the runtime calls with each record's topic (see the runtime's {@code TopicParameters}): the topic must match the
 * channel's pattern, and each value its parameter's schema, else the record is dead-lettered as a contract violation.
 */
final class ParametersGenerator {

    private static final String CONSUMER = "io.asyncapikafka.runtime.consumer";
    static final ClassName VALUES = ClassName.get(CONSUMER, "TopicParameterValues");
    static final ClassName TOPIC_PARAMETERS = ClassName.get(CONSUMER, "TopicParameters");
    private static final ClassName SCHEMA_CHECK = ClassName.get("io.asyncapikafka.runtime.json", "SchemaCheck");
    private static final ClassName VIOLATION = ClassName.get("io.asyncapikafka.runtime", "Violation");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final Consumer<Diagnostic> diagnostics;

    ParametersGenerator(KafkaSources sources, KafkaApiPlan plan, Consumer<Diagnostic> diagnostics) {
        this.sources = sources;
        this.plan = plan;
        this.diagnostics = diagnostics;
    }

    TypeSpec generate(KafkaApiPlan.ChannelPlan c) {
        Channel ch = c.channel();
        ClassName self = c.parametersClass();
        List<TopicNames.Param> params = TopicNames.params(ch);
        TypeSpec.Builder type = sources.annotate(TypeSpec.recordBuilder(self))
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("The parameters of channel {@code $L}, read by the runtime from the topic of each received"
                        + " record and checked against their schemas before the handler runs.\n",
                        KafkaSources.javadoc(ch.name()));
        MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        CodeBlock.Builder paramDocs = CodeBlock.builder();
        for (TopicNames.Param p : params) {
            ChannelParameter declared = TopicNames.declared(ch, p.name());
            ctor.addParameter(p.type(), p.javaName());
            if (declared != null && declared.description() != null && !declared.description().isBlank()) {
                paramDocs.add("@param $L $L\n", p.javaName(), KafkaSources.javadoc(declared.description()));
            }
        }
        if (!paramDocs.isEmpty()) {
            type.addJavadoc("\n").addJavadoc(paramDocs.build());
        }
        type.recordConstructor(ctor.build());

        Map<String, String> checks = new HashMap<>();
        for (TopicNames.Param p : params) {
            ChannelParameter declared = TopicNames.declared(ch, p.name());
            String json = declared == null ? null
                    : ParameterSchemas.json(plan.model(), declared.schema(), diagnostics);
            if (json != null) {
                String constant = KafkaNaming.constantName(p.javaName()) + "_SCHEMA";
                checks.put(p.name(), constant);
                type.addField(FieldSpec.builder(SCHEMA_CHECK, constant, Modifier.PRIVATE, Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("$T.of($S)", SCHEMA_CHECK, json)
                        .build());
            }
        }

        CodeBlock.Builder body = CodeBlock.builder();
        Code.statement(body, "$T m = $T.match($T.$N_PATTERN, topic, $S)", Matcher.class, VALUES, plan.topicsClass(),
                c.topicConstant(), ch.name());
        Code.statement(body, "$T violations = new $T<>()", ParameterizedTypeName.get(ClassName.get(List.class),
                VIOLATION), ArrayList.class);
        List<String> groups = TopicNames.groups(ch);
        Map<String, Integer> firstGroup = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Integer first = firstGroup.putIfAbsent(groups.get(i), i + 1);
            if (first != null) {
                Code.statement(body, "$T.same(m.group($L), m.group($L), $S, violations)", VALUES, first, i + 1,
                        groups.get(i));
            }
        }
        CodeBlock.Builder args = CodeBlock.builder();
        for (TopicNames.Param p : params) {
            ChannelParameter declared = TopicNames.declared(ch, p.name());
            String check = checks.getOrDefault(p.name(), "null");
            int group = firstGroup.get(p.name());
            if (p.type().equals(TypeName.LONG)) {
                Code.statement(body, "long $N = $T.integer(m.group($L), $S, $L, violations)", p.javaName(), VALUES,
                        group, p.name(), check);
            } else if (p.type().equals(TypeName.BOOLEAN)) {
                Code.statement(body, "boolean $N = $T.bool(m.group($L), $S, $L, violations)", p.javaName(), VALUES,
                        group, p.name(), check);
            } else {
                String jsonType = declared == null ? "string" : ParameterSchemas.valueType(plan.model(), declared.schema());
                Code.statement(body, "$T $N = $T.string(m.group($L), $S, $S, $L, violations)", String.class,
                        p.javaName(), VALUES, group, p.name(), jsonType, check);
            }
            args.add(args.isEmpty() ? "$N" : ", $N", p.javaName());
        }
        Code.statement(body, "$T.throwIfAny(topic, violations)", VALUES);
        Code.statement(body, "return new $T($L)", self, args.build());
        type.addMethod(MethodSpec.methodBuilder("fromTopic")
                .addJavadoc("The parameters of {@code topic}, a topic of this channel.\n\n"
                        + "@throws io.asyncapikafka.runtime.ContractViolationException when the topic does not match the"
                        + " channel or a value breaks its parameter's schema\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(self)
                .addParameter(String.class, "topic")
                .addCode(body.build())
                .build());
        return type.build();
    }
}
