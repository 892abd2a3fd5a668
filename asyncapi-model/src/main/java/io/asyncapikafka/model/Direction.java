package io.asyncapikafka.model;

/** Whether the generated side sends (produces) or receives (consumes) on an operation. */
public enum Direction {
    SEND,
    RECEIVE
}
