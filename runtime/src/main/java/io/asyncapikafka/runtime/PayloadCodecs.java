package io.asyncapikafka.runtime;

import java.util.ServiceLoader;

/** Finds the {@link PayloadCodecProvider} of a {@link PayloadFormat} on the class path. */
final class PayloadCodecs {

    private PayloadCodecs() {}

    static <V> PayloadCodec<V> find(String messageName, PayloadFormat format, Class<V> payloadType) {
        ClassLoader loader = payloadType.getClassLoader() != null ? payloadType.getClassLoader()
                : PayloadCodecs.class.getClassLoader();
        for (PayloadCodecProvider p : ServiceLoader.load(PayloadCodecProvider.class, loader)) {
            if (p.supports(format)) {
                return p.codec(messageName, format, payloadType);
            }
        }
        throw new IllegalStateException("message " + messageName + " is written as " + format.mediaType()
                + " but no payload codec for it is on the class path"
                + (PayloadFormat.AVRO.equals(format.mediaType())
                        ? "; add the io.asyncapikafka:asyncapi-kafka-avro dependency" : ""));
    }
}
