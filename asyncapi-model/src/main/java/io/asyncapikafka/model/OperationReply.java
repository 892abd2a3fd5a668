package io.asyncapikafka.model;

import java.util.List;

/**
 * The {@code reply} of an AsyncAPI 3.x request/reply operation: where the replier sends the reply and which messages a
 * reply may be. The correlation id is the request and reply messages' {@link Message#correlationId()}.
 *
 * @param channelName the {@link Channel#name()} of the reply channel, or {@code null} when the reply names none
 * @param addressLocation the reply address's runtime expression (e.g. {@code $message.header#/replyTo}: the request
 *     carries the reply topic), or {@code null} when the reply goes to the reply channel's own topic
 * @param messages the reply messages in document order (all of the reply channel's when the reply lists none)
 */
public record OperationReply(String channelName, String addressLocation, List<Message> messages,
        SourceLocation location) {
    public OperationReply {
        messages = List.copyOf(messages);
    }
}
