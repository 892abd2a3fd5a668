package io.asyncapikafka.runtime.consumer;

/**
 * Headers the runtime adds to a dead-lettered record; all UTF-8 text. The record keeps the original key, value and
 * headers; headers starting with {@value #PREFIX} from an earlier dead-lettering are replaced, not stacked.
 */
public final class DeadLetterHeaders {

    /** Common prefix of every header below. */
    public static final String PREFIX = "dlq.";
    /**
     * Topic the record was first consumed from: the main topic, also for records that went through the retry topic
     * or were dead-lettered before (then the four {@code original} headers keep their first values).
     */
    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    /** Partition in {@link #ORIGINAL_TOPIC}, decimal. */
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    /** Offset in {@link #ORIGINAL_TOPIC}, decimal. */
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    /** Kafka timestamp of the consumed record, epoch milliseconds, decimal. */
    public static final String ORIGINAL_TIMESTAMP = "dlq.original.timestamp";
    /** Consumer group that gave up on the record. */
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    /** A {@link DeadLetterReason} name. */
    public static final String REASON = "dlq.reason";
    /** Class name of the exception. */
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    /** Its message (capped). */
    public static final String EXCEPTION_MESSAGE = "dlq.exception.message";
    /** {@code class: message} of the deepest cause. */
    public static final String EXCEPTION_ROOT_CAUSE = "dlq.exception.root-cause";
    /** Stack trace, capped at {@value #MAX_STACKTRACE_BYTES} bytes. */
    public static final String EXCEPTION_STACKTRACE = "dlq.exception.stacktrace";
    /** Handler attempts made in total, decimal (0 when the handler was never called). */
    public static final String ATTEMPTS = "dlq.attempts";
    /** When the record was dead-lettered, ISO-8601 instant. */
    public static final String FAILED_AT = "dlq.failed-at";

    /**
     * Present when the dead letter as built was too large for the dead-letter topic and a smaller form was written:
     * {@value #FALLBACK_NO_STACKTRACE} (no {@link #EXCEPTION_STACKTRACE}), or {@value #FALLBACK_REFERENCE_ONLY} (no
     * key, value or original headers; the {@code dlq.original.*} headers say where the record is, {@link #VALUE_SIZE}
     * how large its value was).
     */
    public static final String FALLBACK = "dlq.fallback";
    /** {@link #FALLBACK} value: the stack-trace header was left out. */
    public static final String FALLBACK_NO_STACKTRACE = "no-stacktrace";
    /** {@link #FALLBACK} value: only the {@code dlq.*} headers were written, as a reference to the original record. */
    public static final String FALLBACK_REFERENCE_ONLY = "reference-only";
    /** Size in bytes of the value left out of a {@link #FALLBACK_REFERENCE_ONLY} dead letter, decimal. */
    public static final String VALUE_SIZE = "dlq.value.size";

    /** Cap of {@link #EXCEPTION_STACKTRACE}, so a deep trace cannot make the record too large. */
    public static final int MAX_STACKTRACE_BYTES = 4096;

    private DeadLetterHeaders() {}
}
