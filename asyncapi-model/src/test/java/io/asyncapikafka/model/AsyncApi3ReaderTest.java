package io.asyncapikafka.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** AsyncAPI 3.x documents read into the same model as 2.x ones. */
class AsyncApi3ReaderTest {

    private static final Path ORDERS = Path.of("../examples/orders/src/main/asyncapi");

    /** The model without what must differ: locations, the version, the keyword as written, the file names. */
    private static String shape(AsyncApiModel m) {
        return (m.info() + "|" + m.defaultContentType() + "|" + m.servers() + "|" + m.channels() + "|" + m.schemas()
                + "|" + m.securitySchemes() + "|" + m.role())
                .replaceAll("location=[^,\\]]*", "")
                .replaceAll("keyword=[a-z]+", "");
    }

    @Test
    void ordersIn30ReadsIntoTheSameModelAsOrdersIn26UnderBothRoles() {
        for (Role role : Role.values()) {
            ReaderOptions o = ReaderOptions.defaults().withRole(role);
            ReadResult v2 = Fixtures.read(ORDERS.resolve("orders.asyncapi.yaml"), o);
            ReadResult v3 = Fixtures.read(ORDERS.resolve("orders-3.0.asyncapi.yaml"), o);
            // the same warnings (the seed's server binding clientId), nothing else
            assertThat(v3.diagnostics()).extracting(Diagnostic::message)
                    .containsExactlyElementsOf(v2.diagnostics().stream().map(Diagnostic::message).toList());
            AsyncApiModel m2 = v2.orThrow();
            AsyncApiModel m3 = v3.orThrow();
            assertThat(m3.asyncapiVersion()).isEqualTo("3.0.0");
            assertThat(shape(m3)).isEqualTo(shape(m2));
            assertThat(m3.operations()).extracting(Operation::keyword).containsExactly("receive", "send");
        }
    }
}
