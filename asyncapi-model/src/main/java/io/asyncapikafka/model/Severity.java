package io.asyncapikafka.model;

/** How bad a {@link Diagnostic} is. With the {@code strict} option every warning counts as an error. */
public enum Severity {
    ERROR,
    WARNING
}
