package io.asyncapikafka.runtime;

import java.util.List;

/** Test payload shaped like a generated record: required fields, a constraint, a generated-style validate(). */
public record OrderEvent(String id, String ref, int qty) implements Validatable {

    public static final MessageType<String, OrderEvent, Void> TYPE =
            MessageType.of("OrderCreated", OrderEvent.class, KeyCodec.string(), HeadersCodec.none())
                    .withEventId(m -> m.payload().id());

    public static OrderEvent of(String id) {
        return new OrderEvent(id, "ref-" + id, 1);
    }

    @Override
    public void validate(String path, List<Violation> out) {
        if (qty < 0) {
            out.add(new Violation(path + ".qty", "must be >= 0 but was " + qty));
        }
    }
}
