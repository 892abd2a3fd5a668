package io.asyncapikafka.codegen.kafka;

import com.palantir.javapoet.ClassName;
import io.asyncapikafka.model.CorrelationId;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Direction;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.OperationReply;
import io.asyncapikafka.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Decides, once, how an AsyncAPI 3.x {@code reply} is wired: which side this build is (the operation's direction),
 * the class name, the request and reply message, the reply channel, and the correlation and reply-address headers
 * from the contract's runtime expressions. A reply the generated API cannot wire is warning AKK301 with the reason,
 * and the operation generates as without a reply.
 */
final class ReplyPlanner {

    /** The header used when neither the request nor the reply message names a {@code correlationId}. */
    static final String DEFAULT_CORRELATION_HEADER = "correlationId";
    private static final String HEADER = "$message.header#/";

    /**
     * One wired request/reply operation.
     *
     * @param replier true for the side that receives the request and sends the reply
     * @param consumerClass the operation's generated consumer (replier side), else {@code null}
     * @param replyToHeader the request header that names the reply topic, or {@code null}
     */
    record ReplyPlan(Operation operation, boolean replier, ClassName className, Message request, Message reply,
            KafkaApiPlan.ChannelPlan requestChannel, KafkaApiPlan.ChannelPlan replyChannel, String correlationHeader,
            String replyToHeader, ClassName consumerClass) {

        /** The reply channel has one topic (a {@code Topics} constant), so no reply topic needs to be given. */
        boolean fixedReplyTopic() {
            return !replyChannel.channel().isParameterised();
        }
    }

    private ReplyPlanner() {}

    static List<ReplyPlan> plan(KafkaApiPlan plan, Consumer<Diagnostic> diagnostics) {
        List<ReplyPlan> out = new ArrayList<>();
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            for (Operation op : c.channel().operations()) {
                if (op.reply() != null) {
                    ReplyPlan p = plan(plan, c, op, diagnostics);
                    if (p != null) {
                        out.add(p);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static ReplyPlan plan(KafkaApiPlan plan, KafkaApiPlan.ChannelPlan c, Operation op,
            Consumer<Diagnostic> diagnostics) {
        OperationReply reply = op.reply();
        String problem = null;
        KafkaApiPlan.ChannelPlan replyChannel = reply.channelName() == null ? null : plan.channels().stream()
                .filter(p -> p.channel().name().equals(reply.channelName())).findFirst().orElse(null);
        String replyTo = header(reply.addressLocation());
        String correlation = correlationHeader(op, reply);
        if (op.messages().size() != 1) {
            problem = "the request has " + op.messages().size() + " messages (one is supported)";
        } else if (reply.messages().size() != 1) {
            problem = "the reply has " + reply.messages().size() + " messages (one is supported)";
        } else if (replyChannel == null) {
            problem = reply.channelName() == null ? "the reply names no channel" : "its reply channel is not generated";
        } else if (reply.addressLocation() != null && replyTo == null) {
            problem = "the reply address " + reply.addressLocation() + " is not a header";
        } else if (correlation == null) {
            problem = "the correlation id is not in a header";
        } else if (replyTo == null && replyChannel.channel().isParameterised()) {
            problem = "the reply channel has no fixed topic and the request names none";
        }
        if (problem != null) {
            diagnostics.accept(new Diagnostic("AKK301", Severity.WARNING, "operation '" + op.operationId()
                    + "' declares a reply, but " + problem + "; only the "
                    + op.direction().name().toLowerCase(Locale.ROOT) + " side of the request is generated",
                    "use one request and one reply message, header locations ($message.header#/name) and a reply"
                            + " channel; or wire it by hand with the runtime's RequestReplyClient / Replier",
                    op.location()));
            return null;
        }
        boolean replier = op.direction() == Direction.RECEIVE;
        ClassName consumer = !replier ? null : c.receives().stream().filter(r -> r.operation() == op)
                .map(KafkaApiPlan.ReceivePlan::consumerClass).findFirst().orElseThrow();
        ClassName name = plan.allocate(KafkaNaming.typeName(op.operationId()) + (replier ? "Replier" : "Requester"));
        return new ReplyPlan(op, replier, name, op.messages().get(0), reply.messages().get(0), c, replyChannel,
                correlation, replyTo, consumer);
    }

    /** The request's correlation header, else the reply's, else the default; null when it is not a header. */
    private static String correlationHeader(Operation op, OperationReply reply) {
        CorrelationId id = op.messages().isEmpty() ? null : op.messages().get(0).correlationId();
        if (id == null && !reply.messages().isEmpty()) {
            id = reply.messages().get(0).correlationId();
        }
        return id == null ? DEFAULT_CORRELATION_HEADER : header(id.location());
    }

    /** {@code $message.header#/NAME} → NAME (the runtime's ReplyHeaders rule); anything else → null. */
    static String header(String expression) {
        if (expression == null || !expression.startsWith(HEADER) || expression.length() == HEADER.length()
                || expression.indexOf('/', HEADER.length()) >= 0) {
            return null;
        }
        return expression.substring(HEADER.length()).replace("~1", "/").replace("~0", "~");
    }
}
