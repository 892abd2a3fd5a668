package io.asyncapikafka.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncapikafka.codegen.NumberType;
import io.asyncapikafka.model.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void roleAcceptsAnyCaseAndDefaultsToApplication() throws Exception {
        assertThat(Parameters.role("client")).isEqualTo(Role.CLIENT);
        assertThat(Parameters.role(" CLIENT ")).isEqualTo(Role.CLIENT);
        assertThat(Parameters.role("Application")).isEqualTo(Role.APPLICATION);
        assertThat(Parameters.role(null)).isEqualTo(Role.APPLICATION);
        assertThat(Parameters.role("")).isEqualTo(Role.APPLICATION);
    }

    @Test
    void invalidRoleNamesPropertyAndAcceptedValues() {
        assertThatThrownBy(() -> Parameters.role("server"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'server'")
                .hasMessageContaining("asyncapi.role")
                .hasMessageContaining("'application'")
                .hasMessageContaining("'client'");
    }

    @Test
    void numberType() throws Exception {
        assertThat(Parameters.numberType("double")).isEqualTo(NumberType.DOUBLE);
        assertThat(Parameters.numberType("BigDecimal")).isEqualTo(NumberType.BIG_DECIMAL);
        assertThat(Parameters.numberType("BIG_DECIMAL")).isEqualTo(NumberType.BIG_DECIMAL);
        assertThat(Parameters.numberType(null)).isEqualTo(NumberType.BIG_DECIMAL);
        assertThatThrownBy(() -> Parameters.numberType("float"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("asyncapi.numberType")
                .hasMessageContaining("'float'");
    }

    @Test
    void packageNameMustBeAJavaPackage() throws Exception {
        assertThat(Parameters.packageName(" com.acme.orders.api ")).isEqualTo("com.acme.orders.api");
        for (String bad : List.of("com.acme.class", "com.1acme", "com..acme", "com-acme", "com.acme.")) {
            assertThatThrownBy(() -> Parameters.packageName(bad))
                    .as(bad)
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("asyncapi.packageName");
        }
        assertThatThrownBy(() -> Parameters.packageName(" "))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("-Dasyncapi.packageName=");
    }

    @Test
    void packageNameCheckAgreesWithTheCompiler() {
        for (String name : List.of("a", "com.acme", "com.acme.record", "com.acme.var", "_x.y", "$a.b1", "com.acme.true",
                "com.acme._", "com.acme.goto", "a..b", ".a", "a.", "1a", "a.b-c", "ünï.côdé", "a.enum")) {
            assertThat(Parameters.isPackageName(name))
                    .as(name)
                    .isEqualTo(javax.lang.model.SourceVersion.isName(name, javax.lang.model.SourceVersion.RELEASE_17));
        }
    }

    @Test
    void channelsSplitCommasTrimAndDropDuplicates() {
        assertThat(Parameters.channels(List.of("orders.v1, payments.v1", " orders.v1 ", "", "audit")))
                .containsExactly("orders.v1", "payments.v1", "audit");
        assertThat(Parameters.channels(null)).isEmpty();
        assertThat(Parameters.channels(Arrays.asList((String) null))).isEmpty();
    }

    @Test
    void topicOverridesAreChannelEqualsTopicEntries() throws Exception {
        assertThat(Parameters.topicsByChannel(List.of("orders.v1=orders.dead.v1, tenant/{id}/x = tenant.dead",
                "payments=payments.retry"), "deadLetterTopics"))
                .containsExactly(Map.entry("orders.v1", "orders.dead.v1"), Map.entry("tenant/{id}/x", "tenant.dead"),
                        Map.entry("payments", "payments.retry"));
        assertThat(Parameters.topicsByChannel(null, "retryTopics")).isEmpty();
    }

    @Test
    void badTopicOverridesNameTheParameterAndTheFix() {
        assertThatThrownBy(() -> Parameters.topicsByChannel(List.of("orders.v1"), "retryTopics"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("asyncapi.retryTopics").hasMessageContaining("channel=topic");
        assertThatThrownBy(() -> Parameters.topicsByChannel(List.of("orders.v1=dead letters"), "deadLetterTopics"))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'dead letters'").hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> Parameters.topicsByChannel(List.of("a=x,a=y"), "deadLetterTopics"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("appears twice");
    }
}
