package io.asyncapikafka.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The example's 2.6 contract and its 3.0 rewrite describe the same wire: compat must say so, both ways round. */
class CrossVersionTest {

    @ParameterizedTest
    @EnumSource(Role.class)
    void a26BaselineAgainstIts30RewriteIsSafe(Role role) {
        AsyncApiModel v26 = Fixtures.read(Fixtures.ORDERS.resolve("orders.asyncapi.yaml"), role);
        AsyncApiModel v30 = Fixtures.read(Fixtures.ORDERS.resolve("orders-3.0.asyncapi.yaml"), role);

        List<Finding> forward = CompatChecker.compare(v26, v30, CompatOptions.defaults());
        List<Finding> backward = CompatChecker.compare(v30, v26, CompatOptions.defaults());

        assertThat(forward).allSatisfy(f -> assertThat(f.severity()).as(f.format()).isEqualTo(Severity.SAFE));
        assertThat(backward).allSatisfy(f -> assertThat(f.severity()).as(f.format()).isEqualTo(Severity.SAFE));
        assertThat(forward).as("nothing on the wire changed").isEmpty();
    }

    @Test
    void theSameRewriteWithARequiredFieldDroppedIsCaught() {
        AsyncApiModel v26 = Fixtures.read(Fixtures.ORDERS.resolve("orders.asyncapi.yaml"), Role.CLIENT);
        AsyncApiModel v30 = Fixtures.read(Fixtures.RESOURCES.resolve("cross/orders-3.0-no-total.asyncapi.yaml"),
                Role.CLIENT);

        List<Finding> findings = CompatChecker.compare(v26, v30, CompatOptions.defaults());

        assertThat(findings).filteredOn(Finding::isBreaking).extracting(f -> f.rule().id() + " " + f.channel())
                .contains("REQUIRED_PROPERTY_REMOVED orders.v1");
    }
}
