package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x-asyncapi-kafka-exactly-once} on operations, in 2.x and 3.x; a wrong value and a send operation are reported. */
class ExactlyOnceExtensionTest {

    @TempDir
    Path dir;

    private ReadResult read(String yaml) throws Exception {
        Path p = dir.resolve("c.asyncapi.yaml");
        Files.writeString(p, yaml);
        return ContractReader.create().read(p);
    }

    private static final String V2 = """
            asyncapi: '2.6.0'
            info: { title: T, version: '1' }
            channels:
              orders.v1:
                publish:
                  operationId: chargeOrders
                  x-asyncapi-kafka-exactly-once: %s
                  message: { name: OrderPlaced, payload: { type: object } }
              billing.v1:
                subscribe:
                  operationId: publishCharges
                  x-asyncapi-kafka-exactly-once: %s
                  message: { name: OrderCharged, payload: { type: object } }
            """;

    private static boolean exactlyOnce(ReadResult r, String operationId) {
        return r.model().orElseThrow().channels().stream().flatMap(c -> c.operations().stream())
                .filter(o -> o.operationId().equals(operationId)).findFirst().orElseThrow().exactlyOnce();
    }

    @Test
    void onAReceiveOperationItIsReadAndOnASendOperationItIsReportedAndIgnored() throws Exception {
        ReadResult r = read(V2.formatted("true", "true"));
        assertThat(exactlyOnce(r, "chargeOrders")).isTrue();
        assertThat(exactlyOnce(r, "publishCharges")).isFalse();
        List<Diagnostic> ds = r.diagnostics();
        assertThat(ds).extracting(Diagnostic::code).containsExactly("AKM065");
        assertThat(ds.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(ds.get(0).location().line()).isEqualTo(12);
        assertThat(ds.get(0).location().pointer())
                .isEqualTo("/channels/billing.v1/subscribe/x-asyncapi-kafka-exactly-once");
    }

    @Test
    void absentOrFalseIsOffAndANonBooleanIsAWrongType() throws Exception {
        ReadResult off = read(V2.formatted("false", "false"));
        assertThat(off.diagnostics()).isEmpty();
        assertThat(exactlyOnce(off, "chargeOrders")).isFalse();
        ReadResult wrong = read(V2.formatted("'yes'", "false"));
        assertThat(wrong.diagnostics()).extracting(Diagnostic::code).containsExactly("AKM012");
        assertThat(wrong.diagnostics().get(0).location().pointer())
                .isEqualTo("/channels/orders.v1/publish/x-asyncapi-kafka-exactly-once");
    }

    @Test
    void asyncApi3ReceiveOperationsCarryItToo() throws Exception {
        ReadResult r = read("""
                asyncapi: 3.0.0
                info: { title: T, version: '1' }
                channels:
                  orders:
                    address: orders.v1
                    messages:
                      OrderPlaced: { payload: { type: object } }
                operations:
                  chargeOrders:
                    action: receive
                    x-asyncapi-kafka-exactly-once: true
                    channel: { $ref: '#/channels/orders' }
                    messages: [{ $ref: '#/channels/orders/messages/OrderPlaced' }]
                """);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(exactlyOnce(r, "chargeOrders")).isTrue();
    }
}
