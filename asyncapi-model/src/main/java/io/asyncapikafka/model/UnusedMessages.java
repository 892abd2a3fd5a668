package io.asyncapikafka.model;

import java.util.List;
import java.util.Map;

/**
 * The messages of {@code components.messages} that no channel uses, read (traits merged) only so that their examples
 * are checked like those of the messages in use: nothing is generated from them, and the reader reports nothing else
 * about them than it did before (their examples' shape, and the code generator their values, are checked).
 *
 * @param messages in document order
 * @param schemas the named schemas those messages reach that {@link AsyncApiModel#schemas()} does not hold (nothing
 *     else reaches them), by name
 */
public record UnusedMessages(List<Message> messages, Map<String, Schema> schemas) {

    /** None. */
    public static final UnusedMessages NONE = new UnusedMessages(List.of(), Map.of());

    public UnusedMessages {
        messages = List.copyOf(messages);
        schemas = Collections2.copyOrdered(schemas);
    }
}
