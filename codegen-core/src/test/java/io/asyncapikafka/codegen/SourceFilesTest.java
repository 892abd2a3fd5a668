package io.asyncapikafka.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.model.ContractReader;
import io.asyncapikafka.model.ReaderOptions;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

class SourceFilesTest {

    private static List<JavaFile> seedFiles() throws URISyntaxException {
        Path path = Path.of(SourceFilesTest.class.getResource("/kafka/orders-seed.asyncapi.yaml").toURI());
        GenerationResult r = CodeGenerator.create(GeneratorOptions.of("com.acme.orders"))
                .generate(ContractReader.create(ReaderOptions.defaults()).read(path).orThrow());
        assertThat(r.hasErrors()).as("%s", r.diagnostics()).isFalse();
        return r.files();
    }

    @Test
    void generateSourcesGivesWhatRenderingTheGeneratedFilesGives() throws Exception {
        // The plugin's path (each file rendered as soon as it is built, in parallel) against the two-step one.
        for (String contract : List.of("/kafka/orders-seed.asyncapi.yaml", "/kafka/shop-events.asyncapi.yaml",
                "/contracts/hostile.asyncapi.yaml")) {
            Path path = Path.of(SourceFilesTest.class.getResource(contract).toURI());
            var model = ContractReader.create(ReaderOptions.defaults()).read(path).orThrow();
            CodeGenerator generator = CodeGenerator.create(GeneratorOptions.of("com.acme"));
            GenerationResult twoStep = generator.generate(model);
            GeneratedSources direct = generator.generateSources(model);

            assertThat(direct.sources()).as(contract).isEqualTo(twoStep.render());
            assertThat(direct.diagnostics()).isEqualTo(twoStep.diagnostics());
            assertThat(direct.summary()).isEqualTo(twoStep.summary());
            assertThat(twoStep.toSources()).isEqualTo(direct);
        }
    }

    private static JavaFile empty(String pkg, String name) {
        return JavaFile.builder(pkg, TypeSpec.classBuilder(name).addModifiers(Modifier.FINAL).build()).build();
    }

    @Test
    void parallelRenderingKeepsTheInputOrderAndEqualsSequentialRendering() throws Exception {
        // Many more files than the sequential threshold, so the fork/join path is the one exercised.
        List<JavaFile> files = new ArrayList<>(seedFiles());
        IntStream.range(0, 100).forEach(i -> files.add(empty("p" + i % 7, "T" + i)));

        List<SourceFiles.Source> rendered = SourceFiles.render(files);

        assertThat(rendered).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            JavaFile f = files.get(i);
            assertThat(rendered.get(i).path())
                    .isEqualTo(f.packageName().replace('.', '/') + "/" + f.typeSpec().name() + ".java");
            assertThat(new String(rendered.get(i).bytes(), StandardCharsets.UTF_8)).isEqualTo(f.toString());
        }
        assertThat(SourceFiles.render(files)).isEqualTo(rendered);
    }

    @Test
    void fewFilesAreRenderedToo() {
        List<SourceFiles.Source> rendered = SourceFiles.render(List.of(empty("", "Top"), empty("a.b", "C")));
        assertThat(rendered).extracting(SourceFiles.Source::path).containsExactly("Top.java", "a/b/C.java");
        assertThat(new String(rendered.get(1).bytes(), StandardCharsets.UTF_8))
                .startsWith("package a.b;\n").contains("final class C");
    }

    @Test
    void aPathProducedTwiceIsAGeneratorBug() {
        List<JavaFile> files = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> files.add(empty("p", "T" + i)));
        files.add(empty("p", "T7"));
        assertThatThrownBy(() -> SourceFiles.render(files))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("p/T7.java twice");
    }
}
