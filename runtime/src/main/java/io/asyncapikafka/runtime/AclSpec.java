package io.asyncapikafka.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One permission an application needs, without the principal: an ALLOW of {@code operation} on a resource (topic,
 * consumer group, transactional id), from any host. The generated {@code Acls} class lists the ones a contract implies;
 * {@link #toBinding(String)} makes the Kafka {@link AclBinding} for a principal, {@link #desiredStateYaml} the file a
 * GitOps tool applies.
 *
 * @param why one phrase saying which part of the contract needs it ({@code send orders.v1})
 */
public record AclSpec(ResourceType resourceType, String name, PatternType patternType, AclOperation operation, String why) {

    public AclSpec {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(patternType, "patternType");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(why, "why");
    }

    /** {@code operation} on the topic {@code name}. */
    public static AclSpec topic(String name, AclOperation operation, String why) {
        return new AclSpec(ResourceType.TOPIC, name, PatternType.LITERAL, operation, why);
    }

    /** {@code operation} on every topic whose name starts with {@code prefix} (parameterised channels). */
    public static AclSpec topicPrefix(String prefix, AclOperation operation, String why) {
        return new AclSpec(ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation, why);
    }

    /** {@code operation} on the consumer group {@code name}. */
    public static AclSpec group(String name, AclOperation operation, String why) {
        return new AclSpec(ResourceType.GROUP, name, PatternType.LITERAL, operation, why);
    }

    /** {@code operation} on the transactional id {@code name}. */
    public static AclSpec transactionalId(String name, AclOperation operation, String why) {
        return new AclSpec(ResourceType.TRANSACTIONAL_ID, name, PatternType.LITERAL, operation, why);
    }

    /** The ALLOW binding for {@code principal} ({@code User:orders}) from any host. */
    public AclBinding toBinding(String principal) {
        requirePrincipal(principal);
        return new AclBinding(new ResourcePattern(resourceType, name, patternType),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** The bindings of {@code specs} for {@code principal}, in order. */
    public static List<AclBinding> bindings(Collection<AclSpec> specs, String principal) {
        return specs.stream().map(s -> s.toBinding(principal)).toList();
    }

    /**
     * The ACLs as a desired-state file in kafka-gitops' {@code customServiceAcls} format (one entry per ACL: name,
     * type, pattern, host, principal, operation, permission), each preceded by a comment with the equivalent
     * {@code kafka-acls --add} call and the reason.
     */
    public static String desiredStateYaml(String service, String principal, Collection<AclSpec> specs) {
        Objects.requireNonNull(service, "service");
        requirePrincipal(principal);
        StringBuilder y = new StringBuilder()
                .append("# Least-privilege ACLs of ").append(service).append(" for ").append(principal)
                .append(", derived from its AsyncAPI contract.\n")
                .append("# kafka-gitops desired state (customServiceAcls); each entry also names its kafka-acls call.\n")
                .append("customServiceAcls:\n  ").append(yamlString(service)).append(":\n");
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (AclSpec s : specs) {
            String key = s.operation().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                    + s.resourceType().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                    + s.name().replaceAll("[^A-Za-z0-9]+", "-");
            String unique = key;
            for (int n = 2; !keys.add(unique); n++) {
                unique = key + "-" + n;
            }
            y.append("    # ").append(s.why()).append(": kafka-acls --add --allow-principal ").append(principal)
                    .append(" --operation ").append(s.operation().name()).append(' ').append(option(s))
                    .append(s.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "")
                    .append('\n')
                    .append("    ").append(unique).append(":\n")
                    .append("      name: ").append(yamlString(s.name())).append('\n')
                    .append("      type: ").append(s.resourceType().name()).append('\n')
                    .append("      pattern: ").append(s.patternType().name()).append('\n')
                    .append("      host: \"*\"\n")
                    .append("      principal: ").append(yamlString(principal)).append('\n')
                    .append("      operation: ").append(s.operation().name()).append('\n')
                    .append("      permission: ALLOW\n");
        }
        return y.toString();
    }

    private static String option(AclSpec s) {
        return switch (s.resourceType()) {
            case TOPIC -> "--topic " + s.name();
            case GROUP -> "--group " + s.name();
            case TRANSACTIONAL_ID -> "--transactional-id " + s.name();
            case CLUSTER -> "--cluster";
            default -> "--" + s.resourceType().name().toLowerCase(java.util.Locale.ROOT) + " " + s.name();
        };
    }

    // Double-quoted YAML scalar: safe for any topic name, principal or group id.
    private static String yamlString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void requirePrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        if (!principal.contains(":")) {
            throw new IllegalArgumentException("a principal has a type, e.g. User:" + principal + "; got " + principal);
        }
    }
}
