package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaNamingTest {

    @Test
    void operationIdsKeepTheirCamelCaseAsMethodNames() {
        assertThat(KafkaNaming.methodName("publishOrderCreated")).isEqualTo("publishOrderCreated");
        assertThat(KafkaNaming.methodName("Publish-order created")).isEqualTo("publishOrderCreated");
        assertThat(KafkaNaming.methodName("new")).isEqualTo("new_");
        assertThat(KafkaNaming.methodName("1st")).doesNotStartWith("1");
    }

    @Test
    void channelsBecomeTypesAndConstants() {
        assertThat(KafkaNaming.typeName("orders.retry.v1")).isEqualTo("OrdersRetryV1");
        assertThat(KafkaNaming.constantName("orders.retry.v1")).isEqualTo("ORDERS_RETRY_V1");
        assertThat(KafkaNaming.constantName("user/{userId}/signedup")).isEqualTo("USER_USER_ID_SIGNEDUP");
        assertThat(KafkaNaming.typeName("Orders EDA")).isEqualTo("OrdersEda");
    }

    @Test
    void environmentAndPropertyTokensAreStable() {
        assertThat(KafkaNaming.envToken("prod-eu.1")).isEqualTo("PROD_EU_1");
        assertThat(KafkaNaming.propertyToken("Prod EU")).isEqualTo("prod-eu");
    }
}
