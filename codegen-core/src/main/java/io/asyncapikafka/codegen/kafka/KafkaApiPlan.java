package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.types.ByValue;
import io.asyncapikafka.codegen.types.Naming;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.Severity;
import io.asyncapikafka.model.SourceLocation;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every name and decision of the Kafka API for one contract, made once and in document order before any code is
 * written, so the generators only render and the output cannot depend on the order they run in.
 */
final class KafkaApiPlan {

    /** One producer method: a (send operation, message) pair. */
    record SendMethod(Operation operation, Message message, String methodName) {}

    /** One handler method: a message of a receive operation. */
    record HandlerMethod(Message message, String methodName) {}

    /**
     * A receive operation: its handler interface, the entry point's registration method, its consumer group (and the
     * rule that chose it, see {@link ConsumerGroups}) and its retry/DLQ topics.
     */
    record ReceivePlan(
            Channel channel,
            Operation operation,
            ClassName handlerClass,
            ClassName consumerClass,
            String registrationMethod,
            List<HandlerMethod> methods,
            ConsumerGroups.Group group,
            RetryDlqResolver.Resolution resolution) {}

    /**
     * A channel: its {@code Topics} member, and the producer facade when the generated side sends on it.
     *
     * @param producerClass {@code null} when nothing is sent on the channel
     */
    record ChannelPlan(
            Channel channel,
            String topicConstant,
            String topicMethod,
            ClassName producerClass,
            ClassName inMemoryProducerClass,
            String producerAccessor,
            List<SendMethod> sends,
            List<ReceivePlan> receives,
            ClassName parametersClass) {}

    private final AsyncApiModel model;
    private final String packageName;
    private final ClassName entryClass;
    private final ClassName topicsClass;
    private final ClassName messagesClass;
    private final ByValue<Message, String> messageConstants = ByValue.create();
    private final Set<String> takenConstants = new HashSet<>();
    private final List<ChannelPlan> channels;
    private final List<ServerConfigGenerator.ServerConfig> servers;
    private final Set<String> takenClassNames = new HashSet<>();
    private final List<ReplyPlanner.ReplyPlan> replies;
    private final ClassName aclsClass;
    private final Consumer<Diagnostic> diagnostics;
    private final Map<Channel, String> channelBases = new HashMap<>();
    private final AvroPayloads avroPayloads;

    private KafkaApiPlan(AsyncApiModel model, GeneratorOptions options, RetryDlqResolver.Overrides overrides,
            Consumer<Diagnostic> diagnostics) {
        this.model = model;
        this.diagnostics = diagnostics;
        this.packageName = options.basePackage().isEmpty() ? "kafka" : options.basePackage() + ".kafka";
        this.topicsClass = allocate("Topics");
        this.messagesClass = allocate("Messages");
        this.entryClass = allocate(KafkaNaming.typeName(model.info().title() == null ? "Contract" : model.info().title())
                + "Kafka");
        allocate(ServerSettingsGenerator.NAME);
        RetryDlqResolver resolver = new RetryDlqResolver(model, overrides, diagnostics);
        ConsumerGroups groups = ConsumerGroups.of(model, diagnostics);
        planChannelBases(options);
        List<ChannelPlan> cs = new ArrayList<>();
        for (Channel ch : model.channels()) {
            if (options.includes(ch.name())) {
                cs.add(planChannel(ch, resolver, groups));
            }
        }
        this.channels = List.copyOf(cs);
        List<ServerConfigGenerator.ServerConfig> ss = new ArrayList<>();
        for (Server server : model.servers()) {
            ServerSecurity security = ServerSecurity.of(server, diagnostics);
            if (security != null) {
                ss.add(new ServerConfigGenerator.ServerConfig(server, allocate(KafkaNaming.typeName(server.name()) + "Server"),
                        security, ServerConfigGenerator.settingsOf(server, security)));
            }
        }
        this.servers = List.copyOf(ss);
        this.replies = ReplyPlanner.plan(this, diagnostics);
        this.avroPayloads = AvroPayloads.of(model, options.avroBaselineSchemas(), diagnostics);
        // Allocated last, so adding it renamed no earlier class.
        this.aclsClass = allocate("Acls");
    }

    static KafkaApiPlan of(AsyncApiModel model, GeneratorOptions options, RetryDlqResolver.Overrides overrides,
            Consumer<Diagnostic> diagnostics) {
        return new KafkaApiPlan(model, options, overrides, diagnostics);
    }

    private ChannelPlan planChannel(Channel ch, RetryDlqResolver resolver, ConsumerGroups groups) {
        for (Operation op : ch.operations()) {
            // Records compare by value: the same component message used by several operations is one constant.
            op.messages().forEach(m -> messageConstants.computeIfAbsent(m, k -> {
                chosen(k.javaName(), "message", k.name(), k.location()); // reported once per message
                return unique(KafkaNaming.constantName(messageBase(k)), takenConstants);
            }));
            if (op.reply() != null) {
                op.reply().messages().forEach(m -> messageConstants.computeIfAbsent(m,
                        k -> unique(KafkaNaming.constantName(messageBase(k)), takenConstants)));
            }
        }
        String channelType = channelBases.get(ch);
        boolean chosenChannel = chosen(ch.javaName(), "channel", ch.name(), ch.location()) != null;
        List<SendMethod> sends = new ArrayList<>();
        List<ReceivePlan> receives = new ArrayList<>();
        Set<String> sendNames = new HashSet<>();
        for (Operation op : ch.operations()) {
            String opName = chosen(op.javaName(), "operation", op.operationId(), op.location());
            if (op.direction() == Direction.SEND) {
                for (Message m : op.messages()) {
                    String name = sendMethodName(op, opName, m);
                    String n = unique(name, sendNames);
                    if (!n.equals(name) && (opName != null || chosenMessage(m))) {
                        clash("send method '" + name + "'", op.location());
                    }
                    sends.add(new SendMethod(op, m, n));
                }
            } else {
                Set<String> handlerNames = new HashSet<>();
                List<HandlerMethod> methods = new ArrayList<>();
                for (Message m : op.messages()) {
                    String name = "on" + Naming.upperFirst(KafkaNaming.typeNameOfChosen(messageBase(m), chosenMessage(m)));
                    String n = unique(name, handlerNames);
                    if (!n.equals(name) && chosenMessage(m)) {
                        clash("handler method '" + name + "'", m.location());
                    }
                    methods.add(new HandlerMethod(m, n));
                }
                String base = opName != null ? Naming.upperFirst(opName) : KafkaNaming.typeName(op.operationId());
                ClassName handler = allocate(base + "Handler", opName != null, op.location());
                ClassName consumer = allocate(base + "Consumer", opName != null, op.location());
                receives.add(new ReceivePlan(ch, op, handler, consumer,
                        opName != null ? Naming.lowerFirst(opName) : KafkaNaming.methodName(op.operationId()),
                        List.copyOf(methods), groups.of(ch, op), resolver.resolve(ch, op)));
            }
        }
        ClassName producer = sends.isEmpty() ? null : allocate(channelType + "Producer", chosenChannel, ch.location());
        ClassName inMemory = sends.isEmpty() ? null : allocate("InMemory" + producer.simpleName());
        ClassName parameters = ch.isParameterised() && !receives.isEmpty()
                ? allocate(channelType + "Parameters", chosenChannel, ch.location()) : null;
        // A parameterised channel has no fixed topic: its Topics members (a name builder, a pattern) take the short
        // name; a fixed topic's constant stays the topic's own name (ORDERS_V1).
        String topicBase = ch.isParameterised() ? channelType : ch.name();
        return new ChannelPlan(ch, KafkaNaming.constantName(topicBase), KafkaNaming.methodName(topicBase), producer,
                inMemory, producer == null ? null : Naming.lowerFirst(producer.simpleName()),
                List.copyOf(sends), List.copyOf(receives), parameters);
    }

    /**
     * The class-name base of every included channel, decided together: its {@code x-java-name}, else
     * {@link KafkaNaming#channelBase}; when two channels would get the same default base, both fall back to their
     * names without parameters (then numbers, in document order).
     */
    private void planChannelBases(GeneratorOptions options) {
        Map<String, Integer> counts = new HashMap<>();
        List<Channel> included = model.channels().stream().filter(c -> options.includes(c.name())).toList();
        for (Channel ch : included) {
            if (!Naming.isUsableJavaName(ch.javaName())) {
                counts.merge(KafkaNaming.channelBase(ch).toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        for (Channel ch : included) {
            String base;
            if (Naming.isUsableJavaName(ch.javaName())) {
                base = Naming.upperFirst(ch.javaName());
            } else {
                base = KafkaNaming.channelBase(ch);
                if (counts.get(base.toLowerCase(Locale.ROOT)) > 1) {
                    base = KafkaNaming.withoutParameters(ch);
                }
            }
            channelBases.put(ch, base);
        }
    }

    /**
     * A send method is named for what it does on the generated side: the operation's {@code x-java-name}; else its
     * operationId, unless that names what the other side does ({@code receiveLightMeasurement} generated as a send
     * under {@code role=client}): then {@code send} and the message ({@code sendLightMeasured}).
     */
    private static String sendMethodName(Operation op, String opName, Message m) {
        String message = KafkaNaming.typeNameOfChosen(messageBase(m), chosenMessage(m));
        if (opName != null) {
            return op.messages().size() == 1 ? Naming.lowerFirst(opName) : Naming.lowerFirst(opName) + message;
        }
        if (KafkaNaming.namedForOtherSide(op)) {
            return "send" + Naming.upperFirst(message);
        }
        return op.messages().size() == 1
                ? KafkaNaming.methodName(op.operationId())
                : KafkaNaming.methodName(op.operationId() + " " + message);
    }

    /** The message's {@code x-java-name} when usable, else its name. */
    static String messageBase(Message m) {
        return Naming.chosenOr(m.javaName(), m.name());
    }

    private static boolean chosenMessage(Message m) {
        return Naming.isUsableJavaName(m.javaName());
    }

    /** {@code raw}, an {@code x-java-name}, when it is usable; else {@code null}, reported (AKK401) when present. */
    private String chosen(String raw, String what, String owner, SourceLocation at) {
        if (raw == null) {
            return null;
        }
        if (Naming.isUsableJavaName(raw)) {
            return raw;
        }
        diagnostics.accept(new Diagnostic(NAME_INVALID, Severity.ERROR, "x-java-name '" + raw + "' of " + what + " '"
                + owner + "' is not a usable Java name", "use a Java identifier that is not a keyword, such as TurnOn",
                at));
        return null;
    }

    private void clash(String what, SourceLocation at) {
        diagnostics.accept(new Diagnostic(NAME_CLASH, Severity.ERROR, "x-java-name gives " + what
                + ", which another generated name already has", "give one of the two another x-java-name", at));
    }

    /** As {@link #allocate(String)}; a name an {@code x-java-name} chose is reported (AKK402) when taken. */
    private ClassName allocate(String simpleName, boolean chosen, SourceLocation at) {
        ClassName cn = allocate(simpleName);
        if (chosen && !cn.simpleName().equals(simpleName)) {
            clash("class " + simpleName, at);
        }
        return cn;
    }

    /** {@code x-java-name} diagnostics of the Kafka API (codegen-core/KAFKA-API.md, "Names"). */
    static final String NAME_INVALID = "AKK401";
    static final String NAME_CLASH = "AKK402";

    // Compared ignoring case: Foo.java and FOO.java are one file on case-insensitive file systems.
    ClassName allocate(String simpleName) {
        String n = simpleName;
        for (int i = 2; !takenClassNames.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = simpleName + i;
        }
        return ClassName.get(packageName, n);
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = name + i;
        }
        return n;
    }

    AsyncApiModel model() {
        return model;
    }

    String packageName() {
        return packageName;
    }

    ClassName entryClass() {
        return entryClass;
    }

    ClassName topicsClass() {
        return topicsClass;
    }

    ClassName topicSpecClass() {
        return ClassName.get("io.asyncapikafka.runtime", "TopicSpec");
    }

    ClassName aclsClass() {
        return aclsClass;
    }

    ClassName messagesClass() {
        return messagesClass;
    }

    /** Every message of an included operation with its {@code Messages} constant, in document order. */
    /** How each Avro message goes on the wire (framing chosen from its channels' servers and bindings). */
    AvroPayloads avroPayloads() {
        return avroPayloads;
    }

    Map<Message, String> messageConstants() {
        return messageConstants.asMap();
    }

    String messageConstant(Message message) {
        return messageConstants.get(message);
    }

    List<ChannelPlan> channels() {
        return channels;
    }

    ChannelPlan channelOf(ReceivePlan r) {
        return channels.stream().filter(c -> c.receives().contains(r)).findFirst().orElseThrow();
    }

    List<ReceivePlan> receives() {
        return channels.stream().flatMap(c -> c.receives().stream()).toList();
    }

    List<ServerConfigGenerator.ServerConfig> servers() {
        return servers;
    }

    /** AsyncAPI 3.x request/reply operations the generated API wires (see {@link ReplyPlanner}). */
    List<ReplyPlanner.ReplyPlan> replies() {
        return replies;
    }
}
