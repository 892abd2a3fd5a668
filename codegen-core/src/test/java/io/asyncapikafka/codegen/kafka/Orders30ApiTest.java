package io.asyncapikafka.codegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import io.asyncapikafka.model.Role;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The orders example's contract in AsyncAPI 2.6 and its 3.0 rewrite generate the same public Kafka API: the same
 * public types, constructors, methods and constants, compiled and compared by reflection, under both roles.
 */
class Orders30ApiTest {

    private static final Path ORDERS = Path.of("../examples/orders/src/main/asyncapi");

    private static GenerationResult generate(String contract, Role role) {
        var model = ContractReader.create(ReaderOptions.defaults().withRole(role)).read(ORDERS.resolve(contract))
                .orThrow();
        GenerationResult result = CodeGenerator.create(GeneratorOptions.of("com.acme.orders")).generate(model);
        assertThat(result.hasErrors()).as("%s", result.diagnostics()).isFalse();
        return result;
    }

    /** Every public member of every generated public type, as a sorted set of signatures. */
    private static Set<String> publicApi(GenerationResult result) throws ClassNotFoundException {
        ClassLoader cl = Javac.compile(result.files());
        Set<String> api = new TreeSet<>();
        for (JavaFile f : result.files()) {
            Class<?> type = cl.loadClass(f.packageName() + "." + f.typeSpec().name());
            collect(type, api);
        }
        return api;
    }

    private static void collect(Class<?> type, Set<String> api) {
        if (!Modifier.isPublic(type.getModifiers())) {
            return;
        }
        api.add("type " + type.toGenericString());
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(c.getModifiers())) {
                api.add(c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                api.add(m.toGenericString());
            }
        }
        for (Field fd : type.getDeclaredFields()) {
            if (Modifier.isPublic(fd.getModifiers())) {
                api.add(fd.toGenericString());
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collect(nested, api);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sameTypesAndMethodsFrom26And30(Role role) throws Exception {
        GenerationResult v26 = generate("orders.asyncapi.yaml", role);
        GenerationResult v30 = generate("orders-3.0.asyncapi.yaml", role);
        Set<String> api26 = publicApi(v26);
        assertThat(api26).anyMatch(s -> s.contains("publishOrderCreated")).hasSizeGreaterThan(20);
        assertThat(publicApi(v30)).containsExactlyElementsOf(api26);
        assertThat(v30.summary()).containsExactlyElementsOf(v26.summary());
    }
}
