package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import io.asyncapikafka.codegen.CodeGenerator;
import io.asyncapikafka.codegen.GenerationResult;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.testing.Contracts;
import io.asyncapikafka.codegen.testing.InMemoryCompiler;
import io.asyncapikafka.model.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large contracts emit their types on several threads: files and diagnostics must be exactly what one thread gives,
 * every time.
 */
class ParallelEmissionTest {

    @TempDir
    Path dir;

    /** {@code n} channels, each a message with a nested object, an enum and a pattern Java rejects (a warning). */
    private Path contract(int n) throws Exception {
        StringBuilder y = new StringBuilder("asyncapi: 2.6.0\ninfo: {title: Many, version: '1'}\nchannels:\n");
        for (int i = 0; i < n; i++) {
            y.append("  c").append(i).append(":\n    subscribe:\n      operationId: send").append(i).append('\n')
                    .append("      message:\n        name: M").append(i).append('\n')
                    .append("        payload:\n          type: object\n          properties:\n")
                    .append("            bad: {type: string, pattern: '(?<x'}\n")
                    .append("            state: {type: string, enum: [A, B]}\n")
                    .append("            inner:\n              type: object\n              properties:\n")
                    .append("                v: {type: number, minimum: 0}\n");
        }
        Path p = dir.resolve("many.asyncapi.yaml");
        Files.writeString(p, y);
        return p;
    }

    private static List<String> texts(GenerationResult r) {
        return r.files().stream().map(JavaFile::toString).toList();
    }

    @Test
    void manyDeclarationsGiveTheSameFilesAndDiagnosticsInDocumentOrderEveryTime() throws Exception {
        Path contract = contract(40); // 120 declarations: above the parallel threshold
        GenerationResult first = CodeGenerator.create(GeneratorOptions.of("com.acme")).generate(Contracts.read(contract));

        assertThat(first.files()).hasSizeGreaterThan(120);
        List<Diagnostic> patterns = first.diagnostics().stream().filter(d -> d.code().equals("AKG004")).toList();
        assertThat(patterns).hasSize(40);
        assertThat(patterns).extracting(d -> d.location().line()).isSorted();
        assertThat(patterns.get(0).location().pointer()).isEqualTo("/channels/c0/subscribe/message/payload/properties/bad");

        for (int run = 0; run < 3; run++) {
            GenerationResult again = CodeGenerator.create(GeneratorOptions.of("com.acme"))
                    .generate(Contracts.read(contract));
            assertThat(texts(again)).isEqualTo(texts(first));
            assertThat(again.diagnostics()).isEqualTo(first.diagnostics());
        }
        InMemoryCompiler.compile(first.files());
    }
}
