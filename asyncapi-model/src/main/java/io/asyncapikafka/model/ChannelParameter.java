package io.asyncapikafka.model;

/** A channel name parameter such as {@code userId} in {@code user/{userId}/signedup}. */
public record ChannelParameter(String name, String description, Schema schema, SourceLocation location) {}
