package io.asyncapikafka.codegen.kafka;

import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Diagnostic;
import io.asyncapikafka.model.Operation;
import io.asyncapikafka.model.Severity;
import java.util.function.Consumer;

/**
 * An AsyncAPI 3.x {@code reply} is read into the model, but the generated API does not wire it yet (KAFKA-API.md,
 * "Request/reply"): each such operation gets a warning, so the gap is never silent.
 */
final class ReplyNotice {

    private ReplyNotice() {}

    static void check(AsyncApiModel model, Consumer<Diagnostic> diagnostics) {
        for (Operation op : model.operations()) {
            if (op.reply() != null) {
                diagnostics.accept(new Diagnostic("AKK301", Severity.WARNING, "operation '" + op.operationId()
                        + "' declares a reply; request/reply methods are not generated yet, only the "
                        + op.direction().name().toLowerCase(java.util.Locale.ROOT) + " side of the request",
                        "build the other half on the runtime's RequestReplyClient / Replier (codegen-core/KAFKA-API.md)",
                        op.location()));
            }
        }
    }
}
