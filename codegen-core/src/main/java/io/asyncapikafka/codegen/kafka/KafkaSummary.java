package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The build-summary lines of the Kafka API: one per operation (channel, operationId, direction, generated type), one
 * per parameterised channel (how its topic is found), one per receive operation's retry/DLQ topics (and the rule that
 * chose them), one per server.
 */
final class KafkaSummary {

    private KafkaSummary() {}

    static List<String> lines(KafkaApiPlan plan) {
        List<String> out = new ArrayList<>();
        for (KafkaApiPlan.ChannelPlan c : plan.channels()) {
            for (KafkaApiPlan.SendMethod s : c.sends()) {
                out.add("operation %s on channel %s: send -> %s.%s(%s)".formatted(s.operation().operationId(),
                        c.channel().name(), c.producerClass().simpleName(), s.methodName(), s.message().name()));
            }
            for (KafkaApiPlan.ReceivePlan r : c.receives()) {
                out.add("operation %s on channel %s: receive -> %s via %s, group %s from %s (%s)".formatted(
                        r.operation().operationId(), c.channel().name(), r.handlerClass().simpleName(),
                        r.consumerClass().simpleName(), r.group().id(), r.group().rule(),
                        String.join(", ", r.methods().stream().map(m -> m.message().name()).toList())));
            }
            Channel ch = c.channel();
            if (ch.isParameterised() && !(c.sends().isEmpty() && c.receives().isEmpty())) {
                out.add("channel %s: no topic binding, so producers build the topic name from %s and consumers subscribe by pattern %s"
                        .formatted(ch.name(), String.join(", ", TopicNames.params(ch).stream().map(TopicNames.Param::name).toList()),
                                TopicNames.pattern(ch)));
            } else if (!ch.parameters().isEmpty()) {
                out.add("channel %s: parameterised name, its fixed topic %s (bindings.kafka.topic or x-address) used".formatted(
                        ch.name(), ch.topic()));
            }
            for (KafkaApiPlan.ReceivePlan r : c.receives()) {
                RetryDlqResolver.Resolution res = r.resolution();
                out.add("operation %s on channel %s: retry topic %s (%s), dead-letter topic %s (%s)".formatted(
                        r.operation().operationId(), ch.name(), res.retryTopic() == null ? "none" : res.retryTopic(),
                        res.retryRule(), res.dlqTopic(), res.dlqRule()));
            }
        }
        plan.servers().forEach(s -> out.add(s.summaryLine()));
        return List.copyOf(out);
    }
}
