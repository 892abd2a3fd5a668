package io.asyncapikafka.runtime.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON Schema (draft 7, compact JSON, references as {@code #/definitions/<name>}) of a generated type whose
 * contract has keywords its Java shape cannot hold: {@code not}, {@code if}, {@code oneOf} without discriminator,
 * {@code additionalProperties}, constrained untyped members, ... {@link Json#mapper()} checks the received JSON tree
 * against it before binding (the outermost such type of a value checks the whole value), and the producer checks the
 * JSON form of a value before sending (see {@link ContractSchemas#check}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ContractSchema {

    /**
     * The schema, JSON text, in parts to be joined (a class file holds at most 64 KB per string constant, and a
     * large contract's schema with its definitions can be longer).
     */
    String[] value();
}
