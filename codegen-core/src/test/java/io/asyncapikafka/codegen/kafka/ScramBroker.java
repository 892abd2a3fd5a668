package io.asyncapikafka.codegen.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node in-JVM KRaft broker whose client listener requires SASL (SCRAM-SHA-256 for users, PLAIN for the test
 * kit's own admin), for testing generated server configs. The testkit module has no SASL support, so this stays in
 * the Kafka API tests; it is the only place that sets up SCRAM.
 */
final class ScramBroker implements AutoCloseable {

    // The test kit's SASL_PLAINTEXT mode authenticates brokers and its admin with PLAIN as this user.
    private static final String ADMIN_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"plain-admin\" password=\"plain-admin-secret\";";

    private final KafkaClusterTestKit cluster;

    private ScramBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static ScramBroker start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        Map.of(
                "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256",
                "listener.name.external.scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                // Authentication is under test, not authorization: authenticated users may do anything.
                "allow.everyone.if.no.acl.found", "true",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false").forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new ScramBroker(cluster);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates or replaces a SCRAM-SHA-256 user, as the kit's PLAIN super user. */
    void addScramUser(String user, String password) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN", "sasl.jaas.config", ADMIN_JAAS))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password))).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
