package io.asyncapikafka.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.runtime.AclSpec;
import io.asyncapikafka.runtime.KafkaClientConfig;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;

/** The connection check's failures that need no broker, and the ACL data's rendering. */
class ConnectionCheckTest {

    private static final ConnectionCheck.Target PROD = new ConnectionCheck.Target("prod", Map.of(
            "BOOTSTRAP_SERVERS", "ASYNCAPI_PROD_BOOTSTRAP_SERVERS or -Dasyncapi.prod.bootstrap-servers",
            "KEYSTORE_LOCATION", "ASYNCAPI_PROD_KEYSTORE_LOCATION or -Dasyncapi.prod.keystore-location"));

    @Test
    void noAnswerIsAnErrorWithinTheBoundNamingTheServerAndTheVariable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        KafkaClientConfig config = KafkaClientConfig.of("localhost:" + port);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ConnectionCheck.verify(config, PROD, Duration.ofSeconds(2)))
                .isInstanceOf(KafkaConnectionException.class)
                .hasMessageStartingWith("Kafka server 'prod' (localhost:" + port + "): no answer")
                .hasMessageContaining("security.protocol PLAINTEXT")
                .hasMessageEndingWith("Check ASYNCAPI_PROD_BOOTSTRAP_SERVERS or -Dasyncapi.prod.bootstrap-servers");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aMissingKeyStoreFileIsNamedBeforeAnyConnection() {
        KafkaClientConfig config = KafkaClientConfig.of("localhost:1").with("security.protocol", "SSL")
                .with("ssl.keystore.location", "/nowhere/client.p12").with("ssl.keystore.password", "s3cret-pw");
        assertThatThrownBy(() -> ConnectionCheck.verify(config, PROD, Duration.ofSeconds(2)))
                .isInstanceOf(KafkaConnectionException.class)
                .hasMessage("Kafka server 'prod' (localhost:1): the key store file /nowhere/client.p12 does not exist or"
                        + " is not readable. Set ASYNCAPI_PROD_KEYSTORE_LOCATION or -Dasyncapi.prod.keystore-location"
                        + " to a readable PKCS12 or JKS file.")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void aclSpecsBecomeBindingsAndDesiredStateEntries() {
        AclSpec prefix = AclSpec.topicPrefix("tenant.", AclOperation.WRITE, "send tenant.{id}.orders");
        assertThat(prefix.toBinding("User:shop").toString()).contains("name=tenant.", "patternType=PREFIXED",
                "principal=User:shop", "operation=WRITE", "permissionType=ALLOW", "host=*");
        assertThat(AclSpec.desiredStateYaml("shop", "User:shop", java.util.List.of(prefix, prefix)))
                .contains("--operation WRITE --topic tenant. --resource-pattern-type prefixed\n")
                .contains("    write-topic-tenant-:\n").contains("    write-topic-tenant--2:\n")
                .contains("      pattern: PREFIXED\n");
        assertThat(prefix.patternType()).isEqualTo(PatternType.PREFIXED);
        assertThatThrownBy(() -> prefix.toBinding("shop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User:shop");
    }
}
