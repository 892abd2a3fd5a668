package io.asyncapikafka.model;

/** The contract's {@code info} block. */
public record Info(String title, String version, String description, SourceLocation location) {}
