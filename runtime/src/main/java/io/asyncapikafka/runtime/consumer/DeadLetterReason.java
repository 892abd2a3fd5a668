package io.asyncapikafka.runtime.consumer;

/** Why a record was dead-lettered; the value of the {@link DeadLetterHeaders#REASON} header. */
public enum DeadLetterReason {
    /** Key, value or headers could not be decoded; the raw bytes are kept. Never retried. */
    DESERIALIZATION,
    /** The decoded message broke its contract constraints. Never retried. */
    CONTRACT_VIOLATION,
    /** No handler for the record's {@code ce_type} (or no {@code ce_type} on a multi-message channel). */
    UNKNOWN_MESSAGE_TYPE,
    /** The handler threw a non-retryable exception. */
    NON_RETRYABLE,
    /** The handler failed on every in-place attempt and every retry-topic round. */
    RETRIES_EXHAUSTED,
    /** Another event with the same business key was already processed. */
    DUPLICATE_KEY
}
