package io.asyncapikafka.runtime.consumer;

/**
 * Headers on records the runtime forwards to a retry topic; all UTF-8 text. Replaced on each forward.
 */
public final class RetryHeaders {

    /** Common prefix of every header below. */
    public static final String PREFIX = "retry.";
    /** Earliest time the record may be handled again, epoch milliseconds; the consumer waits until then. */
    public static final String DUE_AT = "retry.due-at";
    /** How many times the record went through the retry topic, decimal. */
    public static final String COUNT = "retry.count";
    /** Handler attempts made before this forward, decimal. */
    public static final String ATTEMPTS = "retry.attempts";
    /** The topic the record was first consumed from. */
    public static final String ORIGINAL_TOPIC = "retry.original.topic";
    /** Its partition there. */
    public static final String ORIGINAL_PARTITION = "retry.original.partition";
    /** Its offset there. */
    public static final String ORIGINAL_OFFSET = "retry.original.offset";

    /**
     * The consumer group that wrote the copy. On its retry topic a runner handles only its own group's copies: one of
     * another group sharing the retry topic is skipped and committed. Copies without it (written by an older runtime)
     * are handled by every group that reads them; a runner consuming the topic as a main topic handles every copy.
     */
    public static final String CONSUMER_GROUP = "retry.consumer.group";

    private RetryHeaders() {}
}
