package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.JavaFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** In-process javac for generated sources: {@code -Xlint:all -Werror}, classes kept in memory and loadable. */
final class Javac {

    private Javac() {}

    /** Compiles generated files plus extra hand-written sources (name → text); fails with javac's output. */
    static ClassLoader compile(List<JavaFile> files, Map<String, String> extraSources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        for (JavaFile f : files) {
            units.add(f.toJavaFileObject());
        }
        extraSources.forEach((name, text) -> units.add(new Source(name, text)));
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(null, null, null);
        JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        classes.put(className, out);
                        return out;
                    }
                };
            }
        };
        StringWriter out = new StringWriter();
        List<String> opts = List.of("-Xlint:all", "-Werror", "-proc:none", "--release", "17",
                "-classpath", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(out, fm, null, opts, null, units).call();
        if (!ok) {
            StringBuilder sources = new StringBuilder();
            for (JavaFile f : files) {
                sources.append("----- ").append(f.packageName()).append('.').append(f.typeSpec().name()).append('\n')
                        .append(f).append('\n');
            }
            throw new AssertionError("generated code does not compile:\n" + out + "\n" + sources);
        }
        return new ClassLoader(Javac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = b.toByteArray();
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    static ClassLoader compile(List<JavaFile> files) {
        return compile(files, Map.of());
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
