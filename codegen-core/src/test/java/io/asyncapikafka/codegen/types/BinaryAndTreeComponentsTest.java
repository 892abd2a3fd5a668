package io.asyncapikafka.codegen.types;

import static io.asyncapikafka.codegen.testing.Compiled.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.codegen.testing.Schemas;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records with {@code byte[]} and {@code JsonNode} components are values: equal by content, printable, immutable from
 * outside. Compiled with {@code -Xlint:all -Werror} and exercised.
 */
class BinaryAndTreeComponentsTest {

    private static final String JSON = """
            {"raw-data":"aGVsbG8=","o":"x","doc":{"a":[1,"y"]},"n":2}""";

    private static Compiled compiled;
    private static Class<?> blob;

    @BeforeAll
    static void generateAndCompile() {
        Schemas s = Schemas.in("blob.asyncapi.yaml");
        // "o" would be shadowed by equals' parameter if the generated code did not say this.o
        var model = s.model(Map.of(), s.message("Blob", s.object(s.opt("raw-data", s.string("byte")),
                s.opt("o", s.string()), s.opt("doc", s.any()), s.req("n", s.integer("int32"))), null, null));
        var result = TypesGenerator.create(GeneratorOptions.of("com.acme.blob")).generate(model);
        assertThat(result.diagnostics()).isEmpty();
        compiled = InMemoryCompiler.compile(result.files());
        blob = compiled.load("com.acme.blob.model.Blob");
    }

    private static Object blob(byte[] raw, String o, JsonNode doc, int n) throws Exception {
        Constructor<?> c = blob.getConstructor(byte[].class, String.class, JsonNode.class, int.class);
        return c.newInstance(raw, o, doc, n);
    }

    @Test
    void equalContentIsEqualAndHashesAlike() throws Exception {
        Object a = compiled.read(JSON, blob);
        Object b = compiled.read(JSON, blob);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        JsonNode doc = compiled.tree("{\"a\":[1,\"y\"]}");
        assertThat(blob("hello".getBytes(StandardCharsets.UTF_8), "x", doc, 2)).isEqualTo(a);
        assertThat(blob("hellO".getBytes(StandardCharsets.UTF_8), "x", doc, 2)).isNotEqualTo(a);
        assertThat(blob("hello".getBytes(StandardCharsets.UTF_8), "z", doc, 2)).isNotEqualTo(a);
        assertThat(blob("hello".getBytes(StandardCharsets.UTF_8), "x", doc, 3)).isNotEqualTo(a);
        assertThat(blob(null, "x", null, 2)).isEqualTo(blob(null, "x", null, 2)).isNotEqualTo(a);
    }

    @Test
    void toStringPrintsTheLengthOfBytesNotTheirIdentity() throws Exception {
        assertThat(compiled.read(JSON, blob).toString())
                .isEqualTo("Blob[rawData=byte[5], o=x, doc={\"a\":[1,\"y\"]}, n=2]");
        assertThat(blob(null, null, null, 0).toString()).isEqualTo("Blob[rawData=null, o=null, doc=null, n=0]");
    }

    @Test
    void bytesAndTreesAreCopiedInAndOut() throws Exception {
        byte[] raw = "hello".getBytes(StandardCharsets.UTF_8);
        ObjectNode doc = (ObjectNode) compiled.tree("{\"a\":1}");
        Object value = blob(raw, "x", doc, 1);
        raw[0] = 'J';
        doc.put("a", 2);
        ((byte[]) call(value, "rawData"))[1] = 'E';
        ((ObjectNode) call(value, "doc")).put("b", 3);
        assertThat(new String((byte[]) call(value, "rawData"), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(call(value, "doc").toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void theWireFormIsUnchanged() {
        assertThat(compiled.roundTrip(JSON, blob)).isEqualTo(compiled.tree(JSON));
    }
}
