package io.asyncapikafka.runtime.consumer;

import java.util.Objects;

/**
 * What a {@link ProcessedEventStore} call is about, besides the id: the consumer group and message type (a shared
 * table is namespaced by them), the kind of id, and the record being processed.
 *
 * @param groupId the consumer group; part of the identity of every id
 * @param messageType the message name ({@code ce_type}); part of the identity of a business key
 * @param kind whether the id is an event id or a business key
 * @param topic topic of the record (for diagnostics; a retry copy has the retry topic)
 * @param partition its partition
 * @param offset its offset
 */
public record DedupContext(String groupId, String messageType, Kind kind, String topic, int partition, long offset) {

    /** The two levels of deduplication. */
    public enum Kind {
        /** Technical dedup: the CloudEvents {@code ce_id} (or the message's event-id field). */
        EVENT_ID,
        /** Functional dedup: the message's business key. */
        BUSINESS_KEY
    }

    public DedupContext {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
    }

    /** The same record's context for the other kind of id. */
    public DedupContext withKind(Kind other) {
        return other == kind ? this : new DedupContext(groupId, messageType, other, topic, partition, offset);
    }
}
