package io.asyncapikafka.jdbc;

import io.asyncapikafka.runtime.HeadersCodec;
import io.asyncapikafka.runtime.KeyCodec;
import io.asyncapikafka.runtime.MessageType;

/** Test payload: an order to charge, with its event id and its business key (the order id). */
public record Charge(String eventId, String orderId, long cents) {

    public static final MessageType<String, Charge, Void> TYPE =
            MessageType.of("OrderCharged", Charge.class, KeyCodec.string(), HeadersCodec.none())
                    .withEventId(m -> m.payload().eventId())
                    .withBusinessKey(m -> m.payload().orderId());

    /** The same without a business key (technical dedup only). */
    public static final MessageType<String, Charge, Void> BY_EVENT_ID =
            MessageType.of("OrderCharged", Charge.class, KeyCodec.string(), HeadersCodec.none())
                    .withEventId(m -> m.payload().eventId());
}
