package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamingTest {

    @Test
    void classNamesFromKeysTitlesAndChannelStyleNames() {
        assertThat(Naming.className("Order Created")).isEqualTo("OrderCreated");
        assertThat(Naming.className("order-created")).isEqualTo("OrderCreated");
        assertThat(Naming.className("orders.v1")).isEqualTo("OrdersV1");
        assertThat(Naming.className("orderID")).isEqualTo("OrderId");
        assertThat(Naming.className("HTTPServer")).isEqualTo("HttpServer");
        assertThat(Naming.className("3ds result")).isEqualTo("_3dsResult");
        assertThat(Naming.className("String")).isEqualTo("StringType");
        assertThat(Naming.className("Builder")).isEqualTo("BuilderType");
        assertThat(Naming.className("*/")).isEqualTo("Value");
    }

    @Test
    void memberNamesAreLegalIdentifiers() {
        assertThat(Naming.memberName("first-name")).isEqualTo("firstName");
        assertThat(Naming.memberName("First Name")).isEqualTo("firstName");
        assertThat(Naming.memberName("FIRST_NAME")).isEqualTo("firstName");
        assertThat(Naming.memberName("class")).isEqualTo("class_");
        assertThat(Naming.memberName("default")).isEqualTo("default_");
        assertThat(Naming.memberName("hashCode")).isEqualTo("hashCode_");
        assertThat(Naming.memberName("validate")).isEqualTo("validate_");
        assertThat(Naming.memberName("2fa")).isEqualTo("_2fa");
        assertThat(Naming.memberName("$ref")).isEqualTo("ref");
        assertThat(Naming.memberName("größe")).isEqualTo("größe");
    }

    @Test
    void enumConstants() {
        assertThat(Naming.constantName("in-progress")).isEqualTo("IN_PROGRESS");
        assertThat(Naming.constantName("inProgress")).isEqualTo("IN_PROGRESS");
        assertThat(Naming.constantName("200")).isEqualTo("_200");
        assertThat(Naming.constantName("")).isEqualTo("EMPTY");
        assertThat(Naming.unique(List.of("A_B", "A_B", "a_b", "C"))).containsExactly("A_B", "A_B2", "a_b3", "C");
    }

    @Test
    void arrayItemsAreSingular() {
        assertThat(Naming.singular("items")).isEqualTo("item");
        assertThat(Naming.singular("OrderCategories")).isEqualTo("OrderCategory");
        assertThat(Naming.singular("addresses")).isEqualTo("address");
        assertThat(Naming.singular("boxes")).isEqualTo("box");
        assertThat(Naming.singular("status")).isEqualTo("statusItem");
        assertThat(Naming.singular("data")).isEqualTo("dataItem");
    }

    @Test
    void classCollisionsFallBackToTheNextCandidateThenToANumberInCallOrder() {
        Naming n = Naming.forPackage();
        assertThat(n.allocateClass(List.of("Address"))).isEqualTo("Address");
        assertThat(n.allocateClass(List.of("address", "OrderAddress"))).isEqualTo("OrderAddress");
        assertThat(n.allocateClass(List.of("ADDRESS"))).isEqualTo("Address2");
        assertThat(n.allocateClass(List.of("Address"))).isEqualTo("Address3");
        assertThat(n.allocateClass(List.of("OrderItem"))).isEqualTo("OrderItem");
        assertThat(n.allocateClass(List.of("Orderitem"))).as("same file on case-insensitive disks")
                .isEqualTo("Orderitem2");
    }
}
