package io.asyncapikafka.runtime.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the generated streaming {@link JsonCodec} of a payload type; {@link JsonCodecs#of} finds it, and
 * {@link io.asyncapikafka.runtime.MessageType} then encodes and decodes the payload with it instead of databind.
 * A type without it (a union, a type with {@code JsonNode} members or a {@link ContractSchema}) stays on databind.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Streamed {

    /** The codec class: public, with a public no-argument constructor. */
    Class<? extends JsonCodec<?>> value();
}
