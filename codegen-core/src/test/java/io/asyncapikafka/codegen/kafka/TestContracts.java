package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Channel;
import io.asyncapikafka.model.ChannelParameter;
import io.asyncapikafka.model.Info;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Role;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SecurityRequirement;
import io.asyncapikafka.model.SecurityScheme;
import io.asyncapikafka.model.Server;
import io.asyncapikafka.model.SourceLocation;
import java.util.List;
import java.util.Map;

/** Small models built in code, for generator tests that must not depend on the contract reader. */
final class TestContracts {

    static final SourceLocation HERE = new SourceLocation("test.yaml", 1, 1, "");

    private TestContracts() {}

    static Schema any() {
        return new Schema.AnySchema(Schema.SchemaMeta.at(HERE));
    }

    static Schema string() {
        return new Schema.StringSchema(Schema.SchemaMeta.at(HERE), null, null, null, null, null);
    }

    static Message message(String name, Schema key) {
        return new Message(name, name, null, null, null, "application/json", any(), null, key, null, HERE);
    }

    static Operation op(String id, String keyword, Role role, List<Message> messages) {
        return new Operation(id, false, keyword, role.directionOf(keyword), null, null, null, null, messages, null, null,
                HERE);
    }

    static Channel channel(String name, String topic, Integer partitions, List<Operation> ops) {
        return new Channel(name, topic, null, List.of(), partitions, null, Map.of(), ops, null, null, HERE);
    }

    static Channel parameterised(String name, List<Operation> ops) {
        List<ChannelParameter> params = TopicNames.params(channel(name, null, null, List.of())).stream()
                .map(p -> new ChannelParameter(p.name(), null, string(), HERE))
                .toList();
        return new Channel(name, null, null, params, null, null, Map.of(), ops, null, null, HERE);
    }

    static Server server(String name, String url, String protocol, SecurityScheme... schemes) {
        return new Server(name, url, protocol, null, null,
                java.util.Arrays.stream(schemes).map(s -> new SecurityRequirement(s, List.of())).toList(), Map.of(), HERE);
    }

    static SecurityScheme scheme(String name, String type) {
        return new SecurityScheme(name, type, null, HERE);
    }

    static AsyncApiModel model(String title, Role role, List<Server> servers, List<Channel> channels) {
        return new AsyncApiModel("test.yaml", "2.6.0", new Info(title, "1.0.0", null, HERE), "application/json",
                servers, channels, Map.of(), Map.of(), role, List.of("test.yaml"));
    }

    /** The seed contract's shape, built by hand. */
    static AsyncApiModel seed(Role role) {
        Message created = message("OrderCreated", null);
        return model("Orders EDA", role,
                List.of(server("prod", "kafka1:9093,kafka2:9093,kafka3:9093", "kafka-secure",
                        scheme("scramSha256", "scramSha256"))),
                List.of(channel("orders.v1", "orders.v1", 12, List.of(op("publishOrderCreated", "publish", role, List.of(created)))),
                        channel("orders.retry.v1", "orders.retry.v1", 12,
                                List.of(op("consumeOrderCreatedRetry", "subscribe", role, List.of(created)))),
                        channel("orders.dlq.v1", "orders.dlq.v1", 6, List.of())));
    }
}
