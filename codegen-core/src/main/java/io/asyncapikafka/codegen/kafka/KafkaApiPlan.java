package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.codegen.GeneratorOptions;
import io.asyncapikafka.codegen.types.ByValue;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Server;
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
            List<ReceivePlan> receives) {}

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

    private KafkaApiPlan(AsyncApiModel model, GeneratorOptions options, RetryDlqResolver.Overrides overrides,
            Consumer<Diagnostic> diagnostics) {
        this.model = model;
        this.packageName = options.basePackage().isEmpty() ? "kafka" : options.basePackage() + ".kafka";
        this.topicsClass = allocate("Topics");
        this.messagesClass = allocate("Messages");
        this.entryClass = allocate(KafkaNaming.typeName(model.info().title() == null ? "Contract" : model.info().title())
                + "Kafka");
        allocate(ServerSettingsGenerator.NAME);
        RetryDlqResolver resolver = new RetryDlqResolver(model, overrides, diagnostics);
        ConsumerGroups groups = ConsumerGroups.of(model, diagnostics);
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
            op.messages().forEach(m -> messageConstants.computeIfAbsent(m,
                    k -> unique(KafkaNaming.constantName(k.name()), takenConstants)));
            if (op.reply() != null) {
                op.reply().messages().forEach(m -> messageConstants.computeIfAbsent(m,
                        k -> unique(KafkaNaming.constantName(k.name()), takenConstants)));
            }
        }
        String channelType = KafkaNaming.typeName(ch.name());
        List<SendMethod> sends = new ArrayList<>();
        List<ReceivePlan> receives = new ArrayList<>();
        Set<String> sendNames = new HashSet<>();
        for (Operation op : ch.operations()) {
            if (op.direction() == Direction.SEND) {
                for (Message m : op.messages()) {
                    String name = op.messages().size() == 1
                            ? KafkaNaming.methodName(op.operationId())
                            : KafkaNaming.methodName(op.operationId() + " " + KafkaNaming.typeName(m.name()));
                    sends.add(new SendMethod(op, m, unique(name, sendNames)));
                }
            } else {
                Set<String> handlerNames = new HashSet<>();
                List<HandlerMethod> methods = new ArrayList<>();
                for (Message m : op.messages()) {
                    methods.add(new HandlerMethod(m, unique("on" + KafkaNaming.typeName(m.name()), handlerNames)));
                }
                ClassName handler = allocate(KafkaNaming.typeName(op.operationId()) + "Handler");
                ClassName consumer = allocate(KafkaNaming.typeName(op.operationId()) + "Consumer");
                receives.add(new ReceivePlan(ch, op, handler, consumer, KafkaNaming.methodName(op.operationId()),
                        List.copyOf(methods), groups.of(ch, op), resolver.resolve(ch, op)));
            }
        }
        ClassName producer = sends.isEmpty() ? null : allocate(channelType + "Producer");
        ClassName inMemory = sends.isEmpty() ? null : allocate("InMemory" + producer.simpleName());
        return new ChannelPlan(ch, KafkaNaming.constantName(ch.name()), KafkaNaming.methodName(ch.name()), producer, inMemory,
                producer == null ? null : KafkaNaming.methodName(channelType + "Producer"),
                List.copyOf(sends), List.copyOf(receives));
    }

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
