package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ReaderOptions;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one {@code generate} execution needs, already validated and typed.
 *
 * @param basedir the project folder, only to print short paths
 * @param contract the contract file (absolute)
 * @param outputDirectory where sources go (absolute)
 * @param stateFile this execution's incremental state
 * @param readerOptions how to read the contract
 * @param generatorOptions what to generate
 * @param pluginBuild the plugin version, plus for snapshots what identifies the exact build (so a rebuilt snapshot
 *     generator regenerates)
 */
record GenerateRequest(
        Path basedir,
        Path contract,
        Path outputDirectory,
        Path stateFile,
        ReaderOptions readerOptions,
        GeneratorOptions generatorOptions,
        String pluginBuild) {

    GenerateRequest {
        basedir = basedir.toAbsolutePath().normalize();
        contract = contract.toAbsolutePath().normalize();
        outputDirectory = outputDirectory.toAbsolutePath().normalize();
        stateFile = stateFile.toAbsolutePath().normalize();
        Objects.requireNonNull(readerOptions, "readerOptions");
        Objects.requireNonNull(generatorOptions, "generatorOptions");
        Objects.requireNonNull(pluginBuild, "pluginBuild");
    }

    Path contractDir() {
        return contract.getParent();
    }

    /**
     * Every setting that shapes the output, one per line. The option records are listed component by component, so
     * an option added to them later automatically becomes part of the fingerprint.
     */
    String settings() {
        StringBuilder text = new StringBuilder();
        text.append("contract=").append(contract).append('\n');
        text.append("output=").append(outputDirectory).append('\n');
        describe("reader.", readerOptions, text);
        describe("generator.", generatorOptions, text);
        text.append("plugin=").append(pluginBuild).append('\n');
        return text.toString();
    }

    /**
     * Reflection on the components rather than the records' {@code toString}: that one is bootstrapped through
     * invokedynamic on first use, which costs a fresh Maven JVM more than the whole up-to-date check may take.
     */
    private static void describe(String prefix, Record options, StringBuilder text) {
        for (RecordComponent component : options.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(options);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read option " + component.getName(), e);
            }
            text.append(prefix).append(component.getName()).append('=').append(value).append('\n');
        }
    }

    /** {@code path} relative to the project when inside it (short log lines), else absolute. */
    String display(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(basedir) && !p.equals(basedir) ? basedir.relativize(p).toString() : p.toString();
    }
}
