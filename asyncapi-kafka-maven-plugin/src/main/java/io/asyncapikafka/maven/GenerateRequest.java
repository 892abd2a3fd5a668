package io.asyncapikafka.maven;

import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.model.ReaderOptions;
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
     * Every setting that shapes the output, one per line. The option records' {@code toString} lists all their
     * components in declaration order, so a new option automatically becomes part of the fingerprint.
     */
    String settings() {
        return "contract=" + contract + "\n"
                + "output=" + outputDirectory + "\n"
                + "reader=" + readerOptions + "\n"
                + "generator=" + generatorOptions + "\n"
                + "plugin=" + pluginBuild + "\n";
    }

    /** {@code path} relative to the project when inside it (short log lines), else absolute. */
    String display(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(basedir) && !p.equals(basedir) ? basedir.relativize(p).toString() : p.toString();
    }
}
