package io.asyncapikafka.compat;

/**
 * Every compatibility rule: a stable id (its enum name), the severity when it does not depend on direction (else
 * {@code null}: breaking exactly when it {@link Breaks breaks} a reader the channel's {@link CompatMode} checks), and a
 * one-sentence hint. {@code compat/COMPAT.md} lists them all (a test checks it).
 */
public enum Rule {
    CHANNEL_REMOVED(Severity.BREAKING, "keep the channel until every consumer and producer has moved; for a deliberate"
            + " break add a new versioned channel (e.g. orders.v2) beside the old one"),
    CHANNEL_ADDED(Severity.SAFE, ""),
    CHANNEL_RENAMED(Severity.SAFE, "the topic is unchanged, so the wire is too; only generated names move"),
    TOPIC_CHANGED(Severity.BREAKING, "a new topic starts empty and old clients keep the old one; add the new topic as a"
            + " new versioned channel (e.g. orders.v2) and keep the old one until everyone moved"),
    OPERATION_REMOVED(Severity.BREAKING, "the other side still sends or waits on this channel; keep the operation or"
            + " retire the channel with a versioned replacement"),
    OPERATION_ADDED(Severity.SAFE, ""),
    OPERATION_ID_CHANGED(Severity.SAFE, "the wire is unchanged; generated method names change"),
    MESSAGE_ADDED(null, "old consumers see an unknown message type and dead-letter it: upgrade consumers first, or"
            + " publish the new type on a new versioned channel (e.g. orders.v2)"),
    MESSAGE_REMOVED(null, "old producers may still send it and the topic still holds it: keep reading it until they"
            + " stopped and retention passed"),
    MESSAGE_RENAMED(Severity.SAFE, "a channel's only message renamed; its payload is compared as the same message"),
    REPLY_ADDED(null, "requesters now wait for a reply old repliers never send: upgrade the repliers first"),
    REPLY_REMOVED(null, "old requesters wait for a reply that no longer comes: keep replying until they moved"),
    REPLY_ADDRESS_CHANGED(Severity.BREAKING, "old requesters listen where replies no longer go: keep the reply"
            + " address, or version the request channel (e.g. orders.v2)"),
    CONTENT_TYPE_CHANGED(Severity.BREAKING, "readers decode by content type; publish the new encoding on a new"
            + " versioned channel (e.g. orders.v2)"),
    AVRO_SCHEMA_CHANGED(null, "Avro reads a record with the writer's and the reader's schema: add fields with a"
            + " default, remove only fields that have one, widen types as Avro promotes them (int to long, float to"
            + " double, string to bytes)"),
    REQUIRED_PROPERTY_ADDED(null, "records written with the old contract lack it: give it a default or make it"
            + " optional"),
    REQUIRED_PROPERTY_REMOVED(null, "old readers still require it: keep sending it (optional in the new contract is"
            + " not enough) or move to a new versioned channel (e.g. orders.v2)"),
    PROPERTY_ADDED(null, "a reader that forbids additional properties rejects it: allow additional properties first"),
    PROPERTY_REMOVED(null, "a reader that forbids additional properties rejects records that still carry it"),
    PROPERTY_NOW_REQUIRED(null, "records written with the old contract may lack it: give it a default or keep it"
            + " optional"),
    PROPERTY_NOW_OPTIONAL(null, "old readers still require it: keep sending it"),
    TYPE_CHANGED(null, "no reader of one type reads the other: add a new property (or a new versioned channel, e.g."
            + " orders.v2) instead of changing the type"),
    TYPE_WIDENED(null, "old readers reject the values only the wider type allows: upgrade the readers first"),
    TYPE_NARROWED(null, "values the old contract allowed are now rejected: records on the topic and old producers"
            + " still have them"),
    FORMAT_CHANGED(null, "readers parse by format: add a new property with the new format instead"),
    ENUM_VALUE_ADDED(null, "old readers reject the new value: upgrade them first, or map unknown values to a"
            + " fallback"),
    ENUM_VALUE_REMOVED(null, "records on the topic and old producers may still carry the removed value"),
    CONSTRAINT_TIGHTENED(null, "values the old contract allowed are now rejected"),
    CONSTRAINT_LOOSENED(null, "old readers reject the values only the new contract allows: upgrade them first"),
    CONSTRAINT_CHANGED(null, "neither side accepts everything the other allows: keep the old constraint"),
    ONEOF_VARIANT_ADDED(null, "old readers see a variant they do not know: upgrade them first"),
    ONEOF_VARIANT_REMOVED(null, "records on the topic and old producers may still carry the removed variant"),
    DISCRIMINATOR_CHANGED(null, "readers pick the variant by the discriminator: keep it, or move to a new versioned"
            + " channel (e.g. orders.v2)"),
    REQUIRED_HEADER_ADDED(null, "records written with the old contract lack the header: make it optional or give it"
            + " a default"),
    KEY_CHANGED(Severity.BREAKING, "the key's type or encoding decides its bytes, hence the partition and the order;"
            + " put the new key on a new versioned channel (e.g. orders.v2)"),
    KEY_ADDED(Severity.NEEDS_COORDINATION, "records start to be partitioned by key: ordering holds only for records"
            + " written after the change"),
    KEY_REMOVED(Severity.BREAKING, "without a key, records of one entity spread over partitions and lose their"
            + " order; keep the key"),
    PARTITIONS_DECREASED(Severity.BREAKING, "Kafka cannot remove partitions: create a new versioned topic (e.g."
            + " orders.v2) with fewer partitions"),
    PARTITIONS_INCREASED_KEYED(Severity.NEEDS_COORDINATION, "the key → partition mapping changes, so per-key order is"
            + " broken across the change: drain consumers first, or use a new versioned topic"),
    PARTITIONS_INCREASED(Severity.SAFE, "unkeyed records: only the spread over partitions changes"),
    CLEANUP_POLICY_CHANGED(Severity.NEEDS_COORDINATION, "compaction and deletion keep different records; change the"
            + " topic's configuration deliberately, together with every consumer that relies on it"),
    CONSUMER_GROUP_CHANGED(Severity.NEEDS_COORDINATION, "a new group has no committed offsets: it starts from"
            + " auto.offset.reset (reprocessing or skipping records); copy the offsets over before switching"),
    SERVER_REMOVED(Severity.BREAKING, "deployments configured for this server lose it: keep it until they moved"),
    SERVER_CHANGED(Severity.NEEDS_COORDINATION, "clients configured for the old address, protocol or login must be"
            + " reconfigured together with the change"),
    SECURITY_SCHEME_REMOVED(Severity.BREAKING, "clients authenticating with this scheme are refused: keep it until"
            + " they moved");

    private final Severity fixed;
    private final String hint;

    Rule(Severity fixed, String hint) {
        this.fixed = fixed;
        this.hint = hint;
    }

    /** The stable id printed in findings and used in acknowledgements. */
    public String id() {
        return name();
    }

    /** The severity when it does not depend on direction, else {@code null}. */
    public Severity fixedSeverity() {
        return fixed;
    }

    /** The one-sentence hint, empty when there is nothing to do. */
    public String hint() {
        return hint;
    }
}
