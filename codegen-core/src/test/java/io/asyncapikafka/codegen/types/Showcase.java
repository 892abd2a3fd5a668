package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Schemas.constant;
import static io.asyncapikafka.codegen.testing.Schemas.defaulted;
import static io.asyncapikafka.codegen.testing.Schemas.described;
import static io.asyncapikafka.codegen.testing.Schemas.enumOf;
import static io.asyncapikafka.codegen.testing.Schemas.nullable;
import static io.asyncapikafka.codegen.testing.Schemas.titled;

import io.asyncapikafka.codegen.testing.Schemas;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hand-built contract that exercises every mapping rule at once: formats, int/long, BigDecimal, enums with wire
 * values, const, defaults, nullable, maps, {@code {}}, allOf, a discriminated oneOf, a deduced anyOf, recursion,
 * awkward property names, headers and keys.
 */
final class Showcase {

    static final String BASE = "com.acme.shop";
    static final String PKG = BASE + ".model";

    private Showcase() {}

    static AsyncApiModel model() {
        Schemas s = Schemas.in("shop.asyncapi.yaml");
        Map<String, Schema> named = new LinkedHashMap<>();
        named.put("Pet", s.oneOf("petType", Map.of("cat", "#/components/schemas/Cat", "dog",
                "#/components/schemas/Dog"), s.ref("Cat"), s.ref("Dog")));
        named.put("Cat", described(s.object(s.req("petType", s.string()), s.req("name", s.string()),
                s.opt("lives", s.integer("1", false, "9", false))), "A cat & its <lives>."));
        named.put("Dog", s.allOf(s.ref("Animal"), s.object(s.req("petType", s.string()),
                s.opt("barkVolume", s.number()))));
        named.put("Animal", s.object(s.req("name", s.string(1, 20, "^[A-Z]"))));
        named.put("Status", enumOf(s.string(), "new", "in-progress", "done", "2xx"));
        named.put("TreeNode", s.object(s.req("label", s.string()), s.opt("children", s.array(s.ref("TreeNode")))));
        named.put("Shape", s.anyOf(titled(s.object(s.req("radius", s.number())), "Circle"),
                s.object(s.req("width", s.number()), s.req("height", s.number()))));

        Schema line = s.object(s.req("sku", s.string(null, null, "^[A-Z]{3}-\\d+$")),
                s.req("qty", s.integer("1", false, "1000", false)));
        Schema payload = described(s.object(
                s.req("orderId", s.string("uuid")),
                s.req("placedAt", s.string("date-time")),
                s.opt("deliveryDate", s.string("date")),
                s.opt("website", s.string("uri")),
                s.opt("attachment", s.string("byte")),
                s.req("class", s.string()),
                s.opt("first-name", s.string()),
                s.opt("2fa", s.bool()),
                s.opt("ID", s.string()),
                s.opt("id", s.string()),
                s.opt("hashCode", s.integer("int32")),
                s.req("status", s.ref("Status")),
                s.opt("priority", defaulted(s.integer("1", false, "5", false), 3)),
                s.req("kind", constant(s.string(), "order.placed")),
                s.req("total", s.number("0", null, "0.01")),
                s.req("lines", s.array(line, 1, null, false)),
                s.opt("tags", s.array(s.string(1, 10, null), null, 5, true)),
                s.opt("attributes", s.map(s.string())),
                s.opt("extra", s.any()),
                s.opt("pet", s.ref("Pet")),
                s.opt("shape", s.ref("Shape")),
                s.opt("tree", s.ref("TreeNode")),
                s.opt("note", nullable(s.string())),
                s.req("comment", nullable(s.string()))), "An order was placed.");
        Schema headers = s.object(
                s.req("traceparent", s.string()),
                s.opt("retryCount", s.integer("int32")),
                s.opt("correlationId", s.string("uuid")),
                s.opt("source", enumOf(s.string(), "web", "app")));
        Schema key = s.object(s.req("tenant", s.string()), s.req("orderId", s.string("uuid")));
        return s.model(named,
                s.message("OrderPlaced", payload, headers, key),
                s.message("OrderCancelled", s.object(s.req("orderId", s.string("uuid")), s.opt("reason", s.string())),
                        null, s.string("uuid")),
                s.message("Ping", s.any(), null, s.integer("int64")));
    }
}
