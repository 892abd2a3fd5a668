package io.asyncapikafka.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the ACLs a contract gives an application's principal when they are missing, beside
 * {@link TopicProvisioner}. Never deletes an ACL: it reports the principal's other ALLOW entries as
 * {@code beyondContract} so an operator can remove what the contract no longer needs.
 */
public final class AclProvisioner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AclProvisioner.class);

    /**
     * @param created bindings that were missing and were created
     * @param existing bindings that existed already
     * @param beyondContract other ALLOW bindings of the principal, not in the desired state
     */
    public record Report(List<AclBinding> created, List<AclBinding> existing, List<AclBinding> beyondContract) {
        public Report {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            beyondContract = List.copyOf(beyondContract);
        }
    }

    private final Admin admin;
    private final Duration timeout;

    private AclProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** A provisioner with its own admin client (it needs ALTER on the cluster); close it when done. */
    public static AclProvisioner create(KafkaClientConfig config) {
        return new AclProvisioner(Admin.create(config.properties()), Duration.ofSeconds(30));
    }

    /** Creates the missing bindings of {@code specs} for {@code principal}. */
    public Report ensure(String principal, Collection<AclSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        Set<AclBinding> desired = new LinkedHashSet<>(AclSpec.bindings(specs, principal));
        AclBindingFilter mine = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ALLOW));
        try {
            Set<AclBinding> present = new LinkedHashSet<>(
                    admin.describeAcls(mine).values().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            List<AclBinding> missing = desired.stream().filter(b -> !present.contains(b)).toList();
            List<AclBinding> existing = desired.stream().filter(present::contains).toList();
            List<AclBinding> beyond = present.stream().filter(b -> !desired.contains(b)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                missing.forEach(b -> LOG.info("created ACL {}", b));
            }
            beyond.forEach(b -> LOG.warn("ACL beyond the contract: {}", b));
            return new Report(new ArrayList<>(missing), existing, beyond);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while provisioning ACLs for " + principal, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SecurityDisabledException) {
                throw new KafkaException("cannot provision ACLs for " + principal + ": the cluster has no authorizer"
                        + " (authorizer.class.name is not set), so ACLs are not enforced", c);
            }
            if (c instanceof ClusterAuthorizationException) {
                throw new KafkaException("cannot provision ACLs for " + principal + ": the principal of this client"
                        + " configuration may not describe or create ACLs (it needs DESCRIBE and ALTER on the cluster);"
                        + " run the provisioner with an administrator's configuration", c);
            }
            throw new KafkaException("could not provision ACLs for " + principal + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new KafkaException("timed out provisioning ACLs for " + principal, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
