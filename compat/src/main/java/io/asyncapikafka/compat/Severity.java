package io.asyncapikafka.compat;

/** How a contract change lands on the running system. */
public enum Severity {
    /** Readers holding one of the two contracts fail on data the other allows (or a channel disappears): fails the build. */
    BREAKING,
    /** Nothing fails to parse, but deployments must be coordinated (offsets reset, key → partition mapping moves, ...). */
    NEEDS_COORDINATION,
    /** Compatible in the direction that matters. */
    SAFE
}
