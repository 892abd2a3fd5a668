package io.asyncapikafka.runtime.reply;

import java.util.Objects;

/**
 * Where a request/reply exchange keeps its correlation id and reply address: AsyncAPI 3.x names them with runtime
 * expressions ({@code correlationId.location}, {@code reply.address.location}); on Kafka they are record headers.
 */
public final class ReplyHeaders {

    private static final String HEADER = "$message.header#/";

    private ReplyHeaders() {}

    /**
     * The Kafka header a runtime expression names: {@code $message.header#/REQUEST_ID} → {@code REQUEST_ID}.
     *
     * @throws IllegalArgumentException for any other expression (a payload location cannot be set by the runtime
     *     without knowing the payload's shape; the generator refuses it before code is generated)
     */
    public static String headerName(String runtimeExpression) {
        Objects.requireNonNull(runtimeExpression, "runtimeExpression");
        if (!runtimeExpression.startsWith(HEADER) || runtimeExpression.length() == HEADER.length()
                || runtimeExpression.indexOf('/', HEADER.length()) >= 0) {
            throw new IllegalArgumentException("'" + runtimeExpression + "' is not a header location: request/reply"
                    + " needs $message.header#/<name>");
        }
        return runtimeExpression.substring(HEADER.length()).replace("~1", "/").replace("~0", "~");
    }
}
