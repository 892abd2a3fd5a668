package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Compiled;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.ContractSchemas;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.json.JsonCodec;
import io.asyncapikafka.runtime.json.JsonCodecs;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: the generated streaming codec of every payload type writes byte for byte what databind writes and reads
 * exactly what databind reads, shown on randomly generated payloads of the seed orders contract, the benchmark's
 * contract, a contract with every member type the codec streams ({@code contracts/codec/codec-mix}), and the
 * showcase (unions, {@code JsonNode}, maps — the types that stay on databind are listed and exercised the same way).
 *
 * <p>Per round and type: a random value (unicode, nulls, big and negative-scale decimals, extreme dates and offsets,
 * binary) is encoded both ways (bytes equal), the bytes are decoded both ways (equal values), then mutated copies
 * (members removed, nulled, repeated, reordered, retyped — {@code 1.0}/{@code 1e2}/{@code 1.9} for integers, strings for
 * numbers, numbers for strings, malformed formats, truncated text, unknown members) are decoded both ways: equal
 * values, or both refused as a contract violation with the same violations, or both undecodable. A seeded
 * {@link Random}; a failure names the seed, round and input ({@code -Dcodec.seed=..., -Dcodec.rounds=...}).
 */
class StreamingCodecEqualityTest {

    private static final long SEED = Long.getLong("codec.seed", 20261201L);
    private static final int ROUNDS = Integer.getInteger("codec.rounds", 200);
    private static final int MUTATIONS = 8;
    /** Outcomes seen, by kind: the mutations must reach every kind, or the comparison would prove little. */
    private final Map<String, Integer> kinds = new java.util.TreeMap<>();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orders-seed", "benchmark", "codec-mix", "showcase"})
    void generatedCodecAgreesWithDatabind(String contract) throws Exception {
        List<Class<?>> types = new ArrayList<>();
        Compiled compiled = compile(contract, types);
        TreeSet<String> streamed = new TreeSet<>();
        TreeSet<String> databind = new TreeSet<>();
        for (Class<?> t : types) {
            (JsonCodecs.of(t).isPresent() ? streamed : databind).add(t.getSimpleName());
        }
        System.out.printf("%s: streamed %s; databind (fallback) %s%n", contract, streamed, databind);
        assertThat(streamed).as("types with a streaming codec").isNotEmpty();
        switch (contract) {
            case "benchmark" -> assertThat(streamed).contains("OrderPlaced", "OrderLine");
            case "codec-mix" -> {
                assertThat(streamed).contains("Everything", "Line", "Node");
                assertThat(databind).contains("WithUnion", "WithUnionPet"); // a union and its holder: databind
            }
            case "showcase" -> assertThat(databind).contains("OrderPlaced", "Pet", "Shape");
            default -> { }
        }
        long seed = SEED ^ contract.hashCode();
        Random rnd = new Random(seed);
        int checked = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Class<?> type : types) {
                String where = contract + " " + type.getSimpleName() + " seed=" + seed + " round=" + round;
                Object value = new Values(rnd).of(type, 0);
                if (value == null) {
                    continue;
                }
                checked += check(type, value, rnd, where);
            }
        }
        System.out.printf("%s: %d decodes compared over %d rounds, outcomes %s%n", contract, checked, ROUNDS, kinds);
        assertThat(checked).isGreaterThan(ROUNDS);
        assertThat(kinds.keySet()).containsExactlyInAnyOrder("value", "contract violation", "undecodable");
        assertThat(kinds.values()).allSatisfy(n -> assertThat(n).isGreaterThan(ROUNDS / 10));
    }

    private int check(Class<?> type, Object value, Random rnd, String where) throws Exception {
        byte[] databind = databindWriter(type, value);
        byte[] streamed = codecWrite(type, value);
        assertThat(new String(streamed, StandardCharsets.UTF_8)).as("encode " + where)
                .isEqualTo(new String(databind, StandardCharsets.UTF_8));
        assertThat(streamed).as("encode bytes " + where).isEqualTo(databind);
        int n = 0;
        List<String> inputs = new ArrayList<>();
        inputs.add(new String(databind, StandardCharsets.UTF_8));
        for (int i = 0; i < MUTATIONS; i++) {
            inputs.add(Mutations.mutate(inputs.get(0), rnd));
        }
        for (String input : inputs) {
            byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
            Outcome a = decode(type, () -> Json.mapper().readerFor(type).readValue(bytes));
            Outcome b = decode(type, () -> codecRead(type, bytes));
            String context = "decode " + where + " input=" + input + "\n databind: " + a + "\n streamed: " + b;
            assertThat(b.kind).as(context).isEqualTo(a.kind);
            kinds.merge(a.kind, 1, Integer::sum);
            assertThat(b.violations).as(context).isEqualTo(a.violations);
            assertThat(b.value).as(context).isEqualTo(a.value);
            if (a.value != null) {
                assertThat(new String(codecWrite(type, b.value), StandardCharsets.UTF_8)).as("re-encode " + context)
                        .isEqualTo(new String(databindWriter(type, a.value), StandardCharsets.UTF_8));
            }
            n++;
        }
        return n;
    }

    /** As {@code MessageType} writes with databind: a final class by its own writer, else by the value's class. */
    private static byte[] databindWriter(Class<?> type, Object value) throws Exception {
        return Modifier.isFinal(type.getModifiers()) ? Json.mapper().writerFor(type).writeValueAsBytes(value)
                : Json.mapper().writer().writeValueAsBytes(value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] codecWrite(Class<?> type, Object value) throws Exception {
        java.util.Optional<JsonCodec<Object>> codec = (java.util.Optional) JsonCodecs.of(type);
        return codec.isPresent() ? JsonCodecs.write(codec.get(), value) : databindWriter(type, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object codecRead(Class<?> type, byte[] bytes) throws Exception {
        java.util.Optional<JsonCodec<Object>> codec = (java.util.Optional) JsonCodecs.of(type);
        return codec.isPresent() ? JsonCodecs.read(codec.get(), bytes) : Json.mapper().readerFor(type).readValue(bytes);
    }

    /** What the consumer makes of a decode: the value, a contract violation (with its violations), or undecodable. */
    private record Outcome(String kind, Object value, List<Violation> violations, String message) {
        @Override
        public String toString() {
            return kind + (value != null ? " " + value : "") + (violations.isEmpty() ? "" : " " + violations)
                    + (message == null ? "" : " (" + message + ")");
        }
    }

    /** Classified as {@code RecordProcessor} classifies a payload decode failure. */
    private static Outcome decode(Class<?> type, Callable<Object> read) {
        try {
            return new Outcome("value", read.call(), List.of(), null);
        } catch (Exception | StackOverflowError e) {
            ContractViolationException missing = missingMember(type.getSimpleName(), e);
            if (missing == null) {
                missing = ContractSchemas.violationIn(e).orElse(null);
            }
            if (missing != null) {
                return new Outcome("contract violation", null, missing.violations(), null);
            }
            return new Outcome("undecodable", null, List.of(), e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static final Method MISSING_MEMBERS = missingMembers();

    private static Method missingMembers() {
        try {
            Method of = Class.forName("io.asyncapikafka.runtime.consumer.MissingMembers")
                    .getDeclaredMethod("of", String.class, Throwable.class);
            of.setAccessible(true);
            return of;
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(x);
        }
    }

    /** The consumer's own recognition of a missing member (package-private there; reached reflectively). */
    private static ContractViolationException missingMember(String typeName, Throwable e) {
        try {
            return (ContractViolationException) MISSING_MEMBERS.invoke(null, typeName, e);
        } catch (ReflectiveOperationException x) {
            throw new AssertionError(x);
        }
    }

    private static Compiled compile(String contract, List<Class<?>> types) {
        AsyncApiModel model;
        String base;
        switch (contract) {
            case "orders-seed" -> {
                model = Contracts.read(Contracts.OWN.resolve("orders-seed.asyncapi.yaml"));
                base = "com.acme.orders";
            }
            case "benchmark" -> {
                model = Contracts.read(Path.of("../benchmarks/src/main/asyncapi/order-placed.asyncapi.yaml"));
                base = "com.acme.bench";
            }
            case "codec-mix" -> {
                model = Contracts.read(Contracts.OWN.resolve("codec/codec-mix.asyncapi.yaml"));
                base = "com.acme.mix";
            }
            default -> {
                model = Showcase.model();
                base = Showcase.BASE;
            }
        }
        List<JavaFile> files = TypesGenerator.create(GeneratorOptions.of(base)).generate(model).files();
        Compiled compiled = InMemoryCompiler.compile(files);
        for (JavaFile f : files) {
            Class<?> c = compiled.load(f.packageName() + "." + f.typeSpec().name());
            boolean headers = c.getSimpleName().endsWith("Headers");
            if (!headers && (c.isRecord() || c.isInterface() && c.isSealed())) {
                types.add(c);
            }
        }
        return compiled;
    }

    /** Random Java values of generated types, reflectively. */
    private static final class Values {
        private static final String[] TEXT = {"", "a", "plain", "ü", "日本語", "🎉", "\"quoted\"", "back\\slash", "tab\t",
            "line\nbreak", "\u0000nul", "\u001f", "\u2028", "é́", "a'b", "$x", "1", "true", "null", "NEW", "in-transit"};
        private final Random rnd;

        Values(Random rnd) {
            this.rnd = rnd;
        }

        Object of(Type t, int depth) throws Exception {
            if (t instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type item = p.getActualTypeArguments()[raw == Map.class ? 1 : 0];
                int size = depth > 3 ? 0 : rnd.nextInt(4);
                if (raw == List.class) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        Object v = of(item, depth + 1);
                        if (v != null) {
                            out.add(v);
                        }
                    }
                    return out;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    out.put(text(), rnd.nextInt(6) == 0 ? null : of(item, depth + 1));
                }
                return out;
            }
            Class<?> c = (Class<?>) t;
            if (c == String.class) {
                return text();
            } else if (c == int.class || c == Integer.class) {
                return pick(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, rnd.nextInt());
            } else if (c == long.class || c == Long.class) {
                return pick(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, rnd.nextLong(), (long) rnd.nextInt(1000));
            } else if (c == boolean.class || c == Boolean.class) {
                return rnd.nextBoolean();
            } else if (c == double.class || c == Double.class) {
                return pick(0d, -0d, 1.5, rnd.nextDouble() * 1e6, Double.MAX_VALUE, Double.MIN_VALUE, 1e-7);
            } else if (c == BigInteger.class) {
                return new BigInteger(rnd.nextInt(130) + 1, rnd).multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1));
            } else if (c == BigDecimal.class) {
                return new BigDecimal(new BigInteger(rnd.nextInt(100) + 1, rnd).negate().multiply(
                        BigInteger.valueOf(rnd.nextInt(3) - 1)), rnd.nextInt(30) - 8);
            } else if (c == OffsetDateTime.class) {
                int year = rnd.nextInt(8) == 0 ? pick(-3, 0, 10000, 99999, 1) : 1970 + rnd.nextInt(100);
                LocalDateTime at = LocalDateTime.of(year, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), rnd.nextInt(24),
                        rnd.nextInt(60), rnd.nextInt(60), pick(0, 0, 500_000_000, 123_000, 1, 999_999_999,
                                rnd.nextInt(1_000_000_000)));
                ZoneOffset off = rnd.nextInt(3) == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(
                        pick(3600, -5 * 3600 - 1800, 18 * 3600, -18 * 3600, 3600 + 30, rnd.nextInt(36 * 3600) - 18 * 3600));
                return OffsetDateTime.of(at, off);
            } else if (c == LocalDate.class) {
                return LocalDate.ofEpochDay(rnd.nextInt(8) == 0 ? pick(-800_000L, 3_000_000L, 0L)
                        : rnd.nextInt(40_000));
            } else if (c == UUID.class) {
                return new UUID(rnd.nextLong(), rnd.nextLong());
            } else if (c == URI.class) {
                return URI.create(pick("https://example.com/a?b=c#d", "urn:isbn:0451450523", "mailto:a@b.c",
                        "http://[::1]:80/", "file:///tmp/x%20y"));
            } else if (c == byte[].class) {
                byte[] b = new byte[rnd.nextInt(12)];
                rnd.nextBytes(b);
                return b;
            } else if (c == JsonNode.class) {
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                n.put(text(), rnd.nextInt());
                n.put("d", new BigDecimal("1.50"));
                return n;
            } else if (c.isEnum()) {
                Object[] all = c.getEnumConstants();
                return all[rnd.nextInt(all.length)];
            } else if (c.isSealed()) {
                Class<?>[] variants = c.getPermittedSubclasses();
                return of(variants[rnd.nextInt(variants.length)], depth + 1);
            } else if (c.isRecord()) {
                return record(c, depth);
            }
            return null;
        }

        private Object record(Class<?> c, int depth) throws Exception {
            RecordComponent[] parts = c.getRecordComponents();
            Constructor<?> ctor = c.getDeclaredConstructor(Arrays.stream(parts).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            for (int attempt = 0; attempt < 2; attempt++) {
                Object[] args = new Object[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    boolean isNull = !parts[i].getType().isPrimitive()
                            && (depth > 3 || attempt == 0 && rnd.nextInt(4) == 0);
                    args[i] = isNull ? null : of(parts[i].getGenericType(), depth + 1);
                }
                try {
                    return ctor.newInstance(args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (!(e.getCause() instanceof NullPointerException)) {
                        throw e;
                    }
                    // a required member drew null: draw again without nulls
                }
            }
            return depth > 3 ? null : record(c, depth + 1);
        }

        private String text() {
            if (rnd.nextInt(3) == 0) {
                return TEXT[rnd.nextInt(TEXT.length)];
            }
            StringBuilder b = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(10);
                b.appendCodePoint(kind < 6 ? 32 + rnd.nextInt(95) : kind < 8 ? 0xa0 + rnd.nextInt(0x2000)
                        : kind < 9 ? 0x1F300 + rnd.nextInt(0x300) : rnd.nextInt(32));
            }
            return b.toString();
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[rnd.nextInt(options.length)];
        }
    }

    /** Mutated JSON text: the tree is kept as written (member order, repeated names, number text). */
    static final class Mutations {
        private static final String[] OTHER = {"null", "0", "1", "-1", "1.0", "1e2", "1E+2", "1.9", "-0", "-0.0",
            "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "1e400", "0.5e1",
            "123456789012345678901234567890.5", "true", "false", "\"\"", "\"1\"", "\"true\"", "\"x\"",
            "\"\\u00fc\\ud83c\\udf89\"", "\"2024-02-29\"", "\"2024-02-30\"", "\"2024-01-01T10:00:00Z\"",
            "\"2024-01-01t10:00:00z\"", "\"2016-12-31T23:59:60Z\"", "\" 2024-01-01\"", "\"2024-01-01\\n\"",
            "\"2024-01-01T10:00:00+19:00\"", "\"2024-01-01T10:00:00.1234567891Z\"",
            "\"123e4567-e89b-12d3-a456-426614174000\"", "\"123E4567-E89B-12D3-A456-426614174000\"",
            "\"{123e4567-e89b-12d3-a456-426614174000}\"", "\"http://x/y\"", "\"rel/ative\"", "\"AAEC\"", "\"A===\"",
            "\"NEW\"", "\"PAID\"", "\"in-transit\"", "\"new\"", "[]", "[1]", "[null]", "[\"a\"]", "{}", "{\"a\":1}",
            "{\"sku\":\"A\",\"qty\":1}", "{\"label\":\"x\"}"};

        private Mutations() {}

        static String mutate(String json, Random rnd) {
            Object tree = parse(json);
            List<String> pool = new ArrayList<>(Arrays.asList(OTHER));
            collect(tree, pool);
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                tree = mutateOne(tree, rnd, pool);
            }
            String out = render(tree);
            if (rnd.nextInt(25) == 0) {
                out = out.substring(0, rnd.nextInt(out.length() + 1)); // malformed
            }
            return out;
        }

        private static Object mutateOne(Object tree, Random rnd, List<String> pool) {
            List<Object> nodes = new ArrayList<>();
            nodes(tree, nodes);
            Object node = nodes.get(rnd.nextInt(nodes.size()));
            if (node == tree && rnd.nextInt(6) == 0) {
                return new Lit(pool.get(rnd.nextInt(pool.size())));
            }
            if (node instanceof Obj o) {
                int op = rnd.nextInt(8);
                List<Object[]> es = o.entries;
                if (es.isEmpty() || op == 0) {
                    es.add(rnd.nextInt(es.size() + 1), new Object[] {pick(rnd, "unknown", "ID", "wire_name", "é",
                            "x y"), random(rnd, pool)});
                } else {
                    int at = rnd.nextInt(es.size());
                    switch (op) {
                        case 1 -> es.remove(at);
                        case 2 -> es.get(at)[1] = new Lit("null");
                        case 3 -> es.get(at)[1] = random(rnd, pool);
                        case 4 -> es.add(rnd.nextInt(es.size() + 1), new Object[] {es.get(at)[0], random(rnd, pool)});
                        case 5 -> java.util.Collections.shuffle(es, rnd);
                        case 6 -> es.get(at)[0] = escaped(es.get(at)[0]);
                        default -> es.get(at)[1] = numberVariant(es.get(at)[1], rnd, pool);
                    }
                }
            } else if (node instanceof Arr a) {
                if (a.items.isEmpty() || rnd.nextBoolean()) {
                    a.items.add(rnd.nextInt(a.items.size() + 1), rnd.nextBoolean() ? new Lit("null") : random(rnd, pool));
                } else {
                    int at = rnd.nextInt(a.items.size());
                    a.items.set(at, numberVariant(a.items.get(at), rnd, pool));
                }
            }
            return tree;
        }

        /** An integer written as {@code 1.0}, {@code 1e0} or {@code 1.5}; other values replaced at random. */
        private static Object numberVariant(Object v, Random rnd, List<String> pool) {
            if (v instanceof Lit l && l.text.matches("-?\\d+")) {
                return new Lit(l.text + pick(rnd, ".0", "e0", ".5", "0", "E1", ".000"));
            }
            return random(rnd, pool);
        }

        private static Object random(Random rnd, List<String> pool) {
            return parse(pool.get(rnd.nextInt(pool.size())));
        }

        private static String pick(Random rnd, String... options) {
            return options[rnd.nextInt(options.length)];
        }

        /**
         * A member name with its first character written as a {@code \\u} escape: the same name to a JSON reader, but
         * not the bytes a generated reader compares first (it must then read the name the ordinary way).
         */
        private static Object escaped(Object name) {
            String s = name instanceof RawName r ? r.decoded : (String) name;
            if (s.isEmpty()) {
                return name;
            }
            String rest = quote(s.substring(1));
            return new RawName(s, String.format("\"\\u%04x", (int) s.charAt(0)) + rest.substring(1));
        }

        /** A member name as decoded, and the JSON text it is written as. */
        private record RawName(String decoded, String text) {}

        private record Lit(String text) {}

        private record Obj(List<Object[]> entries) {}

        private record Arr(List<Object> items) {}

        private static void nodes(Object n, List<Object> out) {
            out.add(n);
            if (n instanceof Obj o) {
                o.entries.forEach(e -> nodes(e[1], out));
            } else if (n instanceof Arr a) {
                a.items.forEach(i -> nodes(i, out));
            }
        }

        private static void collect(Object n, List<String> out) {
            if (n instanceof Lit l) {
                out.add(l.text);
            } else if (n instanceof Obj o) {
                o.entries.forEach(e -> collect(e[1], out));
            } else if (n instanceof Arr a) {
                a.items.forEach(i -> collect(i, out));
            }
        }

        static Object parse(String json) {
            try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
                p.nextToken();
                return read(p);
            } catch (java.io.IOException e) {
                throw new AssertionError(json, e);
            }
        }

        private static Object read(JsonParser p) throws java.io.IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                List<Object[]> es = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    es.add(new Object[] {name, read(p)});
                }
                return new Obj(es);
            }
            if (t == JsonToken.START_ARRAY) {
                List<Object> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new Arr(items);
            }
            return new Lit(t == JsonToken.VALUE_STRING ? Json.mapper().writeValueAsString(p.getText()) : p.getText());
        }

        private static String render(Object n) {
            if (n instanceof Obj o) {
                StringBuilder b = new StringBuilder("{");
                for (Object[] e : o.entries) {
                    if (b.length() > 1) {
                        b.append(',');
                    }
                    String name = e[0] instanceof RawName r ? r.text : quote((String) e[0]);
                    b.append(name).append(':').append(render(e[1]));
                }
                return b.append('}').toString();
            }
            if (n instanceof Arr a) {
                StringBuilder b = new StringBuilder("[");
                for (Object i : a.items) {
                    if (b.length() > 1) {
                        b.append(',');
                    }
                    b.append(render(i));
                }
                return b.append(']').toString();
            }
            return ((Lit) Objects.requireNonNull(n)).text;
        }

        private static String quote(String s) {
            try {
                return Json.mapper().writeValueAsString(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }
}
