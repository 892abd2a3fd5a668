package io.asyncapikafka.model;

/**
 * A {@code components/securitySchemes} entry: {@code type} is the AsyncAPI type ({@code userPassword},
 * {@code scramSha256}, {@code scramSha512}, {@code plain}, {@code X509}, {@code gssapi}, ...).
 */
public record SecurityScheme(String name, String type, String description, SourceLocation location) {}
