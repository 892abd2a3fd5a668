package io.asyncapikafka.micrometer;

/**
 * The meter names and tag keys of this module, in one place. Names follow Micrometer's convention (lower-case, dot
 * separated, no unit or {@code _total} suffix: the registry adds those); the two timers are named and tagged after
 * Spring Kafka's {@code spring.kafka.listener} and {@code spring.kafka.template} (tags {@code outcome} and
 * {@code exception}, {@code none} on success), so dashboards built for one read the other.
 */
public final class KafkaMeterNames {

    private KafkaMeterNames() {}

    /** Timer: handler duration; tags topic, group, message.type, outcome (success, failure), exception. */
    public static final String LISTENER = "asyncapi.kafka.listener";
    /** Timer: from send to acknowledgement; tags topic, message.type, outcome (success, failure), exception. */
    public static final String TEMPLATE = "asyncapi.kafka.template";
    /** Counter: messages refused before sending because they break the contract; tags topic, message.type. */
    public static final String REJECTED = "asyncapi.kafka.producer.rejected";

    /** Counter: records delivered by poll (redeliveries count again); tags topic, group. */
    public static final String RECEIVED = "asyncapi.kafka.consumer.received";
    /** Counter: records a handler finished; tags topic, group, message.type. */
    public static final String PROCESSED = "asyncapi.kafka.consumer.processed";
    /** Counter: records skipped as already processed (same event id); tags topic, group. */
    public static final String DEDUPLICATED = "asyncapi.kafka.consumer.deduplicated";
    /** Counter: failed records scheduled for another attempt (in place or retry topic); tags topic, group. */
    public static final String RETRIED = "asyncapi.kafka.consumer.retried";
    /** Counter: records written to the dead-letter topic (once acknowledged); tags topic, group, reason. */
    public static final String DEAD_LETTERED = "asyncapi.kafka.consumer.dead.lettered";
    /** Counter: handler calls that threw; tags topic, group. */
    public static final String FAILED = "asyncapi.kafka.consumer.failed";
    /** Counter: dead-letter or retry-topic writes that failed; tags topic (the target), group, permanent. */
    public static final String FORWARD_FAILED = "asyncapi.kafka.consumer.forward.failed";
    /** Counter: failed calls of the processed-event store; tags topic, group. */
    public static final String STORE_FAILED = "asyncapi.kafka.consumer.store.failed";
    /** Counter: partitions taken from this member; tags group, kind (revoked, lost). */
    public static final String PARTITIONS_REMOVED = "asyncapi.kafka.consumer.partitions.removed";
    /** Gauge: last measured lag of a partition (records); tags topic, partition, group. */
    public static final String LAG = "asyncapi.kafka.consumer.lag";

    public static final String TAG_TOPIC = "topic";
    public static final String TAG_PARTITION = "partition";
    public static final String TAG_GROUP = "group";
    public static final String TAG_MESSAGE_TYPE = "message.type";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_EXCEPTION = "exception";
    public static final String TAG_REASON = "reason";
    public static final String TAG_PERMANENT = "permanent";
    public static final String TAG_KIND = "kind";

    static final String SUCCESS = "success";
    static final String FAILURE = "failure";
    static final String NONE = "none";

    /** The {@code exception} tag value: the simple class name, {@code none} without one. */
    static String exception(Throwable error) {
        if (error == null) {
            return NONE;
        }
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
