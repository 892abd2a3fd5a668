package io.asyncapikafka.model;

/** A message's correlation id: a runtime expression such as {@code $message.header#/correlationId}. */
public record CorrelationId(String location, String description) {}
