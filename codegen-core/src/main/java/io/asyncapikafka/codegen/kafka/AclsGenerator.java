package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;

/**
 * The {@code Acls} class: the least-privilege ACLs of the generated side as runtime {@code AclSpec} data, Kafka
 * {@code AclBinding}s for a principal, and the desired-state YAML a GitOps tool or {@code kafka-acls} applies.
 */
final class AclsGenerator {

    static final ClassName ACL_SPEC = ClassName.get("io.asyncapikafka.runtime", "AclSpec");
    private static final ClassName ACL_OPERATION = ClassName.get("org.apache.kafka.common.acl", "AclOperation");
    private static final ClassName ACL_BINDING = ClassName.get("org.apache.kafka.common.acl", "AclBinding");
    private static final ClassName RESOURCE_TYPE = ClassName.get("org.apache.kafka.common.resource", "ResourceType");
    private static final ClassName PATTERN_TYPE = ClassName.get("org.apache.kafka.common.resource", "PatternType");

    private final KafkaSources sources;
    private final KafkaApiPlan plan;
    private final AclPlan acls;

    AclsGenerator(KafkaSources sources, KafkaApiPlan plan, AclPlan acls) {
        this.sources = sources;
        this.plan = plan;
        this.acls = acls;
    }

    /** {@code orders-eda-client}: the contract title and the generated side, the service key of the YAML. */
    static String service(KafkaApiPlan plan) {
        String title = plan.model().info().title() == null ? "contract" : plan.model().info().title();
        return KafkaNaming.propertyToken(title) + "-" + plan.model().role().name().toLowerCase(Locale.ROOT);
    }

    TypeSpec generate() {
        TypeName specs = ParameterizedTypeName.get(ClassName.get(List.class), ACL_SPEC);
        TypeName bindings = ParameterizedTypeName.get(ClassName.get(List.class), ACL_BINDING);
        CodeBlock.Builder list = CodeBlock.builder().add("$T.of(", List.class).indent();
        List<AclPlan.Entry> entries = acls.entries();
        for (int i = 0; i < entries.size(); i++) {
            AclPlan.Entry e = entries.get(i);
            list.add("\nnew $T($T.$L, $S, $T.$L, $T.$L, $S)$L", ACL_SPEC, RESOURCE_TYPE, e.resourceType(), e.name(),
                    PATTERN_TYPE, e.patternType(), ACL_OPERATION, e.operation(), e.why(), i + 1 < entries.size() ? "," : "");
        }
        list.unindent().add(")");
        List<String> doc = new ArrayList<>();
        entries.forEach(e -> doc.add("<li>" + e.operation() + " on " + e.resourceType().toLowerCase(Locale.ROOT) + " {@code "
                + KafkaSources.javadoc(e.name()) + "}" + (e.patternType().equals("PREFIXED") ? " (prefix)" : "") + ": "
                + KafkaSources.javadoc(e.why()) + "</li>"));
        return sources.annotate(TypeSpec.classBuilder(plan.aclsClass()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The least-privilege Kafka ACLs this side of the contract needs, for any principal:\n<ul>\n$L\n</ul>\n"
                        + "\n<p>No cluster {@code IDEMPOTENT_WRITE}: the idempotent producer needs only WRITE on its topics"
                        + " (Kafka 3.0+, KIP-679). Apply them with {@code provisionAcls(principal)} of the entry point, or"
                        + " print {@link #desiredStateYaml(String)} for a GitOps tool.\n", String.join("\n", doc))
                .addField(FieldSpec.builder(String.class, "SERVICE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The service key of the desired-state file: contract title and side.\n")
                        .initializer("$S", service(plan))
                        .build())
                .addField(FieldSpec.builder(specs, "REQUIRED", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(list.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(MethodSpec.methodBuilder("required")
                        .addJavadoc("Every ACL the contract implies for this side, in contract order.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(specs)
                        .addStatement("return REQUIRED")
                        .build())
                .addMethod(MethodSpec.methodBuilder("required")
                        .addJavadoc("As {@link #required()}, plus WRITE and DESCRIBE on {@code transactionalId} for a"
                                + " transactional producer.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(specs)
                        .addParameter(String.class, "transactionalId")
                        .addStatement("$T<$T> all = new $T<>(REQUIRED)", List.class, ACL_SPEC, ArrayList.class)
                        .addStatement("all.add($T.transactionalId(transactionalId, $T.WRITE, $S))", ACL_SPEC, ACL_OPERATION,
                                "transactional producer")
                        .addStatement("all.add($T.transactionalId(transactionalId, $T.DESCRIBE, $S))", ACL_SPEC,
                                ACL_OPERATION, "transactional producer")
                        .addStatement("return $T.copyOf(all)", List.class)
                        .build())
                .addMethod(MethodSpec.methodBuilder("bindings")
                        .addJavadoc("The ALLOW bindings for {@code principal} (e.g. {@code User:orders}), from any host.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(bindings)
                        .addParameter(String.class, "principal")
                        .addStatement("return $T.bindings(REQUIRED, principal)", ACL_SPEC)
                        .build())
                .addMethod(MethodSpec.methodBuilder("desiredStateYaml")
                        .addJavadoc("The ACLs of {@code principal} as a kafka-gitops desired-state file"
                                + " ({@code customServiceAcls}), with the matching {@code kafka-acls} call per entry.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(String.class)
                        .addParameter(String.class, "principal")
                        .addStatement("return $T.desiredStateYaml(SERVICE, principal, REQUIRED)", ACL_SPEC)
                        .build())
                .build();
    }
}
