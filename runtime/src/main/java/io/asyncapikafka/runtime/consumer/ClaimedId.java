package io.asyncapikafka.runtime.consumer;

import java.util.Objects;

/**
 * One claimed id of a {@link ProcessedEventStore#completeAll} call: the context of its record and the id.
 *
 * @param context the context the id was claimed with
 * @param id the event id or business key
 */
public record ClaimedId(DedupContext context, String id) {

    public ClaimedId {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(id, "id");
    }
}
