package io.asyncapikafka.runtime;

/**
 * Service-loaded ({@code META-INF/services/io.asyncapikafka.runtime.PayloadCodecProvider}) source of
 * {@link PayloadCodec}s: an optional module (asyncapi-kafka-avro) provides one per format it implements.
 */
public interface PayloadCodecProvider {

    /** True when this provider writes and reads {@code format}. */
    boolean supports(PayloadFormat format);

    /** The codec for one message. */
    <V> PayloadCodec<V> codec(String messageName, PayloadFormat format, Class<V> payloadType);
}
