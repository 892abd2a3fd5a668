package io.asyncapikafka.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import io.asyncapikafka.runtime.ContractViolationException;
import io.asyncapikafka.runtime.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks values of {@link ContractSchema}-annotated types against their schema: on receive, the JSON tree as it
 * arrived (unknown members included) before it is bound; on send, the JSON form of the value.
 */
public final class ContractSchemas {

    private static final ClassValue<Optional<SchemaCheck>> CHECKS = new ClassValue<>() {
        @Override
        protected Optional<SchemaCheck> computeValue(Class<?> type) {
            ContractSchema a = type.getAnnotation(ContractSchema.class);
            return a == null ? Optional.empty() : Optional.of(SchemaCheck.of(String.join("", a.value())));
        }
    };
    /** Set while the outermost checked value is bound: the values inside it were checked with it. */
    private static final Object CHECKING = new Object();

    private ContractSchemas() {}

    /** The schema check of {@code type}, when it has a {@link ContractSchema}. */
    public static Optional<SchemaCheck> of(Class<?> type) {
        return CHECKS.get(type);
    }

    /**
     * Adds the violations of {@code value}'s JSON form to {@code out} when {@code declared} (the payload type of a
     * message) has a {@link ContractSchema}; does nothing otherwise. The producer's path calls it beside
     * {@code Validatable.validate}.
     */
    public static void check(Class<?> declared, Object value, String path, List<Violation> out) {
        Optional<SchemaCheck> check = of(declared);
        if (check.isPresent() && value != null) {
            check.get().check(Json.mapper().valueToTree(value), path, out);
        }
    }

    /** The contract violation inside {@code t} (itself or a cause), as a decode failure carries it. */
    public static Optional<ContractViolationException> violationIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ContractViolationException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("asyncapi-kafka-contract-schemas");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Optional<SchemaCheck> check = of(description.getBeanClass());
                return check.isPresent() ? new Checking(deserializer, check.get()) : deserializer;
            }
        });
        return module;
    }

    /** The JSON path of the parser's current value, e.g. {@code $.items[2]}. */
    static String pathOf(JsonParser p) {
        JsonStreamContext c = p.getParsingContext();
        if (p.currentToken() != null && p.currentToken().isStructStart()) {
            c = c.getParent(); // the container just opened has no entry yet; its parent's entry is this value
        }
        return "$" + entries(c);
    }

    private static String entries(JsonStreamContext c) {
        if (c == null || c.inRoot()) {
            return "";
        }
        String own = c.inArray() ? "[" + Math.max(c.getCurrentIndex(), 0) + "]"
                : c.getCurrentName() == null ? "" : JsonValues.member("", c.getCurrentName());
        return entries(c.getParent()) + own;
    }

    /** Checks the tree of the outermost annotated value, then binds it with the wrapped deserializer. */
    private static final class Checking extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;
        private final transient SchemaCheck check;

        Checking(JsonDeserializer<?> delegate, SchemaCheck check) {
            super(delegate);
            this.check = check;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegatee) {
            return new Checking(delegatee, check);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (ctxt.getAttribute(CHECKING) != null) {
                return _delegatee.deserialize(p, ctxt);
            }
            JsonParser tree = checked(p, ctxt);
            try {
                return _delegatee.deserialize(tree, ctxt);
            } finally {
                ctxt.setAttribute(CHECKING, null);
            }
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types)
                throws IOException {
            if (ctxt.getAttribute(CHECKING) != null) {
                return _delegatee.deserializeWithType(p, ctxt, types);
            }
            JsonParser tree = checked(p, ctxt);
            try {
                return _delegatee.deserializeWithType(tree, ctxt, types);
            } finally {
                ctxt.setAttribute(CHECKING, null);
            }
        }

        private JsonParser checked(JsonParser p, DeserializationContext ctxt) throws IOException {
            String path = pathOf(p);
            JsonNode value = ctxt.readTree(p);
            List<Violation> out = new ArrayList<>();
            check.check(value, path, out);
            if (!out.isEmpty()) {
                throw new ContractViolationException("received value", out);
            }
            ctxt.setAttribute(CHECKING, Boolean.TRUE);
            JsonParser tree = new TreeTraversingParser(value, p.getCodec());
            tree.nextToken();
            return tree;
        }
    }
}
