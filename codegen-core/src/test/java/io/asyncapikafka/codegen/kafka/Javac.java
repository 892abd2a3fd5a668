package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;

/**
 * Compiles generated files together with hand-written "user code" in one javac run ({@code -Xlint:all -Werror}, via the
 * shared {@link InMemoryCompiler}), so tests exercise the generated API the way a user's code calls it.
 */
final class Javac {

    private Javac() {}

    static ClassLoader compile(List<JavaFile> files, Map<String, String> extraSources) {
        Map<String, String> sources = new TreeMap<>(extraSources);
        for (JavaFile f : files) {
            sources.put(f.packageName() + "." + f.typeSpec().name(), f.toString());
        }
        return InMemoryCompiler.compileSources(sources).loader();
    }

    static ClassLoader compile(List<JavaFile> files) {
        return compile(files, Map.of());
    }
}
