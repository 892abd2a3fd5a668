package io.asyncapikafka.codegen;

import com.palantir.javapoet.JavaFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Turns generated {@link JavaFile}s into the bytes that go to disk: {@code <package path>/<Name>.java}, {@code \n}
 * line ends, UTF-8. Pure and in memory, like the generator; the plugin's writer and the benchmarks both use it, so
 * what is measured is what is written.
 *
 * <p>Rendering is most of the generator's CPU (JavaPoet emits each file twice: once to collect imports, once for the
 * text). Files are independent and immutable once built, so they are rendered in parallel by the calling thread and
 * the common {@link ForkJoinPool}; the result keeps the input order, so the output stays byte-for-byte deterministic.
 */
public final class SourceFiles {

    /** Below this many files a fork costs more than it saves (a few small contracts are the common case). */
    private static final int SEQUENTIAL_THRESHOLD = 16;

    /**
     * One rendered source file.
     *
     * @param path {@code /}-separated path relative to the source root, e.g. {@code com/acme/Order.java}
     * @param bytes the UTF-8 source text
     */
    public record Source(String path, byte[] bytes) {
        public Source {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(bytes, "bytes");
        }

        // A record's default equals would compare the array by identity; content is what matters for a source.
        @Override
        public boolean equals(Object o) {
            return o instanceof Source s && path.equals(s.path) && Arrays.equals(bytes, s.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Source[" + path + ", " + bytes.length + " bytes]";
        }
    }

    private SourceFiles() {}

    /**
     * Renders {@code files} in parallel.
     *
     * @return one {@link Source} per file, in the order of {@code files}
     * @throws IllegalStateException if two files have the same path (a generator bug)
     */
    public static List<Source> render(List<JavaFile> files) {
        List<JavaFile> in = List.copyOf(files);
        Source[] out = new Source[in.size()];
        if (in.size() < SEQUENTIAL_THRESHOLD) {
            for (int i = 0; i < out.length; i++) {
                out[i] = renderOne(in.get(i));
            }
        } else {
            // invoke() on this thread, not pool.invoke(): the caller renders too instead of blocking, so on 2 cores
            // (common pool parallelism 1) two threads work, as with a parallel stream.
            new RenderRange(in, out, 0, out.length).invoke();
        }
        List<Source> result = Arrays.asList(out);
        Set<String> paths = new HashSet<>();
        for (Source s : result) {
            if (!paths.add(s.path())) {
                throw new IllegalStateException("the generator produced " + s.path() + " twice");
            }
        }
        return List.copyOf(result);
    }

    /** The path of {@code file} relative to the source root, {@code /}-separated. */
    public static String pathOf(JavaFile file) {
        String dir = file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/";
        return dir + file.typeSpec().name() + ".java";
    }

    /** One file's text: the same as {@link #render(List)} gives for it, on the calling thread. */
    public static Source render(JavaFile file) {
        return renderOne(file);
    }

    private static Source renderOne(JavaFile file) {
        String text = file.toString();
        // JavaPoet writes \n; normalising guards against a platform separator arriving through literal text.
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n");
        }
        return new Source(pathOf(file), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Splits the index range in halves until it is small; each leaf renders its files into its own slots. */
    private static final class RenderRange extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private static final int LEAF = 8;

        private final transient List<JavaFile> in;
        private final transient Source[] out;
        private final int from;
        private final int to;

        RenderRange(List<JavaFile> in, Source[] out, int from, int to) {
            this.in = in;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= LEAF) {
                for (int i = from; i < to; i++) {
                    out[i] = renderOne(in.get(i));
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new RenderRange(in, out, from, mid), new RenderRange(in, out, mid, to));
        }
    }
}
