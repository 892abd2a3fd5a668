package io.asyncapikafka.model;

import java.util.List;

/**
 * A server variable: a {@code {name}} part of the server's {@code url} (3.x: {@code host}/{@code pathname}), with the
 * value used when nothing overrides it at run time.
 *
 * @param defaultValue {@code default} (required by this reader: a server without one has no usable address)
 * @param enumValues {@code enum}, empty when absent; the default is one of them
 */
public record ServerVariable(
        String name, String defaultValue, List<String> enumValues, String description, SourceLocation location) {
    public ServerVariable {
        enumValues = List.copyOf(enumValues);
    }
}
