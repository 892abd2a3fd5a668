package io.asyncapikafka.micrometer;

import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;
import io.asyncapikafka.runtime.Validatable;
import io.asyncapikafka.runtime.Violation;
import java.util.List;

/** Test payload shaped like a generated record: an event id and a constraint checked by validate(). */
public record Payment(String id, int cents) implements Validatable {

    public static final MessageType<String, Payment, Void> TYPE =
            MessageType.of("PaymentRequested", Payment.class, KeyCodec.string(), HeadersCodec.none())
                    .withEventId(m -> m.payload().id());

    @Override
    public void validate(String path, List<Violation> out) {
        if (cents < 0) {
            out.add(new Violation(path + ".cents", "must be >= 0 but was " + cents));
        }
    }
}
