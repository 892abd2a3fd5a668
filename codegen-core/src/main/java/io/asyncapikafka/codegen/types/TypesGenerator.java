package io.asyncapikafka.codegen.types;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.types.TypeDecl.EnumDecl;
import io.asyncapikafka.codegen.types.TypeDecl.RecordDecl;
import io.asyncapikafka.codegen.types.TypeDecl.RecordKind;
import io.asyncapikafka.codegen.types.TypeDecl.UnionDecl;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The entry point for payload, enum, union, headers and key types: plans every type (names, references), then runs
 * one generator per kind. Returns the files, sorted by class name, and the {@link GeneratedTypes} registry the Kafka
 * API generators build on.
 */
public final class TypesGenerator {

    /** The sub-package of the base package that holds the types, apart from topics, producers and handlers. */
    public static final String SUB_PACKAGE = "model";

    /** Below this many declarations, handing work to other threads costs more than it saves. */
    private static final int PARALLEL_THRESHOLD = 64;
    private static final int SCHEMA_PART = 20_000;
    private static final ClassName CONTRACT_SCHEMA = ClassName.get("io.asyncapikafka.runtime.json", "ContractSchema");

    private final GeneratorOptions options;

    private TypesGenerator(GeneratorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public static TypesGenerator create(GeneratorOptions options) {
        return new TypesGenerator(options);
    }

    /** What generating the types gives. */
    public record Result(List<JavaFile> files, GeneratedTypes types, List<io.asyncapikafka.model.Diagnostic> diagnostics) {
        public Result {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Result generate(AsyncApiModel model) {
        Output<JavaFile> out = generate(model, Function.identity());
        return new Result(out.files(), out.types(), out.diagnostics());
    }

    /**
     * What {@link #generate(AsyncApiModel, Function)} gives: each file as {@code finish} turned it.
     *
     * @param <F> what a file becomes, e.g. its rendered text
     */
    public record Output<F>(List<F> files, GeneratedTypes types, List<io.asyncapikafka.model.Diagnostic> diagnostics) {
        public Output {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * As {@link #generate(AsyncApiModel)}, with each file handed to {@code finish} on the thread that built it, as
     * soon as it is built: a caller that only needs the text (the plugin) never holds every file's JavaPoet tree at
     * once, which for a large contract is several times the size of the text (and the garbage collector's work).
     * {@code finish} must be thread-safe.
     */
    public <F> Output<F> generate(AsyncApiModel model, Function<JavaFile, F> finish) {
        String pkg = options.basePackage().isEmpty() ? SUB_PACKAGE : options.basePackage() + "." + SUB_PACKAGE;
        Problems problems = Problems.create();
        TypePlanner planner = TypePlanner.create(model, options, pkg, problems);
        // One set of message keys for the whole generation: each model instance is hashed once, here and later when
        // the Kafka API looks its types up.
        ByValue.Keys<Message> keys = ByValue.keys();
        List<Message> included = messagesOf(model, keys);
        ByValue<Message, MessageTypes> messages = MessagePlanner.create(model, planner, problems).plan(included, keys);
        ExampleCheck examples = ExampleCheck.create(model, problems);
        included.forEach(examples::check);
        ExampleCheck.checkUnused(model, problems);
        // In the order the files are returned: by class name (unique within the package).
        List<TypeDecl> decls = new ArrayList<>(planner.declarations());
        decls.sort(Comparator.comparing(d -> d.name().simpleName()));

        Map<ClassName, EnumDecl> enums = new HashMap<>();
        Set<ClassName> validatable = new HashSet<>();
        for (TypeDecl d : decls) {
            if (d instanceof EnumDecl e) {
                enums.put(e.name(), e);
            } else if (!(d instanceof TypeDecl.ValueDecl)) {
                validatable.add(d.name());
            }
        }
        EmitContext ctx = EmitContext.create(model, options.generatorVersion(), Literals.create(enums), validatable,
                problems);
        Map<ClassName, String> runtimeChecked = Map.copyOf(planner.runtimeChecked());
        CodecGenerator.Plan codecs = CodecGenerator.Plan.of(decls, runtimeChecked.keySet());
        List<F> files = emit(decls, ctx, pkg, problems, finish, runtimeChecked, codecs);
        return new Output<>(files, GeneratedTypes.of(pkg, messages, planner.namedClasses()), problems.all());
    }

    /**
     * One file per declaration. Once planned, declarations are independent (the context is immutable apart from its
     * problem sink), so large contracts emit them in parallel; each task reports into its own {@link Problems},
     * merged in declaration order, so diagnostics and files are exactly what one thread would produce.
     */
    private static <F> List<F> emit(List<TypeDecl> decls, EmitContext ctx, String pkg, Problems problems,
            Function<JavaFile, F> finish, Map<ClassName, String> runtimeChecked, CodecGenerator.Plan codecs) {
        Object[] files = new Object[decls.size()];
        Problems[] found = new Problems[decls.size()];
        IntStream indexes = IntStream.range(0, decls.size());
        (decls.size() >= PARALLEL_THRESHOLD ? indexes.parallel() : indexes).forEach(i -> {
            found[i] = Problems.create();
            files[i] = finish.apply(emit(decls.get(i), ctx.withProblems(found[i]), pkg,
                    runtimeChecked.get(decls.get(i).name()), codecs));
        });
        for (Problems p : found) {
            problems.addAll(p);
        }
        @SuppressWarnings("unchecked") // every slot holds what finish returned
        List<F> out = (List<F>) Arrays.asList(files);
        return out;
    }

    private static JavaFile emit(TypeDecl d, EmitContext ctx, String pkg, String runtimeSchema,
            CodecGenerator.Plan codecs) {
        TypeSpec.Builder type;
        if (d instanceof TypeDecl.ValueDecl v) {
            type = ValueGenerator.generate(v);
        } else if (d instanceof RecordDecl r) {
            type = RecordGenerator.create(ctx).generate(r);
            if (r.kind() == RecordKind.HEADERS) {
                HeadersGenerator.create(ctx).addConversion(type, r);
            } else if (codecs.streamed(r.name())) {
                CodecGenerator.addTo(type, r, codecs); // streaming JSON; other types stay on databind
            }
        } else if (d instanceof EnumDecl e) {
            type = EnumGenerator.generate(e);
        } else {
            type = UnionGenerator.generate((UnionDecl) d);
        }
        if (runtimeSchema != null) {
            // keywords the Java shape cannot hold: the runtime checks the JSON against the schema (both paths)
            type.addAnnotation(contractSchema(runtimeSchema));
        }
        return ctx.file(pkg, type);
    }

    /**
     * {@code @ContractSchema} with the schema in parts of at most {@value #SCHEMA_PART} characters: a string constant
     * may take 64 KB in a class file, and a character up to three bytes there.
     */
    static AnnotationSpec contractSchema(String schema) {
        AnnotationSpec.Builder a = AnnotationSpec.builder(CONTRACT_SCHEMA);
        int from = 0;
        while (from < schema.length()) {
            int to = Math.min(schema.length(), from + SCHEMA_PART);
            if (to < schema.length() && Character.isHighSurrogate(schema.charAt(to - 1))) {
                to--; // never split a surrogate pair
            }
            a.addMember("value", "$S", schema.substring(from, to));
            from = to;
        }
        return a.build();
    }

    /** Messages of the included channels, in document order, each once. */
    private List<Message> messagesOf(AsyncApiModel model, ByValue.Keys<Message> keys) {
        List<Message> out = new ArrayList<>();
        // Not out.contains(m): that compares deeply against every earlier message, quadratic in the messages.
        ByValue<Message, Boolean> seen = ByValue.create(keys);
        for (Channel c : model.channels()) {
            if (!options.includes(c.name())) {
                continue;
            }
            for (Operation o : c.operations()) {
                List<Message> ms = o.reply() == null ? o.messages() : new ArrayList<>(o.messages());
                if (o.reply() != null) {
                    ms.addAll(o.reply().messages()); // a 3.x reply's messages need types too
                }
                for (Message m : ms) {
                    if (!seen.containsKey(m)) {
                        seen.put(m, Boolean.TRUE);
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }
}
