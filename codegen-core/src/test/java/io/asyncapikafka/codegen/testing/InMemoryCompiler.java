package io.asyncapikafka.codegen.testing;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory with the JDK's javac, as strictly as users will ({@code -Xlint:all -Werror
 * --release 17}), against the test classpath (so the runtime, Jackson and kafka-clients are visible), and loads the
 * classes in a fresh class loader whose parent is the test class loader.
 *
 * <pre>{@code
 * Compiled c = InMemoryCompiler.compile(result.files());   // fails the test with javac's messages
 * Class<?> order = c.load("com.acme.model.OrderCreated");
 * Object value = c.json().readValue(json, order);
 * }</pre>
 */
public final class InMemoryCompiler {

    public static final List<String> OPTIONS = List.of("-Xlint:all", "-Werror", "--release", "17", "-proc:none");

    private InMemoryCompiler() {}

    /** Compiles or throws an {@link AssertionError} listing every javac diagnostic and the offending sources. */
    public static Compiled compile(List<JavaFile> files) {
        Map<String, String> sources = new TreeMap<>();
        for (JavaFile f : files) {
            String fqcn = f.packageName().isEmpty() ? f.typeSpec().name() : f.packageName() + "." + f.typeSpec().name();
            sources.put(fqcn, f.toString());
        }
        return compileSources(sources);
    }

    /** Compiles sources given as fully qualified class name → source text. */
    public static Compiled compileSources(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        Map<String, ByteArrayOutputStream> classes = new TreeMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        List<String> options = new ArrayList<>(OPTIONS);
        options.add("-classpath");
        options.add(testClasspath());
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, manager, diagnostics, options, null, units).call();
        if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
            StringBuilder sb = new StringBuilder("javac failed:\n").append(out);
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                sb.append(d.getKind()).append(' ')
                        .append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
                        .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            sources.forEach((n, t) -> sb.append("\n---- ").append(n).append('\n').append(numbered(t)));
            throw new AssertionError(sb.toString());
        }
        Map<String, byte[]> bytes = new TreeMap<>();
        classes.forEach((n, b) -> bytes.put(n, b.toByteArray()));
        return new Compiled(Collections.unmodifiableMap(bytes), Collections.unmodifiableMap(sources));
    }

    /**
     * Surefire may put the real classpath in a manifest-only jar; it publishes the real one in
     * {@code surefire.test.class.path}.
     */
    public static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return String.join(File.pathSeparator, cp.split(File.pathSeparator));
    }

    private static String numbered(String text) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            sb.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
        }
        return sb.toString();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String fqcn, String text) {
            super(URI.create("mem:///" + fqcn.replace('.', '/') + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
