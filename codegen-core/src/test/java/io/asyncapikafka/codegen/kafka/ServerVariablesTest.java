package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code url: 'kafka-{region}.example.com:{port}'}: the generated constant has the defaults filled in, and each
 * variable is overridable at run time like the bootstrap servers themselves, compiled and run.
 */
class ServerVariablesTest {

    private static final Path CONTRACT =
            Path.of("../asyncapi-model/src/test/resources/fixtures/good/server-variables.asyncapi.yaml");

    @Test
    void defaultsFillTheConstantAndEachVariableIsOverridable() throws Exception {
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.vars"))
                .generate(ContractReader.create().read(CONTRACT).orThrow());
        assertThat(result.hasErrors()).isFalse();
        Class<?> prod = Javac.compile(result.files()).loadClass("com.acme.vars.kafka.ProdServer");
        assertThat(prod.getField("BOOTSTRAP_SERVERS").get(null)).isEqualTo("kafka-eu.example.com:9092");
        assertThat(prod.getField("VAR_PORT_ENV").get(null)).isEqualTo("ASYNCAPI_PROD_VAR_PORT");
        assertThat(prod.getField("VAR_REGION_PROPERTY").get(null)).isEqualTo("asyncapi.prod.var-region");
        Method props = prod.getMethod("clientProperties", Map.class, Properties.class);

        assertThat(bootstrap(props, Map.of(), new Properties())).isEqualTo("kafka-eu.example.com:9092");
        assertThat(bootstrap(props, Map.of("ASYNCAPI_PROD_VAR_PORT", "9093"), new Properties()))
                .isEqualTo("kafka-eu.example.com:9093");
        Properties sys = new Properties();
        sys.setProperty("asyncapi.prod.var-region", "us");
        assertThat(bootstrap(props, Map.of("ASYNCAPI_PROD_VAR_REGION", "ap"), sys)).isEqualTo("kafka-us.example.com:9092");
        // the whole address still wins over its parts
        assertThat(bootstrap(props, Map.of("ASYNCAPI_PROD_BOOTSTRAP_SERVERS", "b1:9092,b2:9092",
                "ASYNCAPI_PROD_VAR_PORT", "9093"), new Properties())).isEqualTo("b1:9092,b2:9092");
        assertThat(result.summary()).contains("server prod: kafka-eu.example.com:9092, PLAINTEXT -> ProdServer");
    }

    private static Object bootstrap(Method props, Map<String, String> env, Properties sys) throws Exception {
        return ((Map<?, ?>) props.invoke(null, env, sys)).get("bootstrap.servers");
    }
}
