package io.asyncapikafka.codegen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.Json;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Classes compiled by {@link InMemoryCompiler}, loaded in their own class loader, with small helpers to exercise them:
 * JSON round trips through the runtime's wire mapper, validation, reflective calls.
 */
public final class Compiled {

    private final Map<String, byte[]> classes;
    private final Map<String, String> sources;
    private final ClassLoader loader;
    private final ObjectMapper json;

    Compiled(Map<String, byte[]> classes, Map<String, String> sources) {
        this.classes = classes;
        this.sources = sources;
        this.loader = new ClassLoader(Compiled.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        ObjectMapper copy = Json.mapper().copy();
        this.json = copy.setTypeFactory(copy.getTypeFactory().withClassLoader(loader));
    }

    /** Binary class names (nested classes with {@code $}) → bytecode. */
    public Map<String, byte[]> classes() {
        return classes;
    }

    /** Fully qualified top-level class name → the source that was compiled. */
    public Map<String, String> sources() {
        return sources;
    }

    public ClassLoader loader() {
        return loader;
    }

    public Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + binaryName + "; classes: " + classes.keySet(), e);
        }
    }

    /**
     * The runtime's wire mapper, copied only to resolve classes through this loader: Jackson looks up deduced union
     * members by class name via the context class loader, which does not see classes compiled in memory.
     */
    public ObjectMapper json() {
        return json;
    }

    /** Parses {@code json} into {@code type}. */
    public Object read(String json, Class<?> type) {
        try {
            return json().readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + type.getName() + " from " + json + ": " + e, e);
        }
    }

    /**
     * JSON → object → JSON text → tree, to compare with {@link #tree(String) the input's tree}. Going through the
     * text (not {@code valueToTree}) compares what goes on the wire: {@code 1} read into a BigDecimal is written
     * as {@code 1} again.
     */
    public JsonNode roundTrip(String json, Class<?> type) {
        Object value = read(json, type);
        try {
            return json().readTree(json().writeValueAsString(value));
        } catch (Exception e) {
            throw new AssertionError("cannot write " + type.getName() + ": " + e, e);
        }
    }

    public JsonNode tree(String json) {
        try {
            return json().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The violations of a generated value, as {@code path: message} strings. */
    public static List<String> violations(Object value) {
        return ((Validatable) value).validate().stream().map(Violation::toString).toList();
    }

    /** Calls a public method (static when {@code target} is a class) by name, matching the argument count. */
    public static Object call(Object target, String method, Object... args) {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("calling " + method + " failed: " + e.getCause(), e.getCause());
                }
            }
        }
        throw new AssertionError("no method " + method + "/" + args.length + " on " + type.getName());
    }
}
