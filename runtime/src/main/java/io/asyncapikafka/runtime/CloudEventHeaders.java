package io.asyncapikafka.runtime;

/**
 * Names of the CloudEvents Kafka protocol binding headers (binary mode) and W3C trace context header the runtime
 * writes and reads. All values are UTF-8 text.
 */
public final class CloudEventHeaders {

    /** Event id; deduplication uses it. */
    public static final String ID = "ce_id";
    /** Message name from the contract; dispatch uses it. */
    public static final String TYPE = "ce_type";
    /** The producing application, a URI reference. */
    public static final String SOURCE = "ce_source";
    /** Always {@value #SPEC_VERSION_VALUE}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** Time the event was sent, ISO-8601. */
    public static final String TIME = "ce_time";
    /** Media type of the value; {@value #JSON} for our payloads. */
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context, propagated unchanged. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
