/**
 * Payload, enum, union, headers and key types generated from the contract's JSON Schemas.
 *
 * <p>{@link io.asyncapikafka.codegen.types.TypesGenerator} is the one entry point: it plans every type first (names
 * by {@link io.asyncapikafka.codegen.types.Naming}, references, unions, merged {@code allOf}), then runs one small
 * generator per kind. It returns the files (in {@code <basePackage>.model}) and a
 * {@link io.asyncapikafka.codegen.types.GeneratedTypes} registry: for each message its payload, headers and key
 * types ({@link io.asyncapikafka.codegen.types.MessageTypes}, {@link io.asyncapikafka.codegen.types.KeyType}), which
 * the Kafka API generators (topics, producers, handlers) build on without looking at schemas again.
 */
package io.asyncapikafka.codegen.types;
