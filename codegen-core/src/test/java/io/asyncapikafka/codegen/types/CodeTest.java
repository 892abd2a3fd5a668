package io.asyncapikafka.codegen.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** {@link Code} must emit exactly what the equivalent {@link CodeBlock} emits, in fewer parts. */
class CodeTest {

    private static final ClassName VIOLATION = ClassName.get("io.asyncapikafka.runtime", "Violation");

    /** Both bodies in one file each, as JavaPoet renders them (imports included). */
    private static void assertSameSource(CodeBlock expected, CodeBlock actual) {
        assertThat(file(actual)).isEqualTo(file(expected));
    }

    private static String file(CodeBlock body) {
        return JavaFile.builder("com.acme", TypeSpec.classBuilder("T")
                        .addMethod(MethodSpec.methodBuilder("m").addCode(body).build()).build())
                .indent("    ").build().toString();
    }

    /** How many pieces JavaPoet appends to its output for a file holding {@code body}. */
    private static int appends(CodeBlock body) {
        int[] n = {0};
        try {
            JavaFile.builder("com.acme", TypeSpec.classBuilder("T")
                            .addMethod(MethodSpec.methodBuilder("m").addStatement(body).build()).build())
                    .build().writeTo(new Appendable() {
                        @Override
                        public Appendable append(CharSequence s) {
                            n[0]++;
                            return this;
                        }

                        @Override
                        public Appendable append(CharSequence s, int start, int end) {
                            n[0]++;
                            return this;
                        }

                        @Override
                        public Appendable append(char c) {
                            n[0]++;
                            return this;
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n[0];
    }

    @Test
    void everyCharacterIsEscapedAsJavaPoetEscapesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (c != '\n' && !Character.isSurrogate(c)) {
                all.append(c);
                assertThat(Code.of("$S", String.valueOf(c)).toString())
                        .as("U+%04X", (int) c).isEqualTo(CodeBlock.of("$S", String.valueOf(c)).toString());
            }
        }
        assertThat(Code.of("$S", all.toString()).toString()).isEqualTo(CodeBlock.of("$S", all.toString()).toString());
        assertThat(Code.of("$S", (Object) null).toString()).isEqualTo("null");
    }

    @Test
    void statementsAndBlocksRenderLikeCodeBlocks() {
        CodeBlock.Builder expected = CodeBlock.builder()
                .beginControlFlow("if ($L < $L)", "len", 3)
                .addStatement("out.add(new $T($L, $S + $L))", VIOLATION, CodeBlock.of("path + $S", ".name"),
                        "length must be >= 3 but was ", "len")
                .endControlFlow()
                .addStatement("$T.requireNonNull($N, $S)", Objects.class, "name", "name")
                .addStatement("return $T.copyOf($N)", List.class, "items");
        CodeBlock.Builder actual = CodeBlock.builder();
        Code.open(actual, "if ($L < $L)", "len", 3);
        Code.statement(actual, "out.add(new $T($L, $L))", VIOLATION, Code.of("path + $S", ".name"),
                Code.of("$S + $L", "length must be >= 3 but was ", "len"));
        Code.close(actual);
        Code.statement(actual, "$T.requireNonNull($N, $S)", Objects.class, "name", "name");
        Code.statement(actual, "return $T.copyOf($N)", List.class, "items");

        assertSameSource(expected.build(), actual.build());
    }

    @Test
    void textRunsBecomeOnePartAndTypesStayReferences() {
        Code c = Code.of("out.add(new $T($L, $S))", VIOLATION, Code.of("path + $S", ".x"), "must be $1 \"x\"");
        CodeBlock block = c.block();
        CodeBlock same = CodeBlock.of("out.add(new $T($L, $S))", VIOLATION, CodeBlock.of("path + $S", ".x"),
                "must be $1 \"x\"");
        // The point of Code: JavaPoet writes it in fewer pieces ("out.add(new ", the type, the rest).
        assertThat(appends(block)).isLessThan(appends(same) - 4);
        assertThat(file(CodeBlock.builder().addStatement(block).build()))
                .contains("import io.asyncapikafka.runtime.Violation;")
                .contains("out.add(new Violation(path + \".x\", \"must be $1 \\\"x\\\"\"));");
        assertThat(Code.join(List.of(Code.of("a"), Code.of("$T", VIOLATION), Code.of("b")), " && ").toString())
                .isEqualTo("a && io.asyncapikafka.runtime.Violation && b");
    }

    @Test
    void multiLineStringsKeepJavaPoetsLineBreaking() {
        String twoLines = "first\nsecond";
        CodeBlock expected = CodeBlock.builder().addStatement("x = $S", twoLines).build();
        CodeBlock.Builder actual = CodeBlock.builder();
        Code.statement(actual, "x = $S", twoLines);
        assertSameSource(expected, actual.build());
    }

    @Test
    void unsupportedFormatsAndArgumentMismatchesAreRefused() {
        assertThatThrownBy(() -> Code.of("$W")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$W");
        assertThatThrownBy(() -> Code.of("$L")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Code.of("x", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Code.of("x$")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Code.of("$T", "notAType")).isInstanceOf(IllegalArgumentException.class);
    }
}
