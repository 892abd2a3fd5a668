package io.asyncapikafka.codegen;

/** The Java type for JSON Schema {@code number}. */
public enum NumberType {
    /** {@link java.math.BigDecimal}: lossless, the default. */
    BIG_DECIMAL,
    /** {@code double}: faster, loses precision beyond 15-17 significant digits. */
    DOUBLE
}
