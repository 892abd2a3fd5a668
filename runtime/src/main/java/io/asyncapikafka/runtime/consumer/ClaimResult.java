package io.asyncapikafka.runtime.consumer;

/** The answer of {@link ProcessedEventStore#claim}. */
public enum ClaimResult {
    /** The id is now claimed by this attempt; the handler runs. */
    CLAIMED,
    /** The id was processed: a duplicate (event id) or a functional duplicate (business key). */
    ALREADY_PROCESSED,
    /** Another live attempt holds the claim: try again later; neither a duplicate nor a failure. */
    IN_FLIGHT
}
