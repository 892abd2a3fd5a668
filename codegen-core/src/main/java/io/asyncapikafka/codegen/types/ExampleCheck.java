package io.asyncapikafka.codegen.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.asyncapikafka.model.AsyncApiModel;
import io.asyncapikafka.model.Message;
import io.asyncapikafka.model.MessageExample;
import io.asyncapikafka.model.Schema;
import io.asyncapikafka.model.SourceLocation;
import io.asyncapikafka.model.UnusedMessages;
import io.asyncapikafka.runtime.Violation;
import io.asyncapikafka.runtime.json.Json;
import io.asyncapikafka.runtime.json.SchemaCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every message example against the message's payload and headers schemas, with the runtime's own check
 * ({@link SchemaCheck}, the rules a received record meets), so that an example a consumer would dead-letter fails
 * the build. The AsyncAPI specification says an example's payload and headers "MUST validate" against the message's
 * (2.x and 3.x); the official parser refuses a 2.x document that breaks it (rule asyncapi2-message-examples).
 */
final class ExampleCheck {

    private static final String HINT = "Correct the example (or the schema): a record like it would be refused on"
            + " send and dead-lettered CONTRACT_VIOLATION on receive.";
    /** Violations reported per example part; the rest are summed up. */
    private static final int SHOWN = 3;

    private final RuntimeSchemas schemas;
    private final Problems problems;

    private ExampleCheck(AsyncApiModel model, Problems problems) {
        this.schemas = RuntimeSchemas.create(model, problems);
        this.problems = problems;
    }

    static ExampleCheck create(AsyncApiModel model, Problems problems) {
        return new ExampleCheck(model, problems);
    }

    /**
     * Checks the examples of the messages of {@code components.messages} that no channel uses ({@link
     * AsyncApiModel#unusedMessages()}) the same way: the specification's rule does not depend on a message being
     * used, and a broken example there would otherwise pass unnoticed until a channel starts using the message.
     */
    static void checkUnused(AsyncApiModel model, Problems problems) {
        UnusedMessages unused = model.unusedMessages();
        if (unused.messages().stream().allMatch(m -> m.examples().isEmpty())) {
            return;
        }
        Map<String, Schema> schemas = new LinkedHashMap<>(model.schemas());
        unused.schemas().forEach(schemas::putIfAbsent); // what only these messages reach
        ExampleCheck check = create(new AsyncApiModel(model.contractFile(), model.asyncapiVersion(), model.info(),
                model.defaultContentType(), model.servers(), model.channels(), schemas, model.securitySchemes(),
                model.role(), model.inputFiles()), problems);
        unused.messages().forEach(check::check);
    }

    void check(Message m) {
        if (m.examples().isEmpty()) {
            return;
        }
        SchemaCheck payload = checkOf(m.payload());
        SchemaCheck headers = m.headers() == null ? null : checkOf(m.headers());
        for (MessageExample e : m.examples()) {
            if (payload != null && e.payload() != null) {
                report(m, e, "payload", payload, e.payload(), e.payloadLocation());
            }
            if (headers != null && e.headers() != null) {
                report(m, e, "headers", headers, e.headers(), e.headersLocation());
            }
        }
    }

    private SchemaCheck checkOf(Schema s) {
        if (s instanceof Schema.AnySchema || RuntimeSchemas.sourceOf(s) == null) {
            return null; // nothing asserted, or a format whose schema is not JSON Schema
        }
        return SchemaCheck.of(schemas.json(s));
    }

    private void report(Message m, MessageExample e, String part, SchemaCheck check, Object value, SourceLocation at) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(RuntimeSchemas.literalJson(value));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a model literal is not JSON: " + ex.getOriginalMessage(), ex);
        }
        List<Violation> found = new ArrayList<>();
        check.check(json, "$", found);
        if (found.isEmpty()) {
            return;
        }
        StringBuilder what = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, found.size()); i++) {
            what.append(i == 0 ? "" : "; ").append(found.get(i));
        }
        if (found.size() > SHOWN) {
            what.append("; and ").append(found.size() - SHOWN).append(" more");
        }
        problems.error(Problems.EXAMPLE_INVALID, "example " + e.label() + " of message '" + m.name() + "': its "
                + part + " does not match the message's " + part + " schema: " + what, HINT, at);
    }
}
