package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Schemas.enumOf;
import static io.asyncapikafka.codegen.testing.Schemas.titled;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.NumberType;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.codegen.testing.Schemas;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schema names that shadow what generated code refers to (java.util, Jackson, runtime types), colliding titles and
 * the double number option still give code that compiles and reads the same JSON.
 */
class TrickyNamesTest {

    @Test
    void namesThatShadowReferencedTypesCompile() {
        Schemas s = Schemas.in("tricky.yaml");
        Map<String, Schema> named = new LinkedHashMap<>();
        for (String n : new String[] {"List", "Objects", "Pattern", "Violation", "Validatable", "JsonNode", "Map",
                "Builder", "Generated", "GeneratedCode", "UUID", "Headers", "Json"}) {
            named.put(n, s.object(s.req("v", s.string(1, null, "^x")), s.opt("items", s.array(s.string()))));
        }
        Schema.Property[] props = named.keySet().stream().map(n -> s.opt(n.toLowerCase(java.util.Locale.ROOT),
                s.ref(n))).toArray(Schema.Property[]::new);
        Schema payload = s.object(props);
        Schema headers = s.object(s.req("uuid", s.string("uuid")), s.opt("json", s.ref("Json")));
        AsyncApiModel model = s.model(named, s.message("Tricky", payload, headers, s.ref("UUID")));
        TypesGenerator.Result r = TypesGenerator.create(GeneratorOptions.of("t")).generate(model);
        Compiled c = InMemoryCompiler.compile(r.files());
        assertThat(c.classes()).containsKeys("t.model.List", "t.model.BuilderType", "t.model.Json",
                "t.model.TrickyHeaders");
        String json = "{\"list\":{\"v\":\"x1\",\"items\":[\"a\"]},\"jsonnode\":{\"v\":\"x\"},\"builder\":{\"v\":\"x\"}}";
        assertThat(c.roundTrip(json, c.load("t.model.Tricky"))).isEqualTo(c.tree(json));
    }

    @Test
    void collidingTitlesFallBackToTheirPlace() {
        Schemas s = Schemas.in("titles.yaml");
        Schema a = titled(s.object(s.req("street", s.string())), "Address");
        Schema b = titled(s.object(s.req("box", s.string())), "Address");
        AsyncApiModel model = s.model(Map.of(), s.message("Order", s.object(s.req("shipTo", a), s.req("billTo", b),
                s.opt("state", enumOf(s.string(), "a", null))), null, null));
        TypesGenerator.Result r = TypesGenerator.create(GeneratorOptions.of("t")).generate(model);
        assertThat(r.files()).extracting(f -> f.typeSpec().name())
                .containsExactly("Address", "Order", "OrderBillTo", "OrderState");
        InMemoryCompiler.compile(r.files());
    }

    @Test
    void doubleOptionMapsNumbersToDouble() throws Exception {
        TypesGenerator.Result r = TypesGenerator.create(GeneratorOptions.of(Showcase.BASE)
                .withNumberType(NumberType.DOUBLE)).generate(Showcase.model());
        Compiled c = InMemoryCompiler.compile(r.files());
        Class<?> line = c.load(Showcase.PKG + ".OrderPlaced");
        assertThat(line.getRecordComponents()).filteredOn(rc -> rc.getName().equals("total"))
                .singleElement().satisfies(rc -> assertThat(rc.getType()).isEqualTo(double.class));
        Object order = c.json().readValue("{\"orderId\":\"7f1c1e9a-3f7e-4a53-9f1e-0a4c7d9b2e11\","
                + "\"placedAt\":\"2024-01-01T00:00:00Z\",\"class\":\"c\",\"status\":\"new\",\"kind\":\"order.placed\","
                + "\"total\":0.015,\"lines\":[{\"sku\":\"ABC-1\",\"qty\":1}],\"comment\":null}", line);
        assertThat(Compiled.violations(order)).containsExactly("$.total: must be a multiple of 0.01 but was 0.015");
    }
}
